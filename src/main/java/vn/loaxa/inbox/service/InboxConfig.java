package vn.loaxa.inbox.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import vn.loaxa.inbox.model.InboxPolicy;

@ConfigMapping(prefix = "loaxa.inbox")
public interface InboxConfig {
    /** Policy of a commune that has not set its own (AUTO_ACCEPT keeps province-wide schedules airing everywhere). */
    @WithDefault("AUTO_ACCEPT")
    InboxPolicy defaultPolicy();
}
