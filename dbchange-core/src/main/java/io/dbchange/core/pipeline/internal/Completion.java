package io.dbchange.core.pipeline.internal;

import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.pipeline.Progress;
import io.dbchange.api.store.RequestEntry;
import io.dbchange.api.store.TaskEntry;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * What a task's end brings: its event, the stage's end, the request's end (by compare-and-set, so once).
 *
 * <p>A task's end is written and reported under {@link #endMonitor}: the writer builds the events with {@link
 * #endEvents} (the store appends them with the end state), writes, and calls {@link #afterTaskEnded} before it lets go
 * of the monitor. On a node that records events that is the request's completion monitor, so the ends of one request's
 * tasks are written and reported one at a time, and the progress an end event carries, taken from this node's last
 * read of the plan, counts every end this node wrote before it. On a node that does not, the runners write their ends
 * in parallel and the event takes its progress when it is reported, under the completion monitor, counting only the
 * ends of this node that are reported already ({@link TaskView#ending}): it counts up one by one on each node.
 *
 * <p><b>A stage's end.</b> A stage has no row of its own. Its {@link PipelineEvent.StageFinished} is recorded once in
 * the outbox, under an id made from the stage ({@link #finishStage}): by the node that reports the stage's last task
 * end, found by the read made after that write, or, when that node died in between, by the next scheduling pass of any
 * node that sees the stage ended ({@link Scheduler}). An append under an id already recorded changes nothing, so two
 * nodes that both see the stage end record it once, and only the node whose append recorded it tells its listeners.
 */
final class Completion {

    private static final Logger LOG = PipelineRuntime.log();

    private Completion() {}

    /**
     * The event that reports {@code next}, a task entry about to be written in end state {@code status}, with the
     * request's progress once it is written: from this node's last read of the plan ({@link TaskView#known}, no store
     * read), with {@code next} in it; read from the store if this node has not read the plan.
     */
    static List<PipelineEvent> endEvents(
            PipelineRuntime rt, TaskEntry next, TaskStatus status, Optional<String> error, Optional<String> principal) {
        TaskView.Tasks tasks = rt.taskView().known(next.requestId());
        if (tasks.get(next.id()) == null) {
            tasks = rt.taskView().read(next.requestId());
        }
        // The counts of that read, with next in its new status in place of the entry the read has of it.
        TaskEntry was = tasks.get(next.id());
        int change = (PipelineRuntime.ENDED.contains(status) && was != null ? 1 : 0)
                - (was != null && PipelineRuntime.ENDED.contains(was.status()) ? 1 : 0);
        int done = tasks.ended() + change;
        Progress progress = new Progress(done, Math.max(done, tasks.size()));
        PipelineEvent event = status == TaskStatus.FAILED
                ? new PipelineEvent.TaskFailed(
                        rt.now(), next.requestId(), next.id(), next.database(), error.orElse("failed"), progress)
                : new PipelineEvent.TaskFinished(
                        rt.now(), next.requestId(), next.id(), next.database(), status, principal, progress);
        return List.of(event);
    }

    /**
     * What a task's end is written and reported under: the request's completion monitor when this node records
     * events, else a monitor of the caller's own (no waiting: the write needs no order then, and the report takes the
     * completion monitor itself).
     */
    static Object endMonitor(PipelineRuntime rt, String requestId) {
        return rt.recordEvents() ? rt.completionMonitor(requestId) : new Object();
    }

    /** What names a stage's end: the request, its revision and the stage's environment. */
    static String stageKey(String requestId, int revision, String environmentId) {
        return requestId + "/" + revision + "/" + environmentId;
    }

    /**
     * Records the stage's end once (see the class comment) and tells this node's listeners when this call recorded it;
     * returns whether the stage's end is recorded now (by this call or before), false when the append failed (the next
     * scheduling pass tries again). The caller holds the request's completion monitor.
     */
    static boolean finishStage(
            PipelineRuntime rt, String requestId, int revision, String environmentId, Progress progress) {
        String key = stageKey(requestId, revision, environmentId);
        if (rt.emitOnce(key, new PipelineEvent.StageFinished(rt.now(), requestId, environmentId, progress))) {
            LOG.info("request={} stage={} progress={} - stage finished", requestId, environmentId, progress);
        }
        return rt.reportedOnce(key);
    }

    /**
     * After a task's end state was written with {@code events} (built by {@link #endEvents}): this node's listeners,
     * then the stage's end and the request's end. Callers hold the request's completion monitor from before they
     * built the events.
     */
    static void afterTaskEnded(PipelineRuntime rt, TaskEntry task, TaskStatus status, List<PipelineEvent> events) {
        // Tasks of one request end on several threads at once: their events, the stage's and the request's end are
        // decided under one monitor per request, so that on this node each is reported once and in order (a task,
        // then its stage, then the request).
        synchronized (rt.completionMonitor(task.requestId())) {
            report(rt, task, status, events);
        }
    }

    private static void report(PipelineRuntime rt, TaskEntry task, TaskStatus status, List<PipelineEvent> events) {
        rt.taskView().reported(task.id());
        // Read after the write: of two tasks ending at once on two nodes, at least one sees both ended. An end another
        // runner of this node wrote but has not reported yet counts from its own report on (TaskView.ending), so the
        // progress counts up one event at a time and the stage and the request end after their last task's event.
        TaskView.Tasks tasks = rt.taskView().read(task.requestId());
        TaskEntry self = tasks.get(task.id());
        int stage = self == null ? task.stageIndex() : self.stageIndex();
        int unreportedEnded = 0;
        int unreportedEndedInStage = 0;
        for (String id : rt.taskView().unreported()) {
            TaskEntry t = tasks.get(id);
            if (t != null && PipelineRuntime.ENDED.contains(t.status())) {
                unreportedEnded++;
                unreportedEndedInStage += t.stageIndex() == stage ? 1 : 0;
            }
        }
        Progress progress = new Progress(tasks.ended() - unreportedEnded, tasks.size());
        // Written events are reported as written. Without an outbox the runners of one request write their ends in
        // parallel, so the event takes the progress of this report, made under the request's completion monitor.
        rt.emit(rt.recordEvents() ? events.get(0) : withProgress(events.get(0), progress));
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
        boolean stageRecorded = true;
        if (tasks.endedIn(stage) - unreportedEndedInStage == tasks.sizeOf(stage)) {
            stageRecorded = finishStage(rt, task.requestId(), task.revision(), task.environmentId(), progress);
        }
        // the request's end comes after its last stage's: if that record failed, a later pass records both
        if (progress.done() == progress.total() && stageRecorded) {
            completeRequest(rt, task.requestId(), progress);
        }
    }

    private static PipelineEvent withProgress(PipelineEvent event, Progress progress) {
        if (event instanceof PipelineEvent.TaskFinished f) {
            return new PipelineEvent.TaskFinished(
                    f.at(), f.requestId(), f.taskId(), f.database(), f.status(), f.principal(), progress);
        }
        if (event instanceof PipelineEvent.TaskFailed f) {
            return new PipelineEvent.TaskFailed(f.at(), f.requestId(), f.taskId(), f.database(), f.error(), progress);
        }
        return event;
    }

    /** Moves a ROLLING_OUT request whose tasks all ended to DONE, with its RequestDone event; one caller wins. */
    static void completeRequest(PipelineRuntime rt, String requestId, Progress progress) {
        for (int i = 0; i < 5; i++) {
            RequestEntry req = rt.store().request(requestId).orElse(null);
            if (req == null || req.request().status() != ChangeRequestStatus.ROLLING_OUT) {
                return;
            }
            RequestEntry next = req.withRequest(req.request().withStatus(ChangeRequestStatus.DONE, later(rt, req)));
            PipelineEvent done = new PipelineEvent.RequestDone(rt.now(), requestId, ChangeRequestStatus.DONE, progress);
            if (rt.store().compareAndSetRequest(req, next, rt.outbox(done)).isPresent()) {
                LOG.info("request={} progress={} - request done", requestId, progress);
                rt.emit(done);
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
