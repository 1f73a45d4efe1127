package io.dbchange.api.approval;

import io.dbchange.api.ErrorCode;

/** Error codes of risk rules and approvals. None is retryable: each needs a different call or a fixed configuration. */
public enum ApprovalErrorCode implements ErrorCode {
    /**
     * A principal may not take this decision now: the creator deciding on their own request, a principal without the
     * role the current step waits for, a step out of order, a second decision by the same principal, a decision on a
     * request that is not pending, or a wrong callback token. The message names the step and the role it waits for.
     */
    APPROVAL_FORBIDDEN,
    /**
     * A decision was taken on content that is no longer the request's current content (its content hash changed
     * since the decider looked at it); look at the current revision and decide again.
     */
    APPROVAL_STALE,
    /** A risk rule's CEL expression does not parse or type-check; the message names the rule and the position. */
    RISK_RULE_INVALID,
    /** A risk rule failed while it was evaluated (e.g. division by zero); names the rule, task and statement. */
    RISK_EVALUATION_FAILED,
    /**
     * The approval configuration is inconsistent: an unknown role, flow or step type, a duplicate id, or a flow
     * rule's condition that does not type-check. The message names the entry and the fix.
     */
    APPROVAL_CONFIG_INVALID;

    @Override
    public boolean retryable() {
        return false;
    }
}
