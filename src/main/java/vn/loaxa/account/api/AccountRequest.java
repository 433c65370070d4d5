package vn.loaxa.account.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new person's account; {@code role} is {@code admin} or {@code user}. */
public record AccountRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{1,63}", message = "must be 2-64 lower-case letters, digits,"
                + " '.', '_' or '-'") String username,
        @NotBlank @Size(min = 12, max = 200, message = "must be 12 to 200 characters") String password,
        @NotBlank @Pattern(regexp = "admin|user", message = "must be admin or user") String role) {

    @Override
    public String toString() {
        return "AccountRequest[" + username + ", " + role + "]";
    }
}
