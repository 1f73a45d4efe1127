package io.dbchange.api.approval;

import io.dbchange.api.internal.Checks;

/**
 * One step of an {@link ApprovalFlow}: satisfied when {@code approvalsRequired} distinct principals holding
 * {@code role} have approved (N of the M holders of the role).
 *
 * @param role the role whose holders may approve this step (syntax of {@link Roles})
 * @param approvalsRequired how many distinct holders must approve, at least 1 (default 1)
 */
public record ApprovalStep(String role, int approvalsRequired) {

    public ApprovalStep {
        Roles.requireValid("role", role);
        Checks.positive("approvalsRequired", approvalsRequired);
    }

    /** A step satisfied by one approval from a holder of {@code role}. */
    public static ApprovalStep of(String role) {
        return new ApprovalStep(role, 1);
    }

    @Override
    public String toString() {
        return approvalsRequired + " x " + role;
    }
}
