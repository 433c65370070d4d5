package vn.loaxa.inbox.api;

import jakarta.validation.constraints.NotNull;
import vn.loaxa.inbox.model.InboxPolicy;

/** A commune's inbox policy; {@code inherited} is true when it follows the server default. */
public record PolicyView(String areaCode, @NotNull InboxPolicy policy, Boolean inherited) {}
