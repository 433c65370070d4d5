package vn.loaxa.receiver.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The area a receiver moves to. */
public record AreaChange(@NotBlank @Size(max = 32) String areaCode) {}
