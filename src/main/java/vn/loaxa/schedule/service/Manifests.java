package vn.loaxa.schedule.service;

/** The manifests receivers hold, kept by the dispatch feature: a cancellation sends the ones it touched again. */
public interface Manifests {

    /** Receivers' manifests first, then areas', so that an entry moving between them is never missing. */
    void publish(ManifestScope scope);
}
