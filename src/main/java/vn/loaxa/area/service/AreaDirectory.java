package vn.loaxa.area.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import vn.loaxa.access.AreaPaths;
import vn.loaxa.account.service.KnownAreas;
import vn.loaxa.area.model.AreaRepository;

/** The area tree as the features below it (accounts, access checks) see it. */
@ApplicationScoped
public class AreaDirectory implements KnownAreas, AreaPaths {
    private final AreaRepository areas;

    public AreaDirectory(AreaRepository areas) {
        this.areas = areas;
    }

    @Override
    public boolean exists(String areaCode) {
        return areas.findByIdOptional(areaCode).isPresent();
    }

    @Override
    public Optional<String> pathOf(String areaCode) {
        return areas.findByIdOptional(areaCode).map(area -> area.path);
    }
}
