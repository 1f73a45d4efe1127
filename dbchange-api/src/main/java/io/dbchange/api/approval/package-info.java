/**
 * Approval vocabulary: the {@link io.dbchange.api.approval.Risk} of a change, the
 * {@link io.dbchange.api.approval.ApprovalFlow} a request must pass (ordered steps, each satisfied by principals
 * holding a role), the syntax and built-in names of {@link io.dbchange.api.approval.Roles}, and the two SPIs the host
 * plugs in: {@link io.dbchange.api.approval.RoleResolver} (who holds which role) and
 * {@link io.dbchange.api.approval.ApprovalStepType} (kinds of steps besides {@code ROLE} and {@code EXTERNAL}).
 * Errors carry {@link io.dbchange.api.approval.ApprovalErrorCode}s. Choosing a risk and a flow (CEL risk rules) and
 * running the approval process live in {@code dbchange-core} ({@code io.dbchange.core.approval}).
 */
package io.dbchange.api.approval;
