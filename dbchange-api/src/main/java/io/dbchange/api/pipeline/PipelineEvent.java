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
 */
public sealed interface PipelineEvent {

    /** When it happened. */
    Instant at();

    /** The request it concerns. */
    String requestId();

    /** A request was created (status DRAFT). */
    record RequestCreated(Instant at, String requestId, ChangeRequest request, int tasks) implements PipelineEvent {}

    /** A request changed: a new revision, or a new status (submitted, approved, rejected, canceled). */
    record RequestUpdated(Instant at, String requestId, ChangeRequest request, String why) implements PipelineEvent {}

    /** The checks before a task ran; {@code blocked} when an ERROR without override holds the task. */
    record CheckFinished(
            Instant at,
            String requestId,
            String taskId,
            DatabaseRef database,
            List<CheckResult> results,
            boolean blocked)
            implements PipelineEvent {}

    /** A task started its {@code attempt}-th run. */
    record TaskStarted(
            Instant at, String requestId, String taskId, DatabaseRef database, int attempt, Progress progress)
            implements PipelineEvent {}

    /** A task ended DONE, or was skipped, canceled or marked done by a person. */
    record TaskFinished(
            Instant at,
            String requestId,
            String taskId,
            DatabaseRef database,
            TaskStatus status,
            Optional<String> principal,
            Progress progress)
            implements PipelineEvent {}

    /** A task's run FAILED; {@code error} names the statement and the server's message. */
    record TaskFailed(
            Instant at, String requestId, String taskId, DatabaseRef database, String error, Progress progress)
            implements PipelineEvent {}

    /** A RUNNING task's lease expired (its runner died); it waits for a person. */
    record TaskInterrupted(Instant at, String requestId, String taskId, DatabaseRef database, String previousOwner)
            implements PipelineEvent {}

    /** Every task of a stage ended (DONE, SKIPPED or CANCELED). */
    record StageFinished(Instant at, String requestId, String environmentId, Progress progress)
            implements PipelineEvent {}

    /** The request reached a final status (DONE or CANCELED). */
    record RequestDone(Instant at, String requestId, ChangeRequestStatus status, Progress progress)
            implements PipelineEvent {}
}
