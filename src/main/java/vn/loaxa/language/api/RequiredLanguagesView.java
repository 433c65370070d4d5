package vn.loaxa.language.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The languages an area requires every bulletin it hears to carry: its own ({@code languages}, what a PUT sets) and,
 * read only, those the areas above it require ({@code inherited}), which its communes require too.
 */
public record RequiredLanguagesView(
        @NotNull @Size(max = 20)
        List<@NotNull @Pattern(regexp = "[a-z]{3}", message = "{loaxa.validation.language}") String> languages,

        List<String> inherited) {}
