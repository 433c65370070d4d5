package vn.loaxa.account.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A new API token: a name that says what script uses it. */
public record TokenRequest(@NotBlank @Size(max = 100) String name) {}
