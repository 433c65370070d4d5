package vn.loaxa.bulletin.api;

import jakarta.validation.constraints.Size;

/** An optional note with a submission or approval; a rejection needs it (the reason). */
public record ReviewRequest(@Size(max = 1000) String reason) {}
