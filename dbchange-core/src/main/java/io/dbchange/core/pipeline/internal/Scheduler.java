package io.dbchange.core.pipeline.internal;

import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.TaskRun;
import io.dbchange.api.change.TaskRunStatus;
import io.dbchange.api.change.TaskState;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.change.WaitReason;
import io.dbchange.api.pipeline.CancelRequest;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Environment;
import io.dbchange.api.project.RolloutPolicy;
import io.dbchange.api.store.Lease;
import io.dbchange.api.store.MetadataStore;
import io.dbchange.api.store.RequestEntry;
import io.dbchange.api.store.TaskEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * The scheduling pass: reads the active requests from the store and applies the rollout rules to every task that has
 * not run, then hands the tasks that may run to the worker pool. Any number of nodes may run passes at the same time
 * against one store; what one node decides is guarded by compare-and-set and database locks, never by memory.
 *
 * <p><b>Rules, in the order they are applied to a task</b> (the first that holds gives its wait reason):
 *
 * <ol>
 *   <li>PREVIOUS_STAGE: a task of an earlier stage has not ended (DONE, SKIPPED or CANCELED); with relaxed stage order
 *       only tasks that have not run (or are running) hold later stages, FAILED and INTERRUPTED do not.
 *   <li>MANUAL_ROLLOUT: the stage's environment rolls out manually and nobody with its roles started it.
 *   <li>ROLLOUT_TIME: the request's rollout time is in the future.
 *   <li>CHECKS: the task's last checks found an ERROR and nobody overrode it (stays until retry or override).
 *   <li>DATABASE_BUSY: an earlier task of the request on the same database has not ended; a FAILED one does not hold
 *       it, an INTERRUPTED one does (whether it took effect is unknown until a person decides); or another task
 *       (of any request, on any node) holds the database lock.
 *   <li>QUEUED: ready; started when a slot is free under the global and the per-instance limit.
 * </ol>
 *
 * <p>A RUNNING task whose lease expired becomes INTERRUPTED (its run too) and is never started again by a pass.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = PipelineRuntime.log();
    private static final Set<ChangeRequestStatus> ACTIVE =
            EnumSet.of(ChangeRequestStatus.APPROVED, ChangeRequestStatus.ROLLING_OUT);

    private final PipelineRuntime rt;
    private final MetadataStore store;
    private final ExecutorService workers;
    private final ScheduledExecutorService heartbeats;
    private final Map<String, TaskRunner> inFlight = new ConcurrentHashMap<>();
    private final Set<DatabaseRef> busyDatabases = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> perInstance = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    // The states most tasks of a pass are in, made once: a pass over a thousand waiting tasks then compares each task's
    // state with one of these instead of building a new one per task.
    private static final TaskState AFTER_PREVIOUS_STAGE = TaskState.waiting(
            WaitReason.PREVIOUS_STAGE, "starts when every task of the earlier stages is DONE or SKIPPED");
    private static final TaskState AFTER_EARLIER_TASK = TaskState.waiting(
            WaitReason.DATABASE_BUSY, "runs after the earlier task of this request on the same database");
    private static final TaskState READY = TaskState.waiting(WaitReason.QUEUED, "ready to run");

    /** Candidates a pass collects beyond the free slots, for those a lock or a per-instance limit turns away. */
    private static final int SPARE_CANDIDATES = 16;

    /** What this node's last pass over a request decided from (see {@link #schedule}). */
    private record Pass(
            TaskView.Tasks tasks, long requestVersion, boolean relaxed, boolean timeReached, boolean[] holds) {}

    /** The last pass over each active request, by id (passes of one node run one at a time). */
    private final Map<String, Pass> lastPass = new HashMap<>();

    /** The active request entries of the last pass, by id (passes of one node run one at a time). */
    private Map<String, RequestEntry> requestCache = Map.of();

    private long changes;

    public Scheduler(PipelineRuntime rt) {
        this.rt = rt;
        this.store = rt.store();
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(rt.maxConcurrentTasks(), r -> {
            Thread t = new Thread(r, "dbchange-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dbchange-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(50, rt.leaseDuration().toMillis() / 3);
        heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        for (TaskRunner r : inFlight.values()) {
            try {
                r.heartbeat();
            } catch (RuntimeException e) {
                LOG.warn("heartbeat of {} failed: {}", r.owner(), e.toString());
            }
        }
    }

    /**
     * Passes a cancel request to this node's runner of the task, if it runs here; a task running on another node
     * learns of the request from the store at its next heartbeat.
     */
    public void cancel(String taskId, CancelRequest request) {
        TaskRunner runner = inFlight.get(taskId);
        if (runner != null) {
            runner.cancel(request);
        }
    }

    /** Tasks this node is executing now. */
    public int inFlight() {
        return inFlight.size();
    }

    /** One pass; returns how many tasks it started. Passes of one node run one at a time. */
    public synchronized int runOnce() {
        Instant now = rt.now();
        interruptExpired(now);
        int started = 0;
        for (RequestEntry req : activeRequests()) {
            if (req.request().status() == ChangeRequestStatus.APPROVED) {
                RequestEntry next = req.withRequest(
                        req.request().withStatus(ChangeRequestStatus.ROLLING_OUT, Completion.later(rt, req)));
                PipelineEvent event =
                        new PipelineEvent.RequestUpdated(now, req.id(), next.request(), "rollout started");
                Optional<RequestEntry> moved = store.compareAndSetRequest(req, next, rt.outbox(event));
                if (moved.isEmpty()) {
                    continue;
                }
                req = moved.get();
                rt.emit(event);
                LOG.info("request={} - rolling out", req.id());
            }
            started += schedule(req, now);
        }
        return started;
    }

    /**
     * The active requests, oldest first, as {@code store.requests(ACTIVE)} gives them: their versions are read (one
     * small query) and only the entries whose version moved since the last pass are read again.
     */
    private List<RequestEntry> activeRequests() {
        Map<String, Long> versions = store.requestVersions(ACTIVE);
        Map<String, RequestEntry> next = new HashMap<>();
        List<RequestEntry> list = new ArrayList<>(versions.size());
        for (Map.Entry<String, Long> v : versions.entrySet()) {
            RequestEntry known = requestCache.get(v.getKey());
            if (known == null || known.version() != v.getValue()) {
                known = store.request(v.getKey()).orElse(null);
            }
            if (known != null && ACTIVE.contains(known.request().status())) {
                next.put(known.id(), known);
                list.add(known);
            }
        }
        requestCache = next;
        lastPass.keySet().retainAll(next.keySet());
        return list;
    }

    private void interruptExpired(Instant now) {
        for (TaskEntry t : store.expiredTasks(now)) {
            if (inFlight.containsKey(t.id())) {
                continue;
            }
            Lease lease = t.lease().orElseThrow();
            PipelineEvent interrupted =
                    new PipelineEvent.TaskInterrupted(now, t.requestId(), t.id(), t.database(), lease.owner());
            Optional<TaskEntry> moved =
                    store.compareAndSetTask(t, t.withState(TaskState.INTERRUPTED), rt.outbox(interrupted));
            if (moved.isEmpty()) {
                continue;
            }
            String why = "the lease of " + lease.owner() + " expired at " + lease.until() + " (runner died or lost"
                    + " the store); statements recorded so far are in the run; a person decides: retry, skip or"
                    + " mark done after checking the database";
            for (TaskRun run : store.runs(t.id())) {
                if (run.status() == TaskRunStatus.RUNNING) {
                    store.updateRun(run.ended(
                            TaskRunStatus.INTERRUPTED,
                            now.isBefore(run.startedAt()) ? run.startedAt() : now,
                            run.results(),
                            Optional.of(why)));
                }
            }
            rt.audit(
                    "system",
                    "task.interrupted",
                    t.id(),
                    why,
                    Map.of("database", t.database().toString(), "owner", lease.owner(), "request", t.requestId()));
            LOG.warn("request={} task={} database={} - INTERRUPTED: {}", t.requestId(), t.id(), t.database(), why);
            rt.emit(interrupted);
        }
    }

    private int schedule(RequestEntry req, Instant now) {
        // Only the tasks whose version moved since this node's last look are read (TaskView).
        TaskView.Tasks view = rt.taskView().read(req.id());
        if (view.size() == 0) {
            return 0;
        }
        List<TaskEntry> tasks = view.list();
        boolean stagesRecorded = recordEndedStages(req, view);
        if (view.allEnded()) {
            // Normally the runner of the last task completes the request; this covers a request whose tasks all
            // ended otherwise (skipped, canceled, or a node that died in between). A task still in flight here is
            // reporting its end: leave the request to it, so its events come before the request's.
            if (stagesRecorded && tasks.stream().noneMatch(t -> inFlight.containsKey(t.id()))) {
                synchronized (rt.completionMonitor(req.id())) {
                    Completion.completeRequest(rt, req.id(), view.progress());
                }
                rt.taskView().forget(req.id());
                lastPass.remove(req.id());
            }
            return 0;
        }
        boolean relaxed = rt.catalog().relaxedStageOrder(req.request().projectId());
        // holds[s]: whether some task of stage s holds the stages after it
        boolean[] holds = new boolean[view.stages()];
        for (int s = 0; s < holds.length; s++) {
            for (TaskStatus status : TaskStatus.values()) {
                holds[s] |= view.count(s, status) > 0 && holdsLaterStages(status, relaxed);
            }
        }
        boolean timeReached =
                req.options().rolloutAt().map(at -> !now.isBefore(at)).orElse(true);
        // Only a request with two tasks on one database has a task that waits for an earlier one of its own.
        Set<DatabaseRef> heldInRequest = view.distinctDatabases() ? null : new HashSet<>();
        // What a task waits for depends on the request (its version), the stages that hold (from the counts), the
        // rollout time and the task itself. When the first three are as in this node's last pass, a task whose entry
        // is the same object as then gets the same answer: only the tasks that moved are looked at again, and the
        // rest only as far as it takes to fill the free slots (a thousand-task plan, after every task's end).
        Pass last = lastPass.get(req.id());
        boolean full = heldInRequest != null
                || last == null
                || last.requestVersion() != req.version()
                || last.relaxed() != relaxed
                || last.timeReached() != timeReached
                || !java.util.Arrays.equals(last.holds(), holds)
                || last.tasks().size() != view.size();
        List<TaskEntry> before = full ? List.of() : last.tasks().list();
        int wanted = rt.maxConcurrentTasks() - inFlight.size() + SPARE_CANDIDATES;
        List<TaskEntry> candidates = new ArrayList<>();
        Map<String, Integer> collected = rt.maxConcurrentTasksPerInstance() > 0 ? new HashMap<>() : null;
        for (int i = 0; i < tasks.size(); i++) {
            TaskEntry t = tasks.get(i);
            if (!full && before.get(i) == t) {
                // Only tasks that could start now count towards the few collected, so that tasks on databases or
                // instances this node keeps busy cannot hide the ones behind them.
                if (candidates.size() < wanted
                        && view.statusAt(i) == TaskStatus.WAITING
                        && (t.task().state().equals(READY) || isOverriddenCheckWait(t))
                        && !inFlight.containsKey(t.id())
                        && !busyDatabases.contains(t.database())
                        && roomOn(t.database().instanceId(), collected)) {
                    candidates.add(t);
                }
                continue;
            }
            TaskStatus status = view.statusAt(i);
            boolean open = status == TaskStatus.NOT_STARTED || status == TaskStatus.WAITING;
            if (!open && heldInRequest == null) {
                continue;
            }
            if (!open || inFlight.containsKey(t.id())) {
                if (heldInRequest != null && (holdsDatabase(status) || inFlight.containsKey(t.id()))) {
                    heldInRequest.add(t.database());
                }
                continue;
            }
            TaskState want = waitState(req, t, holds, heldInRequest, now);
            if (heldInRequest != null) {
                heldInRequest.add(t.database());
            }
            if (want == null) {
                continue;
            }
            TaskEntry latest = t;
            if (!want.equals(t.task().state())) {
                Optional<TaskEntry> moved = store.compareAndSetTask(t, t.withState(want));
                if (moved.isEmpty()) {
                    continue;
                }
                latest = moved.get();
            }
            if (want instanceof TaskState.Waiting w && w.reason() == WaitReason.QUEUED
                    || isOverriddenCheckWait(latest)) {
                candidates.add(latest);
            }
        }
        lastPass.put(req.id(), new Pass(view, req.version(), relaxed, timeReached, holds));
        int started = 0;
        for (TaskEntry t : candidates) {
            if (inFlight.size() >= rt.maxConcurrentTasks()) {
                break;
            }
            String instance = t.database().instanceId();
            AtomicInteger running = perInstance.computeIfAbsent(instance, k -> new AtomicInteger());
            if (rt.maxConcurrentTasksPerInstance() > 0 && running.get() >= rt.maxConcurrentTasksPerInstance()) {
                continue;
            }
            if (busyDatabases.contains(t.database())) {
                continue;
            }
            String owner = rt.nodeId() + ":" + t.id();
            if (!store.tryLock(t.database(), new Lease(owner, now.plus(rt.leaseDuration())), now)) {
                TaskState busy = TaskState.waiting(WaitReason.DATABASE_BUSY, "another task holds the database lock");
                if (!busy.equals(t.task().state())) {
                    store.compareAndSetTask(t, t.withState(busy));
                }
                continue;
            }
            TaskRunner runner = new TaskRunner(rt, owner);
            inFlight.put(t.id(), runner);
            busyDatabases.add(t.database());
            running.incrementAndGet();
            RequestEntry request = req;
            try {
                workers.execute(() -> {
                    try {
                        runner.run(request, t);
                    } finally {
                        inFlight.remove(t.id());
                        busyDatabases.remove(t.database());
                        running.decrementAndGet();
                        changed();
                    }
                });
                started++;
            } catch (RuntimeException e) {
                inFlight.remove(t.id());
                busyDatabases.remove(t.database());
                running.decrementAndGet();
                store.unlock(t.database(), owner);
                throw e;
            }
        }
        return started;
    }

    /**
     * Records the end of every stage that has ended and whose end this node has not seen recorded: the node that
     * reported its last task may have died before recording it (see {@link Completion}). A stage with a task whose end
     * a runner of this node is still reporting is left to that runner, so that the stage comes after its last task.
     * Returns whether every ended stage's end is recorded.
     */
    private boolean recordEndedStages(RequestEntry req, TaskView.Tasks view) {
        boolean all = true;
        for (int s = 0; s < view.stages(); s++) {
            TaskEntry first = view.firstOf(s);
            if (first == null
                    || view.endedIn(s) != view.sizeOf(s)
                    || rt.reportedOnce(Completion.stageKey(req.id(), first.revision(), first.environmentId()))) {
                continue;
            }
            if (reportingHere(view, s)) {
                all = false;
                continue;
            }
            synchronized (rt.completionMonitor(req.id())) {
                all &= Completion.finishStage(rt, req.id(), first.revision(), first.environmentId(), view.progress());
            }
        }
        return all;
    }

    /** Whether a task of the stage runs on this node, or ended here and is not reported yet. */
    private boolean reportingHere(TaskView.Tasks view, int stage) {
        for (Set<String> here : List.of(inFlight.keySet(), rt.taskView().unreported())) {
            for (String id : here) {
                TaskEntry t = view.get(id);
                if (t != null && t.stageIndex() == stage) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether one more task of {@code instanceId} fits under the per-instance limit, counting those running and those
     * this pass collected already ({@code collected}, null without a limit); counts it when it does.
     */
    private boolean roomOn(String instanceId, Map<String, Integer> collected) {
        if (collected == null) {
            return true;
        }
        AtomicInteger running = perInstance.get(instanceId);
        int used = (running == null ? 0 : running.get()) + collected.getOrDefault(instanceId, 0);
        if (used >= rt.maxConcurrentTasksPerInstance()) {
            return false;
        }
        collected.merge(instanceId, 1, Integer::sum);
        return true;
    }

    private static boolean isOverriddenCheckWait(TaskEntry t) {
        return t.task().state() instanceof TaskState.Waiting w
                && w.reason() == WaitReason.CHECKS
                && t.checkOverride().isPresent();
    }

    /** The state a not-yet-run task should be in, or null to leave it as it is and not run it. */
    private TaskState waitState(
            RequestEntry req, TaskEntry t, boolean[] holds, Set<DatabaseRef> heldInRequest, Instant now) {
        for (int s = 0; s < t.stageIndex(); s++) {
            if (holds[s]) {
                return AFTER_PREVIOUS_STAGE;
            }
        }
        Environment env = rt.catalog().environment(t.environmentId());
        if (env.rolloutPolicy() instanceof RolloutPolicy.Manual manual
                && !req.startedStages().containsKey(env.id())) {
            return TaskState.waiting(
                    WaitReason.MANUAL_ROLLOUT,
                    "environment " + env.id() + " rolls out manually: someone with role "
                            + String.join(" or ", manual.roles()) + " starts it");
        }
        Optional<Instant> at = req.options().rolloutAt();
        if (at.isPresent() && now.isBefore(at.get())) {
            return TaskState.waiting(WaitReason.ROLLOUT_TIME, "not before " + at.get());
        }
        if (t.task().state() instanceof TaskState.Waiting w && w.reason() == WaitReason.CHECKS) {
            return t.checkOverride().isPresent() ? t.task().state() : null;
        }
        if (heldInRequest != null && heldInRequest.contains(t.database())) {
            return AFTER_EARLIER_TASK;
        }
        return READY;
    }

    private static boolean holdsLaterStages(TaskStatus status, boolean relaxed) {
        if (PipelineRuntime.ENDED.contains(status)) {
            return false;
        }
        return !relaxed || (status != TaskStatus.FAILED && status != TaskStatus.INTERRUPTED);
    }

    private static boolean holdsDatabase(TaskStatus status) {
        return status == TaskStatus.RUNNING || status == TaskStatus.INTERRUPTED;
    }

    /** Wakes up whoever waits for a change ({@link #awaitChange}). */
    public void changed() {
        synchronized (signal) {
            changes++;
            signal.notifyAll();
        }
    }

    /** The change counter, to pass to {@link #awaitChange}. */
    public long changes() {
        synchronized (signal) {
            return changes;
        }
    }

    /** Waits until the change counter moves past {@code seen}, at most {@code millis}. */
    public void awaitChange(long seen, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (signal) {
            while (changes == seen) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return;
                }
                signal.wait(left);
            }
        }
    }

    @Override
    public void close() {
        // Workers first: the heartbeat keeps their leases alive until they end.
        workers.shutdown();
        try {
            if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("tasks still running after 60 s at close: {}", inFlight.keySet());
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        heartbeats.shutdownNow();
    }
}
