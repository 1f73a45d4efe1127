package io.dbchange.api.store;

import io.dbchange.api.Ids;
import io.dbchange.api.change.Task;
import io.dbchange.api.change.TaskState;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.pipeline.CancelRequest;
import io.dbchange.api.pipeline.CheckOverride;
import io.dbchange.api.project.DatabaseRef;
import java.util.Optional;

/**
 * A task as stored: the task, where it sits in its request's plan, its lease while RUNNING, and the version for
 * compare-and-set.
 *
 * @param task the task and its state
 * @param requestId the request it belongs to
 * @param revision the request revision it was planned for
 * @param environmentId the stage (environment) it belongs to
 * @param stageIndex the stage's position in the plan, from 0
 * @param sequence the task's position in the whole plan, from 0; tasks on one database run in this order
 * @param lease who runs it and until when; present exactly while RUNNING
 * @param attempts how many runs were started
 * @param resumeFrom the 1-based statement the next run starts from (1 unless a person chose to resume)
 * @param checkOverride a person's decision to run despite ERROR checks
 * @param cancelRequest a person's request to cancel the task while it ran (cleared when a new run starts; a body written
 *     before this field existed reads as empty)
 * @param version incremented by the store on every successful change
 */
public record TaskEntry(
        Task task,
        String requestId,
        int revision,
        String environmentId,
        int stageIndex,
        int sequence,
        Optional<Lease> lease,
        int attempts,
        int resumeFrom,
        Optional<CheckOverride> checkOverride,
        Optional<CancelRequest> cancelRequest,
        long version) {

    public TaskEntry {
        Checks.notNull("task", task);
        Ids.requireGeneratedId("requestId", requestId);
        Checks.positive("revision", revision);
        Ids.requireDefinedId("environmentId", environmentId);
        Checks.notNegative("stageIndex", stageIndex);
        Checks.notNegative("sequence", sequence);
        Checks.notNull("lease", lease);
        if (lease.isPresent() != (task.status() == TaskStatus.RUNNING)) {
            throw new IllegalArgumentException("task '" + task.id() + "': a lease is present exactly while RUNNING,"
                    + " but status was " + task.status() + " and lease " + lease);
        }
        Checks.notNegative("attempts", attempts);
        Checks.positive("resumeFrom", resumeFrom);
        Checks.notNull("checkOverride", checkOverride);
        // Absent in bodies stored by nodes of an earlier version (rolling upgrades): none.
        cancelRequest = cancelRequest == null ? Optional.empty() : cancelRequest;
        Checks.notNegative("version", version);
    }

    /** A task of a new plan: NOT_STARTED, no attempts, version 0. */
    public static TaskEntry planned(
            Task task, String requestId, int revision, String environmentId, int stageIndex, int sequence) {
        return new TaskEntry(
                task,
                requestId,
                revision,
                environmentId,
                stageIndex,
                sequence,
                Optional.empty(),
                0,
                1,
                Optional.empty(),
                Optional.empty(),
                0);
    }

    public String id() {
        return task.id();
    }

    public DatabaseRef database() {
        return task.database();
    }

    public TaskStatus status() {
        return task.status();
    }

    /**
     * Whether this task has started: an attempt was made, or it has left {@code NOT_STARTED}/{@code WAITING} (run,
     * ended, skipped or canceled). A request whose tasks have not started may still be revised.
     */
    public boolean hasStarted() {
        return attempts() > 0 || (status() != TaskStatus.NOT_STARTED && status() != TaskStatus.WAITING);
    }

    /**
     * This entry in state {@code next} (transition checked by {@link Task#withState}); the lease is dropped unless
     * {@code next} is RUNNING, where use {@link #running}.
     */
    public TaskEntry withState(TaskState next) {
        Task moved = task.withState(next);
        return new TaskEntry(
                moved,
                requestId,
                revision,
                environmentId,
                stageIndex,
                sequence,
                Optional.empty(),
                attempts,
                resumeFrom,
                checkOverride,
                cancelRequest,
                version);
    }

    /** This entry RUNNING under {@code lease}, one more attempt. */
    public TaskEntry running(Lease lease) {
        Task moved = task.withState(TaskState.RUNNING);
        return new TaskEntry(
                moved,
                requestId,
                revision,
                environmentId,
                stageIndex,
                sequence,
                Optional.of(lease),
                attempts + 1,
                resumeFrom,
                checkOverride,
                Optional.empty(),
                version);
    }

    /** This RUNNING entry with its lease extended to {@code next}. */
    public TaskEntry withLease(Lease next) {
        return new TaskEntry(
                task,
                requestId,
                revision,
                environmentId,
                stageIndex,
                sequence,
                Optional.of(next),
                attempts,
                resumeFrom,
                checkOverride,
                cancelRequest,
                version);
    }

    public TaskEntry withResumeFrom(int statement) {
        return new TaskEntry(
                task,
                requestId,
                revision,
                environmentId,
                stageIndex,
                sequence,
                lease,
                attempts,
                statement,
                checkOverride,
                cancelRequest,
                version);
    }

    public TaskEntry withCheckOverride(CheckOverride override) {
        return new TaskEntry(
                task,
                requestId,
                revision,
                environmentId,
                stageIndex,
                sequence,
                lease,
                attempts,
                resumeFrom,
                Optional.of(override),
                cancelRequest,
                version);
    }

    public TaskEntry withoutCheckOverride() {
        return new TaskEntry(
                task,
                requestId,
                revision,
                environmentId,
                stageIndex,
                sequence,
                lease,
                attempts,
                resumeFrom,
                Optional.empty(),
                cancelRequest,
                version);
    }

    /** This RUNNING entry with a person's request to cancel it (it stays RUNNING until its runner ends it). */
    public TaskEntry withCancelRequest(CancelRequest request) {
        return new TaskEntry(
                task,
                requestId,
                revision,
                environmentId,
                stageIndex,
                sequence,
                lease,
                attempts,
                resumeFrom,
                checkOverride,
                Optional.of(request),
                version);
    }

    /** The same entry with the version the store assigned; for store implementations. */
    public TaskEntry withVersion(long next) {
        return new TaskEntry(
                task,
                requestId,
                revision,
                environmentId,
                stageIndex,
                sequence,
                lease,
                attempts,
                resumeFrom,
                checkOverride,
                cancelRequest,
                next);
    }
}
