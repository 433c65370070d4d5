package vn.loaxa.report.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/**
 * A closed day of the plays summary. The report reads the day from the summary only if it is {@code ready} and not
 * {@code dirty}; a delivery change for the day sets {@code dirty}, and summarising it again clears it.
 */
@Entity
@Table(name = "plays_summary_day")
public class PlaysSummaryDay {
    @Id
    @Column(name = "play_day")
    public LocalDate day;

    public boolean dirty;

    public boolean ready;
}
