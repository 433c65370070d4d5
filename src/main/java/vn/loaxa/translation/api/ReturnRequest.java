package vn.loaxa.translation.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a reviewer sends a reading back to its translator. */
public record ReturnRequest(@NotBlank @Size(max = 1000) String reason) {}
