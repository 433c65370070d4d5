package vn.loaxa.media.service;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the framework-free audio classes injectable. */
public class MediaBeans {

    @Produces
    @Singleton
    AudioTranscoder audioTranscoder() {
        return new AudioTranscoder();
    }
}
