package vn.loaxa.account.api;

import java.time.OffsetDateTime;

/** A person's account; {@code areaCode} is null when the role covers the whole country. */
public record AccountView(String username, String role, String areaCode, OffsetDateTime createdAt) {}
