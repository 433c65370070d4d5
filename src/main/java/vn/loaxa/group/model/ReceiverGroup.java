package vn.loaxa.group.model;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.LinkedHashSet;
import java.util.Set;
import vn.loaxa.common.model.Authored;

/** A named set of receivers, targeted as a whole; members may sit in any areas. */
@Entity
@Table(name = "receiver_group")
public class ReceiverGroup extends Authored {
    @Id
    public String code;

    public String name;

    @ElementCollection
    @CollectionTable(name = "receiver_group_member", joinColumns = @JoinColumn(name = "group_code"))
    @Column(name = "receiver_id")
    public Set<String> members = new LinkedHashSet<>();
}
