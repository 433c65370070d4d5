package vn.loaxa.area.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.loaxa.area.model.AreaKind;

/**
 * A new area. {@code code} is the official administrative code where known; without one, a code is made from the
 * name (the web UI never asks for it).
 */
public record AreaRequest(
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9-]{0,31}", message = "{loaxa.validation.area-code}")
        String code,

        @NotBlank @Size(max = 200) String name,
        @NotNull AreaKind kind,
        String parentCode) {}
