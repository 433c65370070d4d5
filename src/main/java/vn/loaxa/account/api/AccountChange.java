package vn.loaxa.account.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new role and area for an existing account; without an area the role covers the whole country. */
public record AccountChange(
        @NotBlank @Pattern(regexp = "admin|editor|operator|provider|supervisor", message = "{loaxa.validation.role}")
        String role,

        @Size(max = 32) String areaCode) {}
