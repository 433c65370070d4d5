package vn.loaxa.area.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An area's new name (after a merger or a correction); its code stays. */
public record AreaRename(@NotBlank @Size(max = 200) String name) {}
