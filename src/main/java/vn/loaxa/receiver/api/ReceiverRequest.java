package vn.loaxa.receiver.api;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A receiver to provision; without an {@code id} (its login name), one is made from {@code displayName}. */
public record ReceiverRequest(
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", message = "{loaxa.validation.receiver-id}")
        String id,

        @NotBlank @Size(max = 200) String displayName,
        @NotBlank String areaCode,
        /** Own profile, most preferred first; empty or absent to inherit the area's. */
        List<@Pattern(regexp = "[a-z]{3}", message = "{loaxa.validation.language}") String> languages,
        @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @DecimalMin("-180") @DecimalMax("180") Double longitude) {}
