package vn.loaxa.dispatch.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * A remote command to send.
 *
 * @param type       what to do
 * @param volume     for {@link CommandType#SET_VOLUME}: 0–100
 * @param ttlSeconds how long the command stays valid; absent means {@code loaxa.commands.default-ttl}
 */
public record CommandRequest(
        @NotNull CommandType type,
        @Min(0) @Max(100) Integer volume,
        @Min(1) @Max(86_400) Integer ttlSeconds) {}
