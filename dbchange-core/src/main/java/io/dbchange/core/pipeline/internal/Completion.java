package io.dbchange.core.pipeline.internal;

import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.pipeline.Progress;
import io.dbchange.api.store.RequestEntry;
import io.dbchange.api.store.TaskEntry;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;

/** What follows a task's end: its event, the stage's end, the request's end (by compare-and-set, so once). */
final class Completion {

    private static final Logger LOG = PipelineRuntime.log();

    private Completion() {}

    static void afterTaskEnded(
            PipelineRuntime rt, TaskEntry task, TaskStatus status, Optional<String> error, Optional<String> principal) {
        // Tasks of one request end on several threads at once: their events, the stage's and the request's end are
        // decided under one monitor per request, so that on this node each is reported once and in order (a task,
        // then its stage, then the request).
        synchronized (rt.completionMonitor(task.requestId())) {
            report(rt, task, status, error, principal);
        }
    }

    private static void report(
            PipelineRuntime rt, TaskEntry task, TaskStatus status, Optional<String> error, Optional<String> principal) {
        rt.taskView().reported(task.id());
        // An end another runner of this node wrote but has not reported yet counts from its own report on (TaskView
        // ending): the progress counts up one event at a time, and the stage and the request end after their last
        // task's event.
        List<TaskEntry> tasks = rt.taskView().tasks(task.requestId());
        Predicate<TaskEntry> ended = t ->
                PipelineRuntime.ENDED.contains(t.status()) && !rt.taskView().unreported(t.id());
        Progress progress = new Progress((int) tasks.stream().filter(ended).count(), tasks.size());
        if (status == TaskStatus.FAILED) {
            rt.emit(new PipelineEvent.TaskFailed(
                    rt.now(), task.requestId(), task.id(), task.database(), error.orElse("failed"), progress));
        } else {
            rt.emit(new PipelineEvent.TaskFinished(
                    rt.now(), task.requestId(), task.id(), task.database(), status, principal, progress));
        }
        // A thousand-tenant rollout logs its progress every 5% (and every failure), not every task.
        int step = Math.max(1, progress.total() / 20);
        if (status == TaskStatus.FAILED || progress.done() % step == 0 || progress.done() == progress.total()) {
            LOG.info(
                    "request={} progress={} - task={} database={} {}",
                    task.requestId(),
                    progress,
                    task.id(),
                    task.database(),
                    status);
        } else {
            LOG.debug(
                    "request={} progress={} - task={} database={} {}",
                    task.requestId(),
                    progress,
                    task.id(),
                    task.database(),
                    status);
        }
        if (!PipelineRuntime.ENDED.contains(status)) {
            return;
        }
        List<TaskEntry> stage = tasks.stream()
                .filter(t -> t.environmentId().equals(task.environmentId()))
                .toList();
        if (stage.stream().allMatch(ended)
                && rt.firstToFinish(task.requestId() + "/" + task.revision() + "/" + task.environmentId())) {
            rt.emit(new PipelineEvent.StageFinished(rt.now(), task.requestId(), task.environmentId(), progress));
            LOG.info(
                    "request={} stage={} progress={} - stage finished",
                    task.requestId(),
                    task.environmentId(),
                    progress);
        }
        if (progress.done() == progress.total()) {
            completeRequest(rt, task.requestId(), progress);
        }
    }

    /** Moves a ROLLING_OUT request whose tasks all ended to DONE; at most one caller wins. */
    static void completeRequest(PipelineRuntime rt, String requestId, Progress progress) {
        for (int i = 0; i < 5; i++) {
            RequestEntry req = rt.store().request(requestId).orElse(null);
            if (req == null || req.request().status() != ChangeRequestStatus.ROLLING_OUT) {
                return;
            }
            RequestEntry next = req.withRequest(req.request().withStatus(ChangeRequestStatus.DONE, later(rt, req)));
            if (rt.store().compareAndSetRequest(req, next).isPresent()) {
                LOG.info("request={} progress={} - request done", requestId, progress);
                rt.emit(new PipelineEvent.RequestDone(rt.now(), requestId, ChangeRequestStatus.DONE, progress));
                return;
            }
        }
    }

    /** Now, or the request's last update if a node's clock lags behind it (updates must not go back in time). */
    static java.time.Instant later(PipelineRuntime rt, RequestEntry req) {
        java.time.Instant now = rt.now();
        return now.isBefore(req.request().updatedAt()) ? req.request().updatedAt() : now;
    }
}
