package io.dbchange.api.pipeline;

import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.project.DatabaseRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Something that happened in the pipeline, delivered to {@link PipelineListener}s after the state change it reports
 * has been written to the metadata store (so a listener that reads the store sees it). Events are delivered on the
 * thread that made the change, in order per task, not across tasks.
 *
 * <p>A pipeline that records events (its builder's {@code recordEvents(true)}) also appends each event to the store's
 * outbox in the same store transaction as the write it reports, named on each type below ("Written with").
 */
public sealed interface PipelineEvent {

    /** When it happened. */
    Instant at();

    /** The request it concerns. */
    String requestId();

    /** A request was created (status DRAFT). Written with: the request's creation, with its tasks. */
    record RequestCreated(Instant at, String requestId, ChangeRequest request, int tasks) implements PipelineEvent {}

    /**
     * A request changed: a new revision, or a new status (submitted, approved, rejected, canceled), or a manual stage
     * start. Written with: the request's compare-and-set (for a revision, the revision with its new tasks).
     */
    record RequestUpdated(Instant at, String requestId, ChangeRequest request, String why) implements PipelineEvent {}

    /**
     * The checks before a task ran; {@code blocked} when an ERROR without override holds the task. Written with: the
     * task's check results.
     */
    record CheckFinished(
            Instant at,
            String requestId,
            String taskId,
            DatabaseRef database,
            List<CheckResult> results,
            boolean blocked)
            implements PipelineEvent {}

    /**
     * A task started its {@code attempt}-th run. Written with: the claim (the task's compare-and-set to RUNNING);
     * listeners hear of it once the run is stored too.
     */
    record TaskStarted(
            Instant at, String requestId, String taskId, DatabaseRef database, int attempt, Progress progress)
            implements PipelineEvent {}

    /**
     * A task ended DONE, or was skipped, canceled or marked done by a person. Written with: the task's compare-and-set
     * to that status. {@code progress} counts this task ended, from the plan as the writing node last read it.
     */
    record TaskFinished(
            Instant at,
            String requestId,
            String taskId,
            DatabaseRef database,
            TaskStatus status,
            Optional<String> principal,
            Progress progress)
            implements PipelineEvent {}

    /**
     * A task's run FAILED; {@code error} names the statement and the server's message. Written with: the task's
     * compare-and-set to FAILED.
     */
    record TaskFailed(
            Instant at, String requestId, String taskId, DatabaseRef database, String error, Progress progress)
            implements PipelineEvent {}

    /**
     * A RUNNING task's lease expired (its runner died); it waits for a person. Written with: the task's compare-and-set
     * to INTERRUPTED.
     */
    record TaskInterrupted(Instant at, String requestId, String taskId, DatabaseRef database, String previousOwner)
            implements PipelineEvent {}

    /**
     * Every task of a stage ended (DONE, SKIPPED or CANCELED). Written with: the stage's last task end, when the node
     * writing it knows that the stage's other tasks ended; when that node learns it only after the write (another node
     * ended them meanwhile), appended to the outbox on its own, and lost for feeds if the node dies in between.
     */
    record StageFinished(Instant at, String requestId, String environmentId, Progress progress)
            implements PipelineEvent {}

    /**
     * The request reached a final status (DONE or CANCELED). Written with: the request's compare-and-set to that
     * status (a cancel writes its {@link RequestUpdated} with it).
     */
    record RequestDone(Instant at, String requestId, ChangeRequestStatus status, Progress progress)
            implements PipelineEvent {}
}
