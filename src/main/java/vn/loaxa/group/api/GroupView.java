package vn.loaxa.group.api;

import java.time.OffsetDateTime;
import java.util.List;

public record GroupView(String code, String name, List<String> members, String createdBy, OffsetDateTime createdAt) {}
