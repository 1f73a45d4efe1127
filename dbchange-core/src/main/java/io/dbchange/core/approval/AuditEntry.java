package io.dbchange.core.approval;

import io.dbchange.api.internal.Checks;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * One decision in an approval process's audit log. Refused attempts throw and change no state, so they are not
 * here; hosts that must keep them log the exception.
 *
 * @param at when
 * @param principal who (for a callback: the name the external system gave)
 * @param revision the request revision the decision was taken on
 * @param action what they did
 * @param step the zero-based step index an approval or rejection was for; empty for other actions
 * @param outcome the process's status afterwards
 * @param reason the decider's reason, or the engine's explanation (risk and flow for a submission)
 */
public record AuditEntry(
        Instant at,
        String principal,
        int revision,
        AuditAction action,
        OptionalInt step,
        ApprovalStatus outcome,
        String reason) {

    public AuditEntry {
        Checks.notNull("at", at);
        Checks.notBlank("principal", principal);
        Checks.positive("revision", revision);
        Checks.notNull("action", action);
        Checks.notNull("step", step);
        Checks.notNull("outcome", outcome);
        Checks.notNull("reason", reason);
    }

    /** What a decision was. */
    public enum AuditAction {
        /** The creator asked for approval of the first revision. */
        SUBMITTED,
        /** A step got an approval. */
        APPROVED,
        /** An approver rejected the request. */
        REJECTED,
        /** The creator changed the content: approvals reset, risk and flow re-evaluated. */
        REVISED,
        /** The creator asked for approval again after a rejection and an edit. */
        RE_REQUESTED
    }
}
