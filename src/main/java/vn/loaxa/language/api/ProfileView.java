package vn.loaxa.language.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An ordered language profile, most preferred first. For a receiver, {@code inheritedFrom} names the area whose
 * profile applies when the receiver has none of its own (null when it overrides).
 */
public record ProfileView(
        @NotNull @Size(max = 20)
        List<@Pattern(regexp = "[a-z]{3}", message = "{loaxa.validation.language}") String> languages,

        String inheritedFrom) {}
