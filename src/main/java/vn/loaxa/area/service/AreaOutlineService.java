package vn.loaxa.area.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import vn.loaxa.area.api.AreaOutlineView;
import vn.loaxa.area.model.Area;
import vn.loaxa.area.model.AreaOutline;
import vn.loaxa.area.model.AreaOutlineRepository;
import vn.loaxa.area.model.AreaRepository;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;

/** The drawn outlines of areas, which the map shows under the receivers (no map tiles are ever fetched). */
@ApplicationScoped
public class AreaOutlineService {
    private final AreaRepository areas;
    private final AreaOutlineRepository outlines;
    private final OutlineGeometry geometry;
    private final ObjectMapper json;

    public AreaOutlineService(AreaRepository areas, AreaOutlineRepository outlines, ObjectMapper json) {
        this.areas = areas;
        this.outlines = outlines;
        this.json = json;
        this.geometry = new OutlineGeometry(json);
    }

    /** Replaces the outline of an area with the checked geometry of {@code body}; returns what is stored. */
    @Transactional
    public String set(String code, String body) {
        Area area = areas.findByIdOptional(code).orElseThrow(() -> NotFoundException.of("Area", code));
        if (body == null || body.length() > 2 * OutlineGeometry.MAX_CHARS) {
            throw new InvalidRequestException(
                    "coordinates", ErrorMessage.of("outline.too-long-body", OutlineGeometry.MAX_CHARS));
        }
        String checked;
        try {
            checked = geometry.normalise(json.readTree(body));
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("type", ErrorMessage.of("outline.not-json", e.getOriginalMessage()));
        }
        AreaOutline outline = outlines.findByIdOptional(area.code).orElseGet(AreaOutline::new);
        outline.areaCode = area.code;
        outline.geometry = checked;
        outline.updatedAt = OffsetDateTime.now();
        if (!outlines.isPersistent(outline)) {
            outlines.persist(outline);
        }
        return checked;
    }

    @Transactional
    public String get(String code) {
        return outlines.findByIdOptional(code)
                .map(o -> o.geometry)
                .orElseThrow(() -> NotFoundException.of("Outline of area", code));
    }

    @Transactional
    public void remove(String code) {
        if (!outlines.deleteById(code)) {
            throw NotFoundException.of("Outline of area", code);
        }
    }

    /** The outlines of the areas at and below {@code rootPath} (null: all), parents first. */
    @Transactional
    public List<AreaOutlineView> under(String rootPath) {
        return outlines.withAreasUnder(rootPath).stream()
                .map(row -> {
                    Area area = (Area) row[0];
                    AreaOutline outline = (AreaOutline) row[1];
                    return new AreaOutlineView(area.code, area.name, area.kind, outline.geometry);
                })
                .toList();
    }
}
