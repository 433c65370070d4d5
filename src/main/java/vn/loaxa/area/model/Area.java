package vn.loaxa.area.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.List;

/** A node of the administrative tree; the tree may be any depth. */
@Entity
@Table(name = "area")
public class Area {
    @Id
    public String code;

    public String name;

    @Enumerated(EnumType.STRING)
    public AreaKind kind;

    @Column(name = "parent_code")
    public String parentCode;

    /** Materialised path such as {@code /20/20-TK/}, kept so that a subtree is a prefix match. */
    public String path;

    /** The codes along a materialised path, root first: {@code /20/20-TK/} gives {@code [20, 20-TK]}. */
    public static List<String> chainOf(String path) {
        return path == null
                ? List.of()
                : Arrays.stream(path.split("/")).filter(code -> !code.isEmpty()).toList();
    }
}
