package vn.loaxa.account.api;

import java.time.OffsetDateTime;

public record AccountView(String username, String role, OffsetDateTime createdAt) {
}
