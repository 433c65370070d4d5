package vn.loaxa.area.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.loaxa.common.error.InvalidRequestException;

class OutlineGeometryTest {
    private static final String SQUARE = "[[[106.4,22.2],[106.5,22.2],[106.5,22.3],[106.4,22.3],[106.4,22.2]]]";
    private final ObjectMapper json = new ObjectMapper();
    private final OutlineGeometry outline = new OutlineGeometry(json);

    private String normalise(String text) throws Exception {
        return outline.normalise(json.readTree(text));
    }

    @Test
    void shouldKeepOnlyTheGeometryOfAPolygonAFeatureOrAMultiPolygon() throws Exception {
        String polygon = "{\"type\":\"Polygon\",\"coordinates\":" + SQUARE + "}";
        assertThat(normalise("{\"type\":\"Polygon\",\"bbox\":[0,0,1,1],\"coordinates\":" + SQUARE + "}"))
                .isEqualTo(polygon);
        assertThat(normalise(
                        "{\"type\":\"Feature\",\"properties\":{\"name\":\"Thất Khê\"},\"geometry\":" + polygon + "}"))
                .isEqualTo(polygon);
        assertThat(normalise("{\"type\":\"MultiPolygon\",\"coordinates\":[" + SQUARE + "," + SQUARE + "]}"))
                .startsWith("{\"type\":\"MultiPolygon\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a point                 | {\"type\":\"Point\",\"coordinates\":[106.4,22.2]}                                  | type",
                "a feature collection    | {\"type\":\"FeatureCollection\",\"features\":[]}                                   | type",
                "a bare array            | [1,2,3]                                                                              | type",
                "an open ring            | {\"type\":\"Polygon\",\"coordinates\":[[[1,1],[2,1],[2,2],[1,2]]]}                | coordinates[0]",
                "a ring of three         | {\"type\":\"Polygon\",\"coordinates\":[[[1,1],[2,1],[1,1]]]}                      | coordinates[0]",
                "no rings                | {\"type\":\"Polygon\",\"coordinates\":[]}                                          | coordinates",
                "a latitude of 95        | {\"type\":\"Polygon\",\"coordinates\":[[[1,95],[2,1],[2,2],[1,95]]]}              | coordinates[0][0]",
                "a longitude of 181      | {\"type\":\"Polygon\",\"coordinates\":[[[181,1],[2,1],[2,2],[181,1]]]}            | coordinates[0][0]",
                "text for a number       | {\"type\":\"Polygon\",\"coordinates\":[[[\"1\",1],[2,1],[2,2],[\"1\",1]]]}        | coordinates[0][0]",
                "an empty multipolygon   | {\"type\":\"MultiPolygon\",\"coordinates\":[]}                                     | coordinates",
            })
    void shouldRefuseWhatIsNotAnOutlineNamingTheField(String what, String body, String field) {
        assertThatThrownBy(() -> normalise(body))
                .as(what)
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void shouldRefuseAnOutlineWithTooManyPositions() {
        StringBuilder ring = new StringBuilder("[[[0,0]");
        for (int i = 1; i <= OutlineGeometry.MAX_POSITIONS; i++) {
            ring.append(",[").append(i % 90).append(",").append(i % 45).append("]");
        }
        ring.append(",[0,0]]]");
        assertThatThrownBy(() -> normalise("{\"type\":\"Polygon\",\"coordinates\":" + ring + "}"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("simplify");
    }
}
