package io.dbchange.api.pipeline;

import io.dbchange.api.internal.Checks;
import java.time.Instant;

/**
 * A person's decision to run a task despite ERROR check results. Bound to one task of one revision (an edit makes
 * new tasks, so the override does not carry over) and audited.
 *
 * @param principal who overrode (held a role permitted for {@link PipelineAction#OVERRIDE_CHECKS})
 * @param reason why, as written by that person
 * @param at when
 */
public record CheckOverride(String principal, String reason, Instant at) {

    public CheckOverride {
        Checks.notBlank("principal", principal);
        Checks.notBlank("reason", reason);
        Checks.notNull("at", at);
    }
}
