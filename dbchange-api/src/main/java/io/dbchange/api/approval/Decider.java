package io.dbchange.api.approval;

import io.dbchange.api.internal.Checks;
import java.util.Set;

/**
 * Who takes an approval decision, as an {@link ApprovalStepType} sees it.
 *
 * @param principal the principal's name (for a callback: the name the external system gave), not blank
 * @param roles the roles the principal holds in the request's project (copied, immutable)
 * @param withCallbackToken whether the decision came through a callback with the step's valid one-time token
 */
public record Decider(String principal, Set<String> roles, boolean withCallbackToken) {

    public Decider {
        Checks.notBlank("principal", principal);
        roles = Set.copyOf(Checks.notNull("roles", roles));
    }
}
