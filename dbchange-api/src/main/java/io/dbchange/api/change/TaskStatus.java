package io.dbchange.api.change;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a {@link Task} is in its lifecycle:
 *
 * <pre>
 * NOT_STARTED -&gt; WAITING(reason) -&gt; RUNNING -&gt; DONE | FAILED | CANCELED | INTERRUPTED
 * FAILED, INTERRUPTED -&gt; WAITING      (retried by a person: a new {@link TaskRun})
 * NOT_STARTED, WAITING, FAILED, INTERRUPTED -&gt; SKIPPED(reason)
 * INTERRUPTED -&gt; DONE                (marked done by a person who checked that the change took effect)
 * every status that is not final -&gt; CANCELED
 * WAITING -&gt; WAITING                  (the reason changed, e.g. APPROVAL, then PREVIOUS_STAGE)
 * </pre>
 *
 * <p>A task runs only from {@link #WAITING}, so a retry waits for its checks like a first run. {@link #RUNNING}
 * cannot be {@link #SKIPPED}: its statements are executing; cancel it or let it end. {@link #DONE},
 * {@link #SKIPPED} and {@link #CANCELED} are final. The reasons of {@code WAITING} and {@code SKIPPED} are carried by
 * {@link TaskState}.
 */
public enum TaskStatus {
    /** Planned; not yet considered for execution. */
    NOT_STARTED,
    /** Waiting for something named by its {@link WaitReason}. */
    WAITING,
    /** A {@link TaskRun} is executing its statements. */
    RUNNING,
    /** Every statement succeeded. Final. */
    DONE,
    /**
     * A statement failed. Holds the next stage until a person retries the task (a new run) or skips it with a
     * reason. Statements before the failing one may have taken effect; its run's results say which.
     */
    FAILED,
    /** A person skipped it with a reason; counts as ended for the next stage. Final. */
    SKIPPED,
    /** Canceled (alone, or with its change request) before it ended. Final. */
    CANCELED,
    /**
     * The runner executing it stopped (its lease expired), so whether its statements took effect is unknown. It
     * is <b>never re-run automatically</b>, because DDL is not idempotent: it waits for a person to inspect the
     * database and then retry, skip or cancel it.
     */
    INTERRUPTED;

    private static final Map<TaskStatus, Set<TaskStatus>> NEXT = new EnumMap<>(TaskStatus.class);

    static {
        NEXT.put(NOT_STARTED, EnumSet.of(WAITING, SKIPPED, CANCELED));
        NEXT.put(WAITING, EnumSet.of(WAITING, RUNNING, SKIPPED, CANCELED));
        NEXT.put(RUNNING, EnumSet.of(DONE, FAILED, CANCELED, INTERRUPTED));
        NEXT.put(DONE, EnumSet.noneOf(TaskStatus.class));
        NEXT.put(FAILED, EnumSet.of(WAITING, SKIPPED, CANCELED));
        NEXT.put(SKIPPED, EnumSet.noneOf(TaskStatus.class));
        NEXT.put(CANCELED, EnumSet.noneOf(TaskStatus.class));
        NEXT.put(INTERRUPTED, EnumSet.of(WAITING, SKIPPED, CANCELED, DONE));
        NEXT.replaceAll((status, next) -> Collections.unmodifiableSet(next));
    }

    /** The statuses this one may move to (unmodifiable; empty for a final status). */
    public Set<TaskStatus> successors() {
        return NEXT.get(this);
    }

    /** Whether the lifecycle allows moving from this status to {@code next}. */
    public boolean canMoveTo(TaskStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Whether this status is final ({@link #DONE}, {@link #SKIPPED} or {@link #CANCELED}). */
    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }

    /**
     * Whether a person may retry a task in this status, which starts a new {@link TaskRun}: {@link #FAILED} and
     * {@link #INTERRUPTED}. Nothing retries automatically.
     */
    public boolean isRetryable() {
        return this == FAILED || this == INTERRUPTED;
    }
}
