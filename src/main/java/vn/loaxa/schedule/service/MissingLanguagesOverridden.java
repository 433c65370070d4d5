package vn.loaxa.schedule.service;

import java.util.UUID;

/**
 * A broadcast was scheduled although communes it reaches require languages its bulletin lacks, because its request
 * overrode that with a reason. Fired inside the scheduling transaction; the audit log records it once that commits.
 */
public record MissingLanguagesOverridden(
        UUID broadcastId,
        UUID bulletinId,
        String bulletinTitle,
        MissingLanguages missing,
        String reason,
        String user) {}
