package vn.loaxa.common.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem+json body. {@code correlationId}, an extension member, is set only on a 500: the same id is in
 * the server's log beside the stack trace.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors,
        List<String> conflicts,
        String correlationId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {}

    public Problem(
            String type,
            String title,
            int status,
            String detail,
            String instance,
            List<FieldError> errors,
            List<String> conflicts) {
        this(type, title, status, detail, instance, errors, conflicts, null);
    }

    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, List.of());
    }

    public static Problem of(int status, String title, String detail, String instance) {
        return new Problem("about:blank", title, status, detail, instance, List.of());
    }
}
