package io.dbchange.api.rollback;

import io.dbchange.api.internal.Checks;
import java.time.Instant;

/**
 * The record that a request's creator chose to run a task without rollback capture (because a prerequisite failed).
 *
 * @param taskId the task
 * @param principal who chose it (the request's creator)
 * @param reason why, as given
 * @param at when
 */
public record RollbackWaiver(String taskId, String principal, String reason, Instant at) {

    public RollbackWaiver {
        Checks.notBlank("taskId", taskId);
        Checks.notBlank("principal", principal);
        Checks.notBlank("reason", reason);
        Checks.notNull("at", at);
    }
}
