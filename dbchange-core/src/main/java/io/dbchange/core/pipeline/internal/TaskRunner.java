package io.dbchange.core.pipeline.internal;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.change.ChangeOptions;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.Task;
import io.dbchange.api.change.TaskRun;
import io.dbchange.api.change.TaskRunStatus;
import io.dbchange.api.change.TaskState;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.change.WaitReason;
import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.engine.ScriptResult;
import io.dbchange.api.engine.StatementOutcome;
import io.dbchange.api.engine.StatementResult;
import io.dbchange.api.history.MigrationRecord;
import io.dbchange.api.history.MigrationStatus;
import io.dbchange.api.history.MigrationType;
import io.dbchange.api.pipeline.CancelRequest;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.pipeline.Progress;
import io.dbchange.api.pipeline.TaskCheck;
import io.dbchange.api.pipeline.TaskContext;
import io.dbchange.api.pipeline.TaskExecutor;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.Instance;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.api.store.HistoryEntry;
import io.dbchange.api.store.Lease;
import io.dbchange.api.store.MetadataStore;
import io.dbchange.api.store.RequestEntry;
import io.dbchange.api.store.TaskEntry;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Runs one task once, on the node that holds its database lock: checks, claim (WAITING to RUNNING by
 * compare-and-set, with a lease), the task run, the two-phase history record, execution, and the end state.
 *
 * <p><b>Order of writes, and why.</b> The claim comes before anything touches the database, so two nodes can never
 * both execute a task: only one compare-and-set from the same version wins. The RUNNING task run and the PENDING
 * history record are written before execution, so a crash during execution leaves both visible (the task becomes
 * INTERRUPTED when its lease expires; the history record stays PENDING until a person decides). Statement results
 * are written as each statement completes. The outcome is written to history first, then to the run, then to the
 * task, so a crash between them never shows a task DONE without its history.
 *
 * <p>Heartbeats ({@link #heartbeat()}) extend the task's lease and the database lock while the task runs; they and
 * the final transition are serialized on one monitor, so the final compare-and-set uses the latest version.
 */
public final class TaskRunner {

    private static final Logger LOG = PipelineRuntime.log();

    private final PipelineRuntime rt;
    private final MetadataStore store;
    private final String owner;
    private final Object guard = new Object();
    private TaskEntry current;
    private boolean running;
    /** Set once a person asked to cancel the running task (here or, through the store, on another node). */
    private volatile CancelRequest cancel;
    /** What cancelStatement needs while the task executes; null otherwise. */
    private volatile Canceller canceller;
    /** The event of this runner's claim, written with it; given to the listeners once the run is stored. */
    private PipelineEvent.TaskStarted claimEvent;

    /** @param owner the lease and lock owner: this node and this task, so one node's tasks never share a lock */
    public TaskRunner(PipelineRuntime rt, String owner) {
        this.rt = rt;
        this.store = rt.store();
        this.owner = owner;
    }

    public String owner() {
        return owner;
    }

    /** Runs the task; never throws (failures end in the task's state, its run and the log). */
    public void run(RequestEntry request, TaskEntry planned) {
        try {
            doRun(request, planned);
        } catch (RuntimeException e) {
            LOG.error(
                    "request={} task={} database={} - unexpected failure of the runner: {}",
                    planned.requestId(),
                    planned.id(),
                    planned.database(),
                    e.toString(),
                    e);
        } finally {
            // reported by now, or not written: either way it counts again (TaskView.ending)
            rt.taskView().reported(planned.id());
            synchronized (guard) {
                running = false;
            }
            store.unlock(planned.database(), owner);
        }
    }

    private void doRun(RequestEntry request, TaskEntry planned) {
        ChangeRequest cr = request.request();
        Database database = rt.catalog().database(planned.database());
        Instance instance = rt.catalog().instance(database.ref().instanceId());
        DatabaseEngine engine = rt.engine(instance);
        boolean createDatabase = cr.type() == ChangeType.CREATE_DATABASE;
        List<CheckResult> results = new ArrayList<>();
        Connections.Handle handle = null;
        try {
            try {
                handle = rt.connections()
                        .open(
                                instance,
                                engine,
                                createDatabase ? "" : database.ref().name());
            } catch (DbChangeException e) {
                results.add(CheckResult.error(ConnectionCheck.ID, e.code().name(), e.getMessage()));
            }
            Scripts.Script script = rt.scripts().of(engine, planned.task().statement());
            List<SqlStatement> statements = script.statements();
            Ctx ctx = new Ctx(
                    cr,
                    request.options(),
                    planned.task(),
                    database,
                    engine,
                    handle == null ? null : handle.connection(),
                    statements,
                    handle == null ? null : new LiveSchema(engine, handle.connection()),
                    handle != null && handle.answered());
            if (handle != null && !createDatabase) {
                canceller = Canceller.of(rt, instance, engine, database.ref().name(), handle.connection());
            }
            if (handle != null) {
                for (TaskCheck check : rt.checks()) {
                    try {
                        results.addAll(check.check(ctx));
                    } catch (RuntimeException e) {
                        results.add(CheckResult.error(
                                check.id(), "CHECK_FAILED", "check '" + check.id() + "' failed: " + e));
                    }
                }
            }
            Optional<CheckResult> firstError =
                    results.stream().filter(CheckResult::blocks).findFirst();
            boolean blocked = handle == null
                    || (firstError.isPresent() && planned.checkOverride().isEmpty());
            PipelineEvent checked = new PipelineEvent.CheckFinished(
                    rt.now(), planned.requestId(), planned.id(), planned.database(), List.copyOf(results), blocked);
            store.saveCheckResults(planned.id(), results, rt.outbox(checked));
            rt.emit(checked);
            if (blocked) {
                String detail = firstError.map(CheckResult::toString).orElse("blocked");
                LOG.info(
                        "request={} task={} database={} - blocked by checks: {}",
                        planned.requestId(),
                        planned.id(),
                        planned.database(),
                        detail);
                // Without a connection an override cannot help; dropping it keeps the task from being picked again
                // until a person retries (no reconnect loop).
                moveIfWaiting(
                        handle == null ? planned.withoutCheckOverride() : planned,
                        TaskState.waiting(WaitReason.CHECKS, detail));
                return;
            }
            if (firstError.isPresent()) {
                LOG.warn(
                        "request={} task={} database={} - ERROR checks overridden by {}: {}",
                        planned.requestId(),
                        planned.id(),
                        planned.database(),
                        planned.checkOverride().get().principal(),
                        firstError.get());
            }
            String version = Planner.version(cr, request.options());
            Optional<HistoryEntry> applied = store.latestMigration(database.ref(), version);
            if (applied.isPresent() && applied.get().record().status() == MigrationStatus.DONE) {
                skipApplied(planned, version, applied.get());
                return;
            }
            TaskEntry claimed = claim(planned);
            if (claimed == null) {
                return;
            }
            execute(request, claimed, ctx, version, script.checksum());
        } finally {
            canceller = null;
            if (handle != null) {
                handle.close();
            }
        }
    }

    /**
     * A person asked to cancel the task while it runs: the statement in flight is canceled on the server (MySQL
     * {@code KILL QUERY}, PostgreSQL {@code pg_cancel_backend}) and no further statement starts; the task then ends
     * CANCELED with what took effect in its run. Called by the node's operations or its heartbeat (a request made on
     * another node reaches this one through the store). Never throws.
     */
    public void cancel(CancelRequest request) {
        if (cancel != null) {
            return;
        }
        cancel = request;
        Canceller c = canceller;
        LOG.info(
                "owner={} - cancel requested by {}: {}; canceling the statement in flight",
                owner,
                request.principal(),
                request.reason());
        if (c != null) {
            c.cancel();
        }
    }

    private void moveIfWaiting(TaskEntry entry, TaskState next) {
        TaskEntry cur = entry;
        for (int i = 0; i < 5 && cur != null && cur.status() == TaskStatus.WAITING; i++) {
            if (store.compareAndSetTask(cur, cur.withState(next)).isPresent()) {
                return;
            }
            cur = store.task(entry.id()).orElse(null);
        }
    }

    private void skipApplied(TaskEntry planned, String version, HistoryEntry applied) {
        String reason = "version " + version + " is already DONE on " + planned.database() + " (history record "
                + applied.id() + "); not applied again";
        synchronized (Completion.endMonitor(rt, planned.requestId())) {
            skipApplied(planned, reason);
        }
    }

    private void skipApplied(TaskEntry planned, String reason) {
        TaskEntry cur = planned;
        for (int i = 0; i < 5 && cur != null && cur.status() == TaskStatus.WAITING; i++) {
            rt.taskView().ending(planned.id());
            TaskEntry next = cur.withState(TaskState.skipped(reason));
            List<PipelineEvent> skipped =
                    Completion.endEvents(rt, next, TaskStatus.SKIPPED, Optional.empty(), Optional.empty());
            if (store.compareAndSetTask(cur, next, rt.outbox(skipped)).isPresent()) {
                rt.audit(
                        "system",
                        "task.skip",
                        planned.id(),
                        reason,
                        Map.of("database", planned.database().toString()));
                LOG.info(
                        "request={} task={} database={} - skipped: {}",
                        planned.requestId(),
                        planned.id(),
                        planned.database(),
                        reason);
                Completion.afterTaskEnded(rt, planned, TaskStatus.SKIPPED, skipped);
                return;
            }
            cur = store.task(planned.id()).orElse(null);
        }
    }

    /**
     * WAITING to RUNNING under a fresh lease. A lost compare-and-set is retried on the fresh entry only while the task
     * is still WAITING and not blocked by checks: another node may have rewritten its wait reason, which does not
     * change the decision (this node holds the database lock).
     */
    private TaskEntry claim(TaskEntry planned) {
        TaskEntry cur = planned;
        Progress progress = rt.knownProgress(planned.requestId());
        for (int i = 0; i < 5; i++) {
            TaskEntry next = cur.running(new Lease(owner, rt.now().plus(rt.leaseDuration())));
            PipelineEvent.TaskStarted event = new PipelineEvent.TaskStarted(
                    rt.now(), next.requestId(), next.id(), next.database(), next.attempts(), progress);
            Optional<TaskEntry> won = store.compareAndSetTask(cur, next, rt.outbox(event));
            if (won.isPresent()) {
                synchronized (guard) {
                    current = won.get();
                    running = true;
                }
                claimEvent = event;
                return won.get();
            }
            cur = store.task(planned.id()).orElse(null);
            if (cur == null
                    || cur.status() != TaskStatus.WAITING
                    || (cur.task().state() instanceof TaskState.Waiting w
                            && w.reason() == WaitReason.CHECKS
                            && cur.checkOverride().isEmpty())) {
                return null;
            }
        }
        return null;
    }

    private void execute(RequestEntry request, TaskEntry claimed, Ctx ctx, String version, String checksum) {
        ChangeRequest cr = request.request();
        Instant started = rt.now();
        long startNanos = System.nanoTime();
        TaskRun run = TaskRun.started(store.newId(), claimed.id(), claimed.attempts(), started, owner);
        store.insertRun(run);
        // written with the claim; listeners hear of it once the run is stored, so that they can read it
        rt.emit(claimEvent);
        LOG.debug(
                "request={} task={} database={} attempt={} - started",
                claimed.requestId(),
                claimed.id(),
                claimed.database(),
                claimed.attempts());
        boolean createDatabase = cr.type() == ChangeType.CREATE_DATABASE;
        Optional<SchemaSnapshot> before = createDatabase ? Optional.empty() : snapshot(ctx, true);
        String principal = request.startedStages().getOrDefault(claimed.environmentId(), cr.creator());
        MigrationRecord pending = new MigrationRecord(
                claimed.database(),
                version,
                migrationType(cr.type()),
                cr.title(),
                claimed.task().statement(),
                checksum,
                before,
                Optional.empty(),
                MigrationStatus.PENDING,
                started,
                Optional.empty(),
                Duration.ZERO,
                0,
                principal,
                Optional.of(cr.id()),
                Optional.of(claimed.id()));
        HistoryEntry history;
        try {
            history = store.beginMigration(pending, claimed.attempts() > 1);
        } catch (DbChangeException e) {
            finish(claimed, run, List.of(), Optional.of(e.getMessage()), false);
            return;
        }
        List<StatementResult> soFar = Collections.synchronizedList(new ArrayList<>());
        if (cancel != null) {
            finishMigrationQuietly(history, pending, MigrationStatus.FAILED, started, startNanos, 0);
            finish(claimed, run, List.of(), Optional.of(canceledMessage(cancel, "before any statement ran")), false);
            return;
        }
        TaskExecutor executor =
                rt.executors().stream().filter(x -> x.handles(ctx)).findFirst().orElseThrow();
        ScriptResult result;
        Optional<String> error = Optional.empty();
        boolean stopped = false;
        try {
            result = executor.execute(ctx, claimed.resumeFrom(), r -> {
                soFar.add(r);
                store.updateRun(run.withResults(List.copyOf(soFar)));
                if (cancel != null && r.outcome() == StatementOutcome.SUCCEEDED) {
                    // statement by statement (MySQL): the next one must not start. After a failure the executor
                    // stops on its own; a one-call script (PostgreSQL) reports all its results at the end.
                    throw new CanceledException();
                }
            });
        } catch (CanceledException e) {
            List<StatementResult> all = new ArrayList<>(soFar);
            List<SqlStatement> toRun = ctx.statements()
                    .subList(
                            Math.min(claimed.resumeFrom() - 1, ctx.statements().size()),
                            ctx.statements().size());
            stopped = all.size() < toRun.size();
            for (SqlStatement s : toRun.subList(all.size(), toRun.size())) {
                all.add(StatementResult.notRun(s));
            }
            result = new ScriptResult(all, Duration.ofNanos(System.nanoTime() - startNanos));
        } catch (RuntimeException e) {
            error = Optional.of("execution stopped: " + e.getMessage());
            result = new ScriptResult(List.copyOf(soFar), Duration.ofNanos(System.nanoTime() - startNanos));
        }
        CancelRequest canceled = cancel;
        boolean ok = error.isEmpty() && result.succeeded() && !stopped;
        if (ok && canceled != null) {
            LOG.info(
                    "request={} task={} database={} - the cancel by {} came after the last statement; the task is DONE",
                    claimed.requestId(),
                    claimed.id(),
                    claimed.database(),
                    canceled.principal());
            canceled = null;
        }
        if (!ok && canceled != null) {
            error = Optional.of(canceledMessage(canceled, describeFailure(result)));
        } else if (!ok && error.isEmpty()) {
            error = Optional.of(describeFailure(result));
        }
        Optional<SchemaSnapshot> after = createDatabase ? Optional.empty() : snapshot(ctx, false);
        Instant ended = rt.now();
        long affected = result.statements().stream()
                .filter(StatementResult::tookEffect)
                .mapToLong(s -> Math.max(0, s.updateCount()))
                .sum();
        MigrationRecord outcome = new MigrationRecord(
                pending.database(),
                pending.version(),
                pending.type(),
                pending.description(),
                pending.statement(),
                pending.checksum(),
                pending.schemaBefore(),
                after,
                ok ? MigrationStatus.DONE : MigrationStatus.FAILED,
                started,
                Optional.of(ended.isBefore(started) ? started : ended),
                Duration.ofNanos(System.nanoTime() - startNanos),
                affected,
                pending.principal(),
                pending.requestId(),
                pending.taskId());
        if (!store.finishMigration(history.id(), outcome)) {
            LOG.warn(
                    "request={} task={} database={} - history record {} was no longer PENDING; a person resolved it"
                            + " while the task ran",
                    claimed.requestId(),
                    claimed.id(),
                    claimed.database(),
                    history.id());
        }
        finish(claimed, run, result.statements(), error, ok, canceled);
    }

    private static String canceledMessage(CancelRequest c, String effect) {
        return "canceled by " + c.principal() + " (" + c.reason() + "): " + effect;
    }

    /** Ends a PENDING history record whose task was canceled before it executed anything. */
    private void finishMigrationQuietly(
            HistoryEntry history,
            MigrationRecord pending,
            MigrationStatus status,
            Instant started,
            long startNanos,
            long affected) {
        Instant ended = rt.now();
        store.finishMigration(
                history.id(),
                new MigrationRecord(
                        pending.database(),
                        pending.version(),
                        pending.type(),
                        pending.description(),
                        pending.statement(),
                        pending.checksum(),
                        pending.schemaBefore(),
                        Optional.empty(),
                        status,
                        started,
                        Optional.of(ended.isBefore(started) ? started : ended),
                        Duration.ofNanos(System.nanoTime() - startNanos),
                        affected,
                        pending.principal(),
                        pending.requestId(),
                        pending.taskId()));
    }

    /** Thrown from the progress callback to stop a statement-by-statement execution after a cancel. */
    private static final class CanceledException extends RuntimeException {
        CanceledException() {
            super("canceled", null, false, false);
        }
    }

    private void finish(
            TaskEntry claimed, TaskRun run, List<StatementResult> results, Optional<String> error, boolean ok) {
        finish(claimed, run, results, error, ok, ok ? null : cancel);
    }

    private void finish(
            TaskEntry claimed,
            TaskRun run,
            List<StatementResult> results,
            Optional<String> error,
            boolean ok,
            CancelRequest canceled) {
        Instant end = rt.now();
        store.updateRun(run.ended(
                ok ? TaskRunStatus.DONE : canceled != null ? TaskRunStatus.CANCELED : TaskRunStatus.FAILED,
                end.isBefore(run.startedAt()) ? run.startedAt() : end,
                results,
                error));
        TaskState next = ok ? TaskState.DONE : canceled != null ? TaskState.CANCELED : TaskState.FAILED;
        TaskStatus status = ok ? TaskStatus.DONE : canceled != null ? TaskStatus.CANCELED : TaskStatus.FAILED;
        Optional<String> principal = canceled != null ? Optional.of(canceled.principal()) : Optional.<String>empty();
        // The end is written and reported under one monitor (see Completion).
        synchronized (Completion.endMonitor(rt, claimed.requestId())) {
            List<PipelineEvent> events = null;
            synchronized (guard) {
                running = false;
                TaskEntry cur = current;
                // A cancel request (or a heartbeat) may have moved the version since this node last wrote: take the
                // stored entry while it is still this run's (RUNNING under our lease).
                rt.taskView().ending(claimed.id());
                for (int i = 0; i < 5 && cur != null && isOurs(cur) && events == null; i++) {
                    TaskEntry ended = cur.withState(next).withResumeFrom(1);
                    List<PipelineEvent> e = Completion.endEvents(rt, ended, status, error, principal);
                    if (store.compareAndSetTask(cur, ended, rt.outbox(e)).isPresent()) {
                        events = e;
                    } else {
                        cur = store.task(cur.id()).orElse(null);
                    }
                }
            }
            reportEnd(claimed, events, ok, error, canceled);
        }
    }

    private void reportEnd(
            TaskEntry claimed, List<PipelineEvent> events, boolean ok, Optional<String> error, CancelRequest canceled) {
        if (events == null) {
            LOG.warn(
                    "request={} task={} database={} - the task changed while it ran (lease expired and it was marked"
                            + " INTERRUPTED?); its run ended {} and is recorded, the task state is left for a person",
                    claimed.requestId(),
                    claimed.id(),
                    claimed.database(),
                    ok ? "DONE" : "FAILED");
            return;
        }
        if (ok) {
            LOG.debug("request={} task={} database={} - done", claimed.requestId(), claimed.id(), claimed.database());
        } else {
            LOG.warn(
                    "request={} task={} database={} - failed: {}",
                    claimed.requestId(),
                    claimed.id(),
                    claimed.database(),
                    error.orElse(""));
        }
        if (canceled != null) {
            rt.audit(
                    canceled.principal(),
                    "task.cancel",
                    claimed.id(),
                    canceled.reason(),
                    Map.of("database", claimed.database().toString(), "outcome", error.orElse("")));
            Completion.afterTaskEnded(rt, claimed, TaskStatus.CANCELED, events);
            return;
        }
        Completion.afterTaskEnded(rt, claimed, ok ? TaskStatus.DONE : TaskStatus.FAILED, events);
    }

    private boolean isOurs(TaskEntry e) {
        return e.status() == TaskStatus.RUNNING
                && e.lease().map(l -> l.owner().equals(owner)).orElse(false);
    }

    /** Extends the lease and the database lock; called by the heartbeat timer while the task runs. */
    public void heartbeat() {
        synchronized (guard) {
            if (!running || current == null) {
                return;
            }
            Instant until = rt.now().plus(rt.leaseDuration());
            Optional<TaskEntry> renewed = store.compareAndSetTask(current, current.withLease(new Lease(owner, until)));
            if (renewed.isEmpty()) {
                // Someone else wrote the task: a cancel request keeps it RUNNING under our lease.
                TaskEntry stored = store.task(current.id()).orElse(null);
                if (stored != null && isOurs(stored)) {
                    current = stored;
                    renewed = store.compareAndSetTask(current, current.withLease(new Lease(owner, until)));
                }
            }
            if (renewed.isPresent()) {
                current = renewed.get();
                current.cancelRequest().ifPresent(this::cancelLater);
            } else {
                TaskEntry stored = store.task(current.id()).orElse(null);
                LOG.warn(
                        "request={} task={} database={} - lease lost: the task is now {}; the execution in progress"
                                + " finishes and is recorded",
                        current.requestId(),
                        current.id(),
                        current.database(),
                        stored == null ? "gone" : stored.task().state());
                running = false;
                return;
            }
            store.tryLock(current.database(), new Lease(owner, until), rt.now());
        }
    }

    /**
     * The schema for history, or empty when capture is off or the read failed. "Before" may be the SQL review's
     * snapshot of this run when the engine proves it current ({@link LiveSchema}); "after" is always read, since only
     * the database says what the statements did.
     */
    /** A cancel seen by the heartbeat: acted on outside the guard (canceling opens a connection). */
    private void cancelLater(CancelRequest request) {
        if (cancel == null) {
            Thread t = new Thread(() -> cancel(request), "dbchange-cancel-" + owner);
            t.setDaemon(true);
            t.start();
        }
    }

    private Optional<SchemaSnapshot> snapshot(Ctx ctx, boolean before) {
        if (!rt.captureSchema()) {
            return Optional.empty();
        }
        try {
            if (before) {
                SchemaSnapshot s = ctx.liveSchema().current();
                LOG.debug(
                        "request={} task={} database={} - schema before {}",
                        ctx.request().id(),
                        ctx.task().id(),
                        ctx.database().ref(),
                        ctx.liveSchema().reused() ? "is the review's snapshot (change marker unchanged)" : "read");
                return Optional.of(s);
            }
            return Optional.of(ctx.engine().readSchema(ctx.connection(), SnapshotOptions.DEFAULTS));
        } catch (RuntimeException e) {
            LOG.warn(
                    "request={} task={} database={} - schema not recorded in history: {}",
                    ctx.request().id(),
                    ctx.task().id(),
                    ctx.database().ref(),
                    e.toString());
            return Optional.empty();
        }
    }

    static String describeFailure(ScriptResult result) {
        Optional<StatementResult> failed = result.failure();
        List<Integer> tookEffect = new ArrayList<>();
        List<StatementResult> list = result.statements();
        for (StatementResult s : list) {
            if (s.outcome() == StatementOutcome.SUCCEEDED) {
                tookEffect.add(s.statement().index() + 1);
            }
        }
        String effect = tookEffect.isEmpty() ? "no statement took effect" : "statements " + tookEffect + " took effect";
        return failed.map(f -> "statement #" + (f.statement().index() + 1) + " at line "
                        + f.statement().start().line() + " failed: "
                        + f.error().map(Object::toString).orElse("") + "; " + effect)
                .orElse("the script did not succeed; " + effect);
    }

    private static MigrationType migrationType(ChangeType type) {
        switch (type) {
            case DATA:
                return MigrationType.DATA;
            case BASELINE:
                return MigrationType.BASELINE;
            case ROLLBACK:
                return MigrationType.ROLLBACK;
            default:
                return MigrationType.SCHEMA;
        }
    }

    /**
     * The context checks and executors see; valid during the run. {@code liveSchema} is this run's shared schema read
     * (null without a connection); {@code connectionAnswered}: opening the connection made a round trip that
     * succeeded just now ({@link Connections.Handle#answered()}).
     */
    record Ctx(
            ChangeRequest request,
            ChangeOptions options,
            Task task,
            Database database,
            DatabaseEngine engine,
            Connection connection,
            List<SqlStatement> statements,
            LiveSchema liveSchema,
            boolean connectionAnswered)
            implements TaskContext {}

    /** Request statuses in which tasks may run. */
    static final List<ChangeRequestStatus> ACTIVE =
            List.of(ChangeRequestStatus.APPROVED, ChangeRequestStatus.ROLLING_OUT);
}
