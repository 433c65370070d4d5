package vn.loaxa.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An {@link ErrorMessage} as stored JSON, so that a message kept in the database (a media item's failure, say) is
 * rendered in the language of whoever reads it later: {@code {"key": …, "args": […], "fallback": …}}, where an
 * argument is a string, a number or such an object.
 */
public final class ErrorMessageJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorMessageJson() {}

    public static String write(ErrorMessage message) {
        try {
            return JSON.writeValueAsString(node(message));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ErrorMessage read(String json) {
        try {
            return message(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode node(ErrorMessage message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("key", message.key());
        ArrayNode args = node.putArray("args");
        for (Object arg : message.args()) {
            if (arg instanceof ErrorMessage nested) {
                args.add(node(nested));
            } else if (arg instanceof Long || arg instanceof Integer) {
                args.add(((Number) arg).longValue());
            } else if (arg instanceof Number number) {
                args.add(number.doubleValue());
            } else {
                args.add(String.valueOf(arg));
            }
        }
        node.put("fallback", message.fallback());
        return node;
    }

    private static ErrorMessage message(JsonNode node) {
        List<Object> args = new ArrayList<>();
        for (JsonNode arg : node.path("args")) {
            if (arg.isObject()) {
                args.add(message(arg));
            } else if (arg.isIntegralNumber()) {
                args.add(arg.longValue());
            } else if (arg.isNumber()) {
                args.add(arg.doubleValue());
            } else {
                args.add(arg.asText());
            }
        }
        return new ErrorMessage(
                node.path("key").isTextual() ? node.get("key").asText() : null,
                Collections.unmodifiableList(args),
                node.path("fallback").isTextual() ? node.get("fallback").asText() : null);
    }
}
