package io.dbchange.api.change;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a {@link TaskRun} ended, or {@link #RUNNING} while it has not. A run moves once, from {@code RUNNING} to one
 * of the four final statuses; a retry is a new run.
 */
public enum TaskRunStatus {
    /** Executing. */
    RUNNING,
    /** Every statement succeeded. */
    DONE,
    /** A statement failed. */
    FAILED,
    /** Its runner stopped (lease expired) while executing; the outcome of its last statement is unknown. */
    INTERRUPTED,
    /** Canceled while executing. */
    CANCELED;

    private static final Set<TaskRunStatus> ENDS =
            Collections.unmodifiableSet(EnumSet.of(DONE, FAILED, INTERRUPTED, CANCELED));

    /** The statuses this one may move to (unmodifiable; empty for a final status). */
    public Set<TaskRunStatus> successors() {
        return this == RUNNING ? ENDS : Set.of();
    }

    /** Whether a run may move from this status to {@code next}: only from {@link #RUNNING} to a final status. */
    public boolean canMoveTo(TaskRunStatus next) {
        return successors().contains(next);
    }

    /** Whether the run has ended (every status but {@link #RUNNING}). */
    public boolean isFinal() {
        return this != RUNNING;
    }
}
