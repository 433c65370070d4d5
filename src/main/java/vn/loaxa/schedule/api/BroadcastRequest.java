package vn.loaxa.schedule.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public record BroadcastRequest(
        @NotNull UUID bulletinId,
        @NotNull @Valid Targets targets,
        @NotNull OffsetDateTime startAt) {

    /** Area codes (each with its whole subtree) and single receiver ids. */
    public record Targets(@Size(max = 1000) List<@NotNull String> areas,
            @Size(max = 10000) List<@NotNull String> receivers) {

        public List<String> areasOrEmpty() {
            return areas == null ? List.of() : areas;
        }

        public List<String> receiversOrEmpty() {
            return receivers == null ? List.of() : receivers;
        }
    }
}
