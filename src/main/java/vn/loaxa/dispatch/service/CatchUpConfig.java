package vn.loaxa.dispatch.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the server answers receivers' catch-up requests (docs/protocol.md, "Catch-up"). */
@ConfigMapping(prefix = "loaxa.catchup")
public interface CatchUpConfig {
    /** Requests each receiver may make at once before its rate applies; more are dropped and counted. */
    @WithDefault("3")
    int burst();

    /** Requests a second each receiver may make after its burst (0.1: one every 10 s). */
    @WithDefault("0.1")
    double ratePerSecond();

    /** Threads that answer requests on this replica: at most this many catch-up transactions run at once. */
    @WithDefault("2")
    int workers();

    /** Requests that may wait for a worker; beyond it they are dropped and counted (the agent asks at its next connect). */
    @WithDefault("10000")
    int queue();

    /** An area manifest is republished for catch-up at most once per this interval; requests in between share it. */
    @WithDefault("5s")
    Duration areaInterval();
}
