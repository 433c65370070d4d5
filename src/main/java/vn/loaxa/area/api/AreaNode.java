package vn.loaxa.area.api;

import java.util.List;
import vn.loaxa.area.model.AreaKind;

/** One area with its children, as returned by {@code GET /api/v1/areas}. */
public record AreaNode(String code, String name, AreaKind kind, String parentCode, List<AreaNode> children) {}
