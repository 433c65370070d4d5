package vn.loaxa.report.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * The plays of one occurrence's audio in one area, as the plays report groups them from the deliveries: written
 * and read by queries only, a whole day at a time.
 */
@Entity
@Table(name = "plays_summary")
public class PlaysSummaryRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurrence_id")
    public UUID occurrenceId;

    @Column(name = "media_id")
    public UUID mediaId;

    @Column(name = "area_code")
    public String areaCode;

    public long plays;

    public long late;

    /** The rounded seconds of the plays whose receiver reported a usable start and end. */
    @Column(name = "measured_seconds")
    public long measuredSeconds;

    /** How many plays those were; the others count their audio's duration. */
    public long measured;
}
