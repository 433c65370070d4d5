package vn.loaxa.account.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A new role and area for an existing account; without an area the role covers the whole country. */
public record AccountChange(
        @NotBlank
        @Pattern(regexp = "admin|editor|operator|provider|supervisor|translator", message = "{loaxa.validation.role}")
        String role,

        @Size(max = 32) String areaCode,

        /** The languages a translator translates or an editor reviews (ISO 639-3 codes); none for other roles. */
        @Size(max = 20)
        List<@NotBlank @Pattern(regexp = "[a-z]{3}", message = "{loaxa.validation.language}") String> languages) {}
