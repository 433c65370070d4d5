package vn.loaxa.area.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;

/**
 * Checks an area outline and keeps only its geometry: a GeoJSON (RFC 7946) Polygon or MultiPolygon in WGS84, given
 * bare or as a Feature (as mapping tools export it). Rings must be closed and have at least four positions;
 * positions are [longitude, latitude] within range. Size is bounded so that a page that draws every outline of a
 * province stays light.
 */
public final class OutlineGeometry {
    public static final int MAX_POSITIONS = 20_000;
    public static final int MAX_CHARS = 262_144;

    private final ObjectMapper json;

    public OutlineGeometry(ObjectMapper json) {
        this.json = json;
    }

    /** The normalised geometry text to store, or an {@link InvalidRequestException} naming what is wrong. */
    public String normalise(JsonNode body) {
        JsonNode geometry = body != null && "Feature".equals(body.path("type").asText()) ? body.path("geometry") : body;
        if (geometry == null || !geometry.isObject()) {
            throw new InvalidRequestException("type", ErrorMessage.of("outline.not-geometry"));
        }
        String type = geometry.path("type").asText();
        JsonNode coordinates = geometry.path("coordinates");
        int[] positions = {0};
        switch (type) {
            case "Polygon" -> polygon(coordinates, "coordinates", positions);
            case "MultiPolygon" -> {
                if (!coordinates.isArray() || coordinates.isEmpty()) {
                    throw new InvalidRequestException("coordinates", ErrorMessage.of("outline.no-polygons"));
                }
                for (int i = 0; i < coordinates.size(); i++) {
                    polygon(coordinates.get(i), "coordinates[" + i + "]", positions);
                }
            }
            default -> throw new InvalidRequestException("type", ErrorMessage.of("outline.wrong-type", type));
        }
        ObjectNode normalised = json.createObjectNode().put("type", type);
        normalised.set("coordinates", coordinates);
        String text = normalised.toString();
        if (text.length() > MAX_CHARS) {
            throw new InvalidRequestException(
                    "coordinates", ErrorMessage.of("outline.too-long", text.length(), MAX_CHARS));
        }
        return text;
    }

    private static void polygon(JsonNode rings, String field, int[] positions) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new InvalidRequestException(field, ErrorMessage.of("outline.no-rings"));
        }
        for (int r = 0; r < rings.size(); r++) {
            ring(rings.get(r), field + "[" + r + "]", positions);
        }
    }

    private static void ring(JsonNode ring, String field, int[] positions) {
        if (!ring.isArray() || ring.size() < 4) {
            throw new InvalidRequestException(field, ErrorMessage.of("outline.short-ring"));
        }
        for (int p = 0; p < ring.size(); p++) {
            position(ring.get(p), field + "[" + p + "]");
        }
        if (!ring.get(0).equals(ring.get(ring.size() - 1))) {
            throw new InvalidRequestException(field, ErrorMessage.of("outline.open-ring"));
        }
        positions[0] += ring.size();
        if (positions[0] > MAX_POSITIONS) {
            throw new InvalidRequestException(field, ErrorMessage.of("outline.too-many-positions", MAX_POSITIONS));
        }
    }

    private static void position(JsonNode position, String field) {
        if (!(position instanceof ArrayNode pair)
                || pair.size() < 2
                || !pair.get(0).isNumber()
                || !pair.get(1).isNumber()) {
            throw new InvalidRequestException(field, ErrorMessage.of("outline.not-position"));
        }
        double lon = pair.get(0).asDouble();
        double lat = pair.get(1).asDouble();
        if (!Double.isFinite(lon) || !Double.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
            throw new InvalidRequestException(field, ErrorMessage.of("outline.out-of-range"));
        }
    }
}
