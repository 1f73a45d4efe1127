package io.dbchange.api.change;

import io.dbchange.api.internal.Checks;

/**
 * A task's {@link TaskStatus} together with what that status must explain. Modelled as a sealed interface of one
 * record per status rather than one record with optional fields, so that a reason exists exactly where the status
 * needs one and cannot be forgotten: {@link Waiting} always carries a {@link WaitReason} and a detail text,
 * {@link Skipped} always carries the reason a person gave. The other statuses carry nothing; their details (errors,
 * timings) are in the task's {@link TaskRun runs}.
 *
 * <pre>{@code
 * TaskState state = TaskState.waiting(WaitReason.PREVIOUS_STAGE, "stage 'test' has 1 task not ended");
 * switch (state.status()) { case WAITING -> ...; case SKIPPED -> ...; default -> ...; }
 * }</pre>
 *
 * <p>Which state may follow which is {@link TaskStatus#canMoveTo(TaskStatus)}.
 */
public sealed interface TaskState {

    /** The state of a planned task that has not been considered yet. */
    TaskState NOT_STARTED = new NotStarted();

    /** The state of a task being executed. */
    TaskState RUNNING = new Running();

    /** The state of a task whose statements all succeeded. */
    TaskState DONE = new Done();

    /** The state of a task whose run failed. */
    TaskState FAILED = new Failed();

    /** The state of a canceled task. */
    TaskState CANCELED = new Canceled();

    /** The state of a task whose runner stopped while executing it; it waits for a person, never re-runs by itself. */
    TaskState INTERRUPTED = new Interrupted();

    /** The status this state stands for. */
    TaskStatus status();

    /** Whether the task lifecycle allows moving from this state to {@code next}. */
    default boolean canMoveTo(TaskState next) {
        return status().canMoveTo(Checks.notNull("next", next).status());
    }

    /** A waiting state; see {@link Waiting}. */
    static TaskState waiting(WaitReason reason, String detail) {
        return new Waiting(reason, detail);
    }

    /** A skipped state; see {@link Skipped}. */
    static TaskState skipped(String reason) {
        return new Skipped(reason);
    }

    /** {@link TaskStatus#NOT_STARTED}. Use {@link TaskState#NOT_STARTED}. */
    record NotStarted() implements TaskState {
        @Override
        public TaskStatus status() {
            return TaskStatus.NOT_STARTED;
        }
    }

    /**
     * {@link TaskStatus#WAITING}, with why.
     *
     * @param reason what the task waits for
     * @param detail what exactly, for a person, not blank (e.g. {@code "step 1 of 2 (DBA) of flow 'prod-ddl'"},
     *     {@code "task 12 holds prod-mysql-1/orders"})
     */
    record Waiting(WaitReason reason, String detail) implements TaskState {

        public Waiting {
            Checks.notNull("reason", reason);
            Checks.notBlank("detail", detail);
        }

        @Override
        public TaskStatus status() {
            return TaskStatus.WAITING;
        }

        @Override
        public String toString() {
            return "WAITING(" + reason + ": " + detail + ")";
        }
    }

    /** {@link TaskStatus#RUNNING}. Use {@link TaskState#RUNNING}. */
    record Running() implements TaskState {
        @Override
        public TaskStatus status() {
            return TaskStatus.RUNNING;
        }
    }

    /** {@link TaskStatus#DONE}. Use {@link TaskState#DONE}. */
    record Done() implements TaskState {
        @Override
        public TaskStatus status() {
            return TaskStatus.DONE;
        }
    }

    /** {@link TaskStatus#FAILED}; the failing run says why. Use {@link TaskState#FAILED}. */
    record Failed() implements TaskState {
        @Override
        public TaskStatus status() {
            return TaskStatus.FAILED;
        }
    }

    /**
     * {@link TaskStatus#SKIPPED}, with the reason a person gave.
     *
     * @param reason why the task was skipped, not blank
     */
    record Skipped(String reason) implements TaskState {

        public Skipped {
            Checks.notBlank("reason", reason);
        }

        @Override
        public TaskStatus status() {
            return TaskStatus.SKIPPED;
        }

        @Override
        public String toString() {
            return "SKIPPED(" + reason + ")";
        }
    }

    /** {@link TaskStatus#CANCELED}. Use {@link TaskState#CANCELED}. */
    record Canceled() implements TaskState {
        @Override
        public TaskStatus status() {
            return TaskStatus.CANCELED;
        }
    }

    /** {@link TaskStatus#INTERRUPTED}; never re-run automatically. Use {@link TaskState#INTERRUPTED}. */
    record Interrupted() implements TaskState {
        @Override
        public TaskStatus status() {
            return TaskStatus.INTERRUPTED;
        }
    }
}
