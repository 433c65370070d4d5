package vn.loaxa.report.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;

/** How reports read days and print times. */
@ConfigMapping(prefix = "loaxa.report")
public interface ReportConfig {

    /** The zone whose days a report range covers and in which exported times are printed (dd/MM/yyyy HH:mm:ss). */
    @WithDefault("Asia/Ho_Chi_Minh")
    ZoneId zone();

    /**
     * PostgreSQL's {@code work_mem} for the plays report's transaction: room for the hashed aggregate of a year's
     * plays (about 25 MB for 50,000 occurrence × audio × area groups) so that it does not spill to disk.
     */
    @WithDefault("64MB")
    String playsWorkMem();

    /** How often the plays summary catches up with closed and dirty days ({@code off} stops it). */
    @WithDefault("15m")
    String summaryInterval();

    /** How long after a day ends it is summarised: longer than any transaction that may still write to it. */
    @WithDefault("1h")
    Duration summarySettle();
}
