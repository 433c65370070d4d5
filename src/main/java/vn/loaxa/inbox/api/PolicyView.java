package vn.loaxa.inbox.api;

import jakarta.validation.constraints.NotNull;
import java.time.LocalTime;
import vn.loaxa.inbox.model.InboxPolicy;

/**
 * A commune's inbox policy; {@code inherited} is true when it follows the server default. {@code defaultTime}
 * (optional, such as {@code "18:00"}) is the commune's usual airing time, which the inbox page proposes for an item
 * accepted at the commune's own time.
 */
public record PolicyView(String areaCode, @NotNull InboxPolicy policy, Boolean inherited, LocalTime defaultTime) {}
