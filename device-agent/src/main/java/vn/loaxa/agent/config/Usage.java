package vn.loaxa.agent.config;

import vn.loaxa.agent.Topics;

/** What {@code --help} prints: every key the {@link ConfigLoader} reads, with its default. */
public final class Usage {
    private Usage() {}

    /** The text printed by {@code --help}. */
    public static String text() {
        return """
                Usage: java -jar loaxa-agent.jar [--config FILE] [--key value]...

                The loaxa device agent: receives schedules (manifests) over MQTT 5, downloads and verifies the
                audio over HTTP, plays it at the scheduled UTC instant and reports events back.

                Keys (flag --key value; environment LOAXA_AGENT_<KEY>, e.g. LOAXA_AGENT_RECEIVER_ID;
                or key=value lines in the --config properties file). Precedence: flags > environment > file > defaults.
                  --receiver-id ID          this receiver's id (required unless --fleet)
                  --secret SECRET           this receiver's secret (required unless --fleet)
                  --mqtt-url URL[,URL...]   broker URL, or the brokers of a cluster, tried in order on
                                            every connect (default %s)
                  --server-url URL          loaxa server base URL, informational (default none)
                  --topic-prefix PREFIX     topic prefix (default %s)
                  --cache-dir DIR           audio cache, manifest, journal and outbox (default %s)
                  --sink javasound|null|file audio output (default %s); file: PCM at real-time pace to
                                            <receiverId>.pcm and <receiverId>.pcm.idx (server-clock micros
                                            when each write is heard, byte offset)
                  --sink-file DIR           directory of the file sink (default: the cache directory)
                  --fleet FILE              properties file of receiverId=secret lines: one agent per line,
                                            each with its own cache sub-directory (default none)
                  --will-delay-seconds N    MQTT 5 Will Delay of the offline Last Will (default %d)
                  --simulate N              run N simulated agents sim-00001..: null sink, each its own cache
                                            sub-directory, all MQTT connections on one shared event loop;
                                            secret of sim-00001 is <secret>-00001 (default 0)
                  --register-with URL       with --simulate: register the N receivers on this loaxa server first
                                            (POST /api/v1/receivers) and use the secrets it issues; one already
                                            registered gets a new secret (default none)
                  --register-area CODE      with --register-with: the area (commune) to place them in
                  --admin-user USER         with --register-with: login of a person who may provision receivers
                  --admin-password PW       in that area (HTTP Basic; better LOAXA_AGENT_ADMIN_PASSWORD)
                  --admin-token TOKEN       with --register-with, instead of user and password: an API token
                  --heartbeat-seconds N     heartbeat interval (default %d)
                  --time-sync-seconds N     clock offset measurement interval, needs --server-url (default %d)
                  --volume N                volume 0-100 of non-emergency entries at first start (default %d)
                  --emergency-volume N      volume 0-100 of emergency entries, which ignore mute (default %d)
                  --outbox-max-events N     outbox bound; oldest DELIVERED/DOWNLOADED dropped first (default %d)
                  --flush-rate N            events republished per second after a reconnect (default %d)
                  --flush-jitter-ms N       random delay up to N ms before republishing (default %d)
                  --ack-timeout-ms N        resend an event the server has not acknowledged after N ms, doubling
                                            with each send up to 5 minutes (default %d)
                  --cache-max-mb N          audio cache limit; LRU, never what is scheduled (default %d)
                  --reconnect-max-seconds N longest wait between attempts to reach the broker; waits double
                                            from 1 s up to N, each shortened by a random 0-50%% (default %d)
                  --catch-up-wait-ms N      after each connect, ask the server for the manifests whose retained
                                            message did not come within N ms (default %d)
                  --trusted-keys K1,K2      server signing keys (base64, GET /api/v1/signing-keys); manifests and
                                            commands not signed by one of them are refused (default none:
                                            development mode, unsigned messages accepted with a warning)
                  --config FILE             properties file with the keys above (or LOAXA_AGENT_CONFIG)
                  --help                    print this text

                Exit codes: 0 running or help, 1 unrecoverable error, 2 configuration error,
                3 cache directory unusable.
                """.formatted(
                        AgentConfig.DEFAULT_MQTT_URL,
                        Topics.DEFAULT_PREFIX,
                        AgentConfig.DEFAULT_CACHE_DIR,
                        AgentConfig.DEFAULT_SINK.key(),
                        AgentConfig.DEFAULT_WILL_DELAY_SECONDS,
                        Tuning.DEFAULT_HEARTBEAT_INTERVAL.toSeconds(),
                        Tuning.DEFAULT_TIME_SYNC_INTERVAL.toSeconds(),
                        Tuning.DEFAULT_VOLUME,
                        Tuning.DEFAULT_EMERGENCY_VOLUME,
                        Tuning.DEFAULT_OUTBOX_MAX_EVENTS,
                        Tuning.DEFAULT_FLUSH_RATE_PER_SECOND,
                        Tuning.DEFAULT_FLUSH_JITTER.toMillis(),
                        Tuning.DEFAULT_ACK_TIMEOUT.toMillis(),
                        Tuning.DEFAULT_CACHE_MAX_BYTES / (1024L * 1024),
                        Tuning.DEFAULT_RECONNECT_MAX_DELAY.toSeconds(),
                        Tuning.DEFAULT_CATCH_UP_WAIT.toMillis());
    }
}
