package vn.loaxa.language.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A catalogue language; also the body that adds one. */
public record LanguageView(
        @NotBlank @Pattern(regexp = "[a-z]{3}", message = "{loaxa.validation.language-code}")
        String code,

        @NotBlank @Size(max = 100) String nameVi,
        @NotBlank @Size(max = 100) String nameEn,
        @Size(max = 500) String dialectNote) {}
