package vn.loaxa.inbox.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Declines an inbox item; the reason is shown to the sender. */
public record DeclineRequest(@NotBlank @Size(max = 1000) String reason) {}
