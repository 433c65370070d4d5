package vn.loaxa.media.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Text to speak; the title defaults to the start of the text. */
public record TtsRequest(
        @NotBlank @Size(max = 5000) String text,

        @NotBlank @Pattern(regexp = "[a-z]{3}", message = "{loaxa.validation.tts-language}")
        String language,

        @Size(max = 64) String voice,
        @Size(max = 300) String title) {}
