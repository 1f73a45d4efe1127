package io.dbchange.api.rollback;

import io.dbchange.api.internal.Checks;
import java.time.Instant;

/**
 * The record that a principal accepted, for one task, that its rollback covers only the tables its statements name:
 * writes that triggers or cascading foreign keys make to other tables are then listed in the capture but not undone.
 * Bound to the request's content hash at the time: an edited request needs the consent again.
 *
 * @param taskId the task
 * @param principal who accepted it (the request's creator)
 * @param reason why, as given
 * @param contentHash the request's {@code contentHash} the consent was given for
 * @param at when
 */
public record RollbackConsent(String taskId, String principal, String reason, String contentHash, Instant at) {

    public RollbackConsent {
        Checks.notBlank("taskId", taskId);
        Checks.notBlank("principal", principal);
        Checks.notBlank("reason", reason);
        Checks.notBlank("contentHash", contentHash);
        Checks.notNull("at", at);
    }
}
