package io.dbchange.core.approval;

/** Where an {@link ApprovalProcess} stands. */
public enum ApprovalStatus {
    /** Waiting for the decision of its current step. */
    PENDING,
    /** Every step is satisfied on the current content, or no approval is needed. */
    APPROVED,
    /** An approver rejected it; back with the creator, who may revise it and request approval again. */
    REJECTED
}
