package vn.loaxa.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.loaxa.area.api.AreaNode;
import vn.loaxa.area.model.AreaKind;

/** The area tree as the administration pages offer it: depth first, each area named and indented by its depth. */
final class AreaOptions {
    private AreaOptions() {}

    /** One area to pick by name; {@code label} is its name indented by its depth, for a select. */
    public record AreaOption(String code, String name, AreaKind kind, int depth, String label) {}

    static List<AreaOption> of(List<AreaNode> roots) {
        List<AreaOption> options = new ArrayList<>();
        for (AreaNode root : roots) {
            add(root, 0, options);
        }
        return options;
    }

    private static void add(AreaNode node, int depth, List<AreaOption> options) {
        options.add(new AreaOption(
                node.code(), node.name(), node.kind(), depth, "\u00a0\u00a0\u00a0".repeat(depth) + node.name()));
        for (AreaNode child : node.children()) {
            add(child, depth + 1, options);
        }
    }

    /** Area names by code. */
    static Map<String, String> names(List<AreaOption> options) {
        Map<String, String> names = new HashMap<>();
        options.forEach(o -> names.put(o.code(), o.name()));
        return names;
    }
}
