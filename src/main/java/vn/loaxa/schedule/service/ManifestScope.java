package vn.loaxa.schedule.service;

import java.util.LinkedHashSet;
import java.util.Set;

/** The manifests a change touches: receivers' own ones and areas' ones, collected while the change is made. */
public record ManifestScope(Set<String> receiverIds, Set<String> areaCodes) {
    public static ManifestScope empty() {
        return new ManifestScope(new LinkedHashSet<>(), new LinkedHashSet<>());
    }

    public void addAll(ManifestScope other) {
        receiverIds.addAll(other.receiverIds());
        areaCodes.addAll(other.areaCodes());
    }
}
