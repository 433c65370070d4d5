package vn.loaxa.audit.api;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One audit entry; {@code before} and {@code after} are JSON text as the API showed the target. */
public record AuditView(
        UUID id,
        OffsetDateTime at,
        String actor,
        String method,
        String path,
        String targetType,
        String targetId,
        int status,
        String request,
        String before,
        String after) {}
