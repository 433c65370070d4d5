package vn.loaxa.live.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.loaxa.bulletin.model.Priority;
import vn.loaxa.schedule.api.BroadcastRequest;

/**
 * Going live: what the listeners are told it is, where it is heard, and its class ({@code PRIORITY} by default, or
 * {@code EMERGENCY}). {@code test} reaches test receivers only. {@code language} is that of the recording in the
 * library ({@code vie} by default).
 */
public record LiveRequest(
        @NotBlank @Size(max = 300) String title,
        @NotNull @Valid BroadcastRequest.Targets targets,
        Priority priority,
        Boolean test,
        @Pattern(regexp = "[a-z]{3}") String language) {

    public Priority priorityOrDefault() {
        return priority == null ? Priority.PRIORITY : priority;
    }

    public String languageOrDefault() {
        return language == null ? "vie" : language;
    }
}
