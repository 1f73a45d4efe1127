package io.dbchange.api.approval;

import io.dbchange.api.internal.Checks;

/**
 * One step of an {@link ApprovalFlow}: satisfied when {@code approvalsRequired} distinct deciders have approved it.
 * For a {@link ApprovalStepType#ROLE ROLE} step they are principals holding {@code role} (N of the M holders of the
 * role); for an {@link ApprovalStepType#EXTERNAL EXTERNAL} step it is the outside system that decides on behalf of
 * {@code role} (e.g. {@code CHANGE_BOARD}) by calling back with the step's one-time token.
 *
 * @param type the {@link ApprovalStepType#name() step type}, {@code ROLE} unless given (role-name syntax)
 * @param role the role whose approval this step stands for (syntax of {@link Roles})
 * @param approvalsRequired how many distinct deciders must approve, at least 1 (default 1)
 */
public record ApprovalStep(String type, String role, int approvalsRequired) {

    public ApprovalStep {
        Roles.requireValid("type", type);
        Roles.requireValid("role", role);
        Checks.positive("approvalsRequired", approvalsRequired);
    }

    /** A {@code ROLE} step satisfied by {@code approvalsRequired} distinct holders of {@code role}. */
    public ApprovalStep(String role, int approvalsRequired) {
        this(ApprovalStepType.ROLE, role, approvalsRequired);
    }

    /** A {@code ROLE} step satisfied by one approval from a holder of {@code role}. */
    public static ApprovalStep of(String role) {
        return new ApprovalStep(role, 1);
    }

    /** An {@code EXTERNAL} step: one callback with the step's token, from the system that decides for {@code role}. */
    public static ApprovalStep external(String role) {
        return new ApprovalStep(ApprovalStepType.EXTERNAL, role, 1);
    }

    @Override
    public String toString() {
        String who = approvalsRequired + " x " + role;
        return type.equals(ApprovalStepType.ROLE) ? who : type + " " + who;
    }
}
