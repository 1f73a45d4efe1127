package io.dbchange.api.pipeline;

import io.dbchange.api.internal.Checks;
import java.time.Instant;

/**
 * A person's request to cancel a task while it runs. Stored on the RUNNING task, so the node that runs it learns of
 * it even when the request was made on another node; that node cancels the statement in flight and ends the task
 * CANCELED, recording what took effect. Audited.
 *
 * @param principal who asked (held a role permitted for {@link PipelineAction#CANCEL})
 * @param reason why, as written by that person
 * @param at when
 */
public record CancelRequest(String principal, String reason, Instant at) {

    public CancelRequest {
        Checks.notBlank("principal", principal);
        Checks.notBlank("reason", reason);
        Checks.notNull("at", at);
    }
}
