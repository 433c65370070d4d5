package vn.loaxa.area.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.loaxa.area.api.AreaNode;
import vn.loaxa.area.api.AreaRequest;
import vn.loaxa.area.model.Area;
import vn.loaxa.area.model.AreaRepository;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.common.text.Codes;

@ApplicationScoped
public class AreaService {
    private final AreaRepository areas;

    public AreaService(AreaRepository areas) {
        this.areas = areas;
    }

    /** The whole forest, roots first, children in code order. */
    @Transactional
    public List<AreaNode> tree() {
        return tree(null);
    }

    /** The subtree under the area at {@code rootPath} (null: the whole forest), in the same order. */
    @Transactional
    public List<AreaNode> tree(String rootPath) {
        List<Area> all = areas.allByPath().stream()
                .filter(area -> rootPath == null || area.path.startsWith(rootPath))
                .toList();
        Map<String, List<AreaNode>> childrenOf = new HashMap<>();
        Map<String, AreaNode> nodes = new HashMap<>();
        for (Area area : all) {
            List<AreaNode> children = new ArrayList<>();
            childrenOf.put(area.code, children);
            nodes.put(area.code, new AreaNode(area.code, area.name, area.kind, area.parentCode, children));
        }
        List<AreaNode> roots = new ArrayList<>();
        for (Area area : all) {
            AreaNode node = nodes.get(area.code);
            if (area.parentCode == null || !nodes.containsKey(area.parentCode)) {
                roots.add(node);
            } else {
                childrenOf.get(area.parentCode).add(node);
            }
        }
        return roots;
    }

    /** Creates an area; without a code, one is made from the name. */
    @Transactional
    public AreaNode create(AreaRequest request) {
        String code = request.code() == null || request.code().isBlank()
                ? Codes.fromName(
                                request.name(),
                                "area",
                                32,
                                c -> areas.findByIdOptional(c).isPresent())
                        .toUpperCase(java.util.Locale.ROOT)
                : request.code();
        if (areas.findByIdOptional(code).isPresent()) {
            throw new ConflictException(ErrorMessage.of("area.exists", code));
        }
        Area area = new Area();
        area.code = code;
        area.name = request.name().strip();
        area.kind = request.kind();
        if (request.parentCode() == null || request.parentCode().isBlank()) {
            area.path = "/" + area.code + "/";
        } else {
            Area parent = areas.findByIdOptional(request.parentCode())
                    .orElseThrow(() -> NotFoundException.referenced("Parent area", request.parentCode()));
            area.parentCode = parent.code;
            area.path = parent.path + area.code + "/";
        }
        areas.persist(area);
        return new AreaNode(area.code, area.name, area.kind, area.parentCode, List.of());
    }

    /** Gives the area a new name; its code, place in the tree and receivers stay. */
    @Transactional
    public AreaNode rename(String code, String name) {
        Area area = areas.findByIdOptional(code).orElseThrow(() -> NotFoundException.of("Area", code));
        area.name = name.strip();
        return new AreaNode(area.code, area.name, area.kind, area.parentCode, List.of());
    }

    @Transactional
    public java.util.Set<String> allCodes() {
        return new java.util.HashSet<>(
                areas.find("select a.code from Area a").project(String.class).list());
    }

    /** Codes of the area at {@code rootPath} and everything below it (null: every area), sorted. */
    @Transactional
    public List<String> codesUnder(String rootPath) {
        return areas.allByPath().stream()
                .filter(area -> rootPath == null || area.path.startsWith(rootPath))
                .map(area -> area.code)
                .sorted()
                .toList();
    }

    /** The names of the areas with these codes that exist, by code. */
    @Transactional
    public Map<String, String> names(Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        if (!codes.isEmpty()) {
            areas.list("code in ?1", codes).forEach(area -> names.put(area.code, area.name));
        }
        return names;
    }

    /** Codes of the given areas and of everything below them. */
    @Transactional
    public List<String> subtreeCodes(List<String> roots) {
        List<String> codes = new ArrayList<>();
        for (String root : roots) {
            Area area = areas.findByIdOptional(root).orElseThrow(() -> NotFoundException.referenced("Area", root));
            codes.addAll(areas.find("select a.code from Area a where a.path like ?1", area.path + "%")
                    .project(String.class)
                    .list());
        }
        return codes;
    }
}
