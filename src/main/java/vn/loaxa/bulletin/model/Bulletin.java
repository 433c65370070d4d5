package vn.loaxa.bulletin.model;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import vn.loaxa.common.model.Authored;

@Entity
@Table(name = "bulletin")
public class Bulletin extends Authored {
    @Id
    public UUID id;

    public String title;

    public String topic;

    @Enumerated(EnumType.STRING)
    public Priority priority;

    @Column(name = "source_agency")
    public String sourceAgency;

    @Enumerated(EnumType.STRING)
    public BulletinStatus status = BulletinStatus.DRAFT;

    /** Title, topic and source agency folded by {@code SearchText}; maintained by the service. */
    @Column(name = "search_text")
    public String searchText;

    @ElementCollection
    @CollectionTable(name = "bulletin_segment", joinColumns = @JoinColumn(name = "bulletin_id"))
    @OrderColumn(name = "position")
    public List<Segment> segments = new ArrayList<>();
}
