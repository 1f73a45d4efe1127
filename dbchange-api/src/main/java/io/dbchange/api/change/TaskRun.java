package io.dbchange.api.change;

import io.dbchange.api.Ids;
import io.dbchange.api.engine.StatementResult;
import io.dbchange.api.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One attempt to execute a {@link Task}. The first run has attempt 1; a person's retry of a FAILED or INTERRUPTED
 * task creates the next attempt, never reuses a run.
 *
 * @param id the run's generated id
 * @param taskId the generated id of its task
 * @param attempt which attempt this is, at least 1
 * @param startedAt when it started
 * @param endedAt when it ended: present exactly when {@code status} is not {@link TaskRunStatus#RUNNING}, and not
 *     before {@code startedAt}
 * @param status how it ended, or {@code RUNNING}
 * @param results the results of the statements executed so far, in order (copied, immutable)
 * @param owner the id of the runner (node) that holds or held the run's lease, not blank
 * @param error why the run did not succeed when that is not a statement's own error (the history version was
 *     applied before, the connection broke, the lease expired), for a person; empty otherwise
 */
public record TaskRun(
        String id,
        String taskId,
        int attempt,
        Instant startedAt,
        Optional<Instant> endedAt,
        TaskRunStatus status,
        List<StatementResult> results,
        String owner,
        Optional<String> error) {

    public TaskRun {
        Ids.requireGeneratedId("id", id);
        Ids.requireGeneratedId("taskId", taskId);
        Checks.positive("attempt", attempt);
        Checks.notNull("startedAt", startedAt);
        Checks.notNull("endedAt", endedAt);
        Checks.notNull("status", status);
        if (endedAt.isPresent() != status.isFinal()) {
            throw new IllegalArgumentException("'endedAt' is present exactly when the run has ended, but status was "
                    + status + " and endedAt " + endedAt);
        }
        if (endedAt.isPresent() && endedAt.get().isBefore(startedAt)) {
            throw new IllegalArgumentException(
                    "'endedAt' " + endedAt.get() + " must not be before 'startedAt' " + startedAt);
        }
        results = Checks.copy("results", results);
        Checks.notBlank("owner", owner);
        Checks.notNull("error", error);
    }

    /** A run that has just started, with no results yet. */
    public static TaskRun started(String id, String taskId, int attempt, Instant startedAt, String owner) {
        return new TaskRun(
                id,
                taskId,
                attempt,
                startedAt,
                Optional.empty(),
                TaskRunStatus.RUNNING,
                List.of(),
                owner,
                Optional.empty());
    }

    /** This RUNNING run with the statement results known so far. */
    public TaskRun withResults(List<StatementResult> soFar) {
        return new TaskRun(id, taskId, attempt, startedAt, endedAt, status, soFar, owner, error);
    }

    /** This run ended at {@code at} with {@code outcome}; {@code reason} as for {@link #error()}. */
    public TaskRun ended(
            TaskRunStatus outcome, Instant at, List<StatementResult> finalResults, Optional<String> reason) {
        if (!status.canMoveTo(outcome)) {
            throw Transitions.illegal("task run '" + id + "'", status, outcome, status.successors());
        }
        return new TaskRun(id, taskId, attempt, startedAt, Optional.of(at), outcome, finalResults, owner, reason);
    }

    /** How long it ran, if it has ended. */
    public Optional<Duration> duration() {
        return endedAt.map(end -> Duration.between(startedAt, end));
    }
}
