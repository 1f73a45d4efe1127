package io.dbchange.api.change;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a {@link ChangeRequest} is in its lifecycle:
 *
 * <pre>
 * DRAFT -&gt; IN_REVIEW -&gt; PENDING_APPROVAL -&gt; APPROVED -&gt; ROLLING_OUT -&gt; DONE
 * PENDING_APPROVAL -&gt; REJECTED     (an approver rejects; back to the creator)
 * REJECTED -&gt; IN_REVIEW            (revised and re-submitted by the creator)
 * PENDING_APPROVAL, APPROVED -&gt; IN_REVIEW   (statements or targets edited: a new revision, approvals start over)
 * ROLLING_OUT -&gt; IN_REVIEW        (edited while none of its tasks has started, e.g. blocked by a check)
 * any open status -&gt; CANCELED
 * </pre>
 *
 * <p>There are no shortcuts: a request passes every status in order. {@code DONE} and {@code CANCELED} are final;
 * every other status is open. Staying in the same status is not a transition.
 */
public enum ChangeRequestStatus {
    /** Being written by its creator; nothing is checked yet. */
    DRAFT,
    /** Submitted: SQL review checks run and the risk is assessed. */
    IN_REVIEW,
    /** Checked; waiting for the steps of its approval flow. */
    PENDING_APPROVAL,
    /** Every approval step is satisfied; may be rolled out. */
    APPROVED,
    /** Its plan's tasks are being executed, stage by stage. */
    ROLLING_OUT,
    /** Every task has ended DONE or SKIPPED. Final. */
    DONE,
    /**
     * An approver rejected it; it is back with the creator, who may revise it and re-submit it to
     * {@link #IN_REVIEW}. Revising changes the content hash, which invalidates earlier approvals.
     */
    REJECTED,
    /** Abandoned; tasks not yet ended are canceled. Final. */
    CANCELED;

    private static final Map<ChangeRequestStatus, Set<ChangeRequestStatus>> NEXT =
            new EnumMap<>(ChangeRequestStatus.class);

    static {
        NEXT.put(DRAFT, EnumSet.of(IN_REVIEW, CANCELED));
        NEXT.put(IN_REVIEW, EnumSet.of(PENDING_APPROVAL, CANCELED));
        NEXT.put(PENDING_APPROVAL, EnumSet.of(APPROVED, REJECTED, IN_REVIEW, CANCELED));
        NEXT.put(APPROVED, EnumSet.of(ROLLING_OUT, IN_REVIEW, CANCELED));
        NEXT.put(ROLLING_OUT, EnumSet.of(DONE, IN_REVIEW, CANCELED));
        NEXT.put(DONE, EnumSet.noneOf(ChangeRequestStatus.class));
        NEXT.put(REJECTED, EnumSet.of(IN_REVIEW, CANCELED));
        NEXT.put(CANCELED, EnumSet.noneOf(ChangeRequestStatus.class));
        NEXT.replaceAll((status, next) -> Collections.unmodifiableSet(next));
    }

    /** The statuses this one may move to (unmodifiable; empty for a final status). */
    public Set<ChangeRequestStatus> successors() {
        return NEXT.get(this);
    }

    /** Whether the lifecycle allows moving from this status to {@code next}. */
    public boolean canMoveTo(ChangeRequestStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Whether this status is final ({@link #DONE} or {@link #CANCELED}): nothing can follow it. */
    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
