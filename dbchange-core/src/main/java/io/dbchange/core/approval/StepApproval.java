package io.dbchange.core.approval;

import io.dbchange.api.internal.Checks;
import java.time.Instant;

/**
 * One approval counted towards a step of the current revision.
 *
 * @param step the zero-based index of the step
 * @param principal who approved (for a callback: the name the external system gave)
 * @param role the step's role, which the principal held (or, for an external step, stood for) when approving
 * @param at when
 */
public record StepApproval(int step, String principal, String role, Instant at) {

    public StepApproval {
        if (step < 0) {
            throw new IllegalArgumentException("'step' must not be negative: " + step);
        }
        Checks.notBlank("principal", principal);
        Checks.notBlank("role", role);
        Checks.notNull("at", at);
    }
}
