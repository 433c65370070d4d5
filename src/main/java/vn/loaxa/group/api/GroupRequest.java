package vn.loaxa.group.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A group to create or replace: its code (in the URL for a replace), name and members. */
public record GroupRequest(
        @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,63}") String code,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Size(max = 10000) List<@NotNull String> members) {}
