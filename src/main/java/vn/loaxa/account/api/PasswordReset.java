package vn.loaxa.account.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A new password an administrator sets for a person who forgot theirs. */
public record PasswordReset(
        @NotBlank @Size(min = 12, max = 200, message = "{loaxa.validation.password}")
        String password) {

    @Override
    public String toString() {
        return "PasswordReset[…]";
    }
}
