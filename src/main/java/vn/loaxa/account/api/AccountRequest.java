package vn.loaxa.account.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A new person's account: one role over one area subtree. {@code areaCode} is the subtree's root (a province,
 * district or commune); without it the role covers the whole country. An admin always covers the whole country.
 */
public record AccountRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{1,63}", message = "{loaxa.validation.username}")
        String username,

        @NotBlank @Size(min = 12, max = 200, message = "{loaxa.validation.password}")
        String password,

        @NotBlank
        @Pattern(regexp = "admin|editor|operator|provider|supervisor|translator", message = "{loaxa.validation.role}")
        String role,

        @Size(max = 32) String areaCode,

        /** The languages a translator translates or an editor reviews (ISO 639-3 codes); none for other roles. */
        @Size(max = 20)
        List<@NotBlank @Pattern(regexp = "[a-z]{3}", message = "{loaxa.validation.language}") String> languages) {

    public AccountRequest(String username, String password, String role) {
        this(username, password, role, null, null);
    }

    public AccountRequest(String username, String password, String role, String areaCode) {
        this(username, password, role, areaCode, null);
    }

    @Override
    public String toString() {
        return "AccountRequest[" + username + ", " + role + ", " + areaCode + ", " + languages + "]";
    }
}
