/**
 * Approval vocabulary: the {@link io.dbchange.api.approval.Risk} of a change, the
 * {@link io.dbchange.api.approval.ApprovalFlow} a request must pass (ordered steps, each satisfied by principals
 * holding a role), and the syntax and built-in names of {@link io.dbchange.api.approval.Roles}. Choosing a risk and
 * a flow (CEL risk rules) lives in {@code dbchange-core}.
 */
package io.dbchange.api.approval;
