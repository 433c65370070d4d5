package vn.loaxa.report.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;

/** How reports read days and print times. */
@ConfigMapping(prefix = "loaxa.report")
public interface ReportConfig {

    /** The zone whose days a report range covers and in which exported times are printed (dd/MM/yyyy HH:mm:ss). */
    @WithDefault("Asia/Ho_Chi_Minh")
    ZoneId zone();
}
