package io.dbchange.core.pipeline;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.change.ChangeOptions;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.pipeline.TaskCheck;
import io.dbchange.api.pipeline.TaskExecutor;
import io.dbchange.api.rollback.RollbackCapture;
import io.dbchange.api.rollback.RollbackConsent;
import io.dbchange.api.rollback.RollbackScriptRef;
import io.dbchange.api.rollback.RollbackStore;
import io.dbchange.api.rollback.RollbackSupport;
import io.dbchange.api.rollback.RollbackWaiver;
import io.dbchange.api.store.AuditEntry;
import io.dbchange.api.store.TaskEntry;
import io.dbchange.core.pipeline.internal.RollbackTasks;
import io.dbchange.core.store.InMemoryRollbackStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Data rollback through the pipeline: DATA tasks with {@code rollbackEnabled} run with capture, and the change of a
 * DONE task becomes a ROLLBACK change request that is reviewed, approved and rolled out like any other.
 *
 * <pre>{@code
 * Rollbacks rollbacks = Rollbacks.configure()
 *         .support(BinlogRollbackSupport.configure().instance(mysqlInstance).build())
 *         .support(PostgresRollbackSupport.configure().build())
 *         .build();
 * Pipeline pipeline = rollbacks.register(Pipeline.configure()...).build();
 * // ... a DATA request with ChangeOptions.DEFAULTS.withRollbackEnabled(true) rolls out ...
 * ChangeRequest undo = rollbacks.generate(pipeline, taskId, "alice");   // type ROLLBACK, DRAFT
 * pipeline.submit(undo.id(), "alice");                                  // approval as for any request
 * }</pre>
 *
 * <p>{@link #register} adds a {@link TaskCheck} (the capture's prerequisites: an ERROR blocks the task with the
 * reason unless the request's creator chose {@link #runWithoutRollback}) and a {@link TaskExecutor} (captures DATA
 * tasks in one transaction; runs ROLLBACK tasks as the verified apply, itself captured, so a rollback can be rolled
 * back). What identifies each capture and each generated script is kept in the {@link RollbackStore}; the script's
 * statements stay in the engine's own storage. Thread-safe.
 */
public final class Rollbacks {

    /** How many statements of a generated script the ROLLBACK request's text shows. */
    public static final int HEAD_STATEMENTS = 20;

    private final RollbackStore store;
    private final RollbackTasks tasks;
    private final Clock clock;

    private Rollbacks(RollbackStore store, List<RollbackSupport> supports, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.tasks = new RollbackTasks(store, supports, clock);
    }

    public static Builder configure() {
        return new Builder();
    }

    /** Registers this service's check and executor on a pipeline builder, before other executors added later. */
    public Pipeline.Builder register(Pipeline.Builder builder) {
        return builder.check(check()).executor(executor());
    }

    /** The pre-task check of the capture's prerequisites (id {@code rollback-prerequisites}). */
    public TaskCheck check() {
        return tasks.check();
    }

    /** The executor of DATA tasks with rollback and of ROLLBACK tasks. */
    public TaskExecutor executor() {
        return tasks.executor();
    }

    public RollbackStore store() {
        return store;
    }

    /** The capture of a task, present once it ran with rollback. */
    public Optional<RollbackCapture> capture(String taskId) {
        return store.capture(taskId);
    }

    /**
     * Generates the rollback of a DONE task that ran with capture (a DATA task, or a ROLLBACK task, whose rollback
     * redoes the change) and creates a ROLLBACK change request (DRAFT) for the same database carrying it: the
     * request's text names the script's SHA-256, its counts and its first {@value #HEAD_STATEMENTS} statements, so
     * approval binds to that exact script. Submit it like any request.
     *
     * @throws DbChangeException {@code NOT_FOUND} when the task has no capture; {@code ILLEGAL_ACTION} when it is
     *     not DONE; the engine's codes when the script cannot be generated (e.g. binary log purged)
     */
    public ChangeRequest generate(Pipeline pipeline, String taskId, String principal) {
        Checks.notNull("pipeline", pipeline);
        Checks.notBlank("principal", principal);
        RollbackCapture capture = store.capture(Checks.notBlank("taskId", taskId))
                .orElseThrow(() -> new DbChangeException(
                        PipelineErrorCode.NOT_FOUND,
                        "task " + taskId + " has no rollback capture; only tasks of DATA requests with"
                                + " rollbackEnabled (and ROLLBACK tasks) that ran with capture can be rolled back"));
        TaskEntry task = pipeline.store()
                .task(taskId)
                .orElseThrow(() -> new DbChangeException(PipelineErrorCode.NOT_FOUND, "no task " + taskId));
        if (task.task().status() != TaskStatus.DONE) {
            throw new DbChangeException(
                    PipelineErrorCode.ILLEGAL_ACTION,
                    "task " + taskId + " is " + task.task().status() + "; only a DONE task can be rolled back");
        }
        ChangeRequest source = pipeline.request(capture.requestId())
                .orElseThrow(
                        () -> new DbChangeException(PipelineErrorCode.NOT_FOUND, "no request " + capture.requestId()));
        String key = taskId + "-" + UUID.randomUUID().toString().substring(0, 8);
        RollbackSupport.Generated generated = pipeline.withConnection(
                capture.database(),
                (engine, connection) -> tasks.support(engine)
                        .orElseThrow(() -> new DbChangeException(
                                PipelineErrorCode.NOT_FOUND, "no rollback support for engine " + engine.name()))
                        .generate(capture.database(), connection, capture.capture(), key));
        String text = reviewText(taskId, source, capture, generated);
        ChangeRequest created = pipeline.create(new NewChangeRequest(
                source.projectId(),
                "Rollback of " + source.title(),
                "Undoes task " + taskId + " of request " + source.id() + " on " + capture.database() + ".",
                ChangeType.ROLLBACK,
                text,
                TargetSelector.databases(capture.database()),
                principal,
                ChangeOptions.DEFAULTS.withRollbackEnabled(true)));
        store.saveScript(new RollbackScriptRef(
                created.id(),
                taskId,
                capture.database(),
                generated.script(),
                generated.sha256(),
                generated.statements(),
                clock.instant()));
        return created;
    }

    /** A task's "rollback covers only the named tables" consent, if given (for whichever revision). */
    public Optional<RollbackConsent> consent(String taskId) {
        return store.consent(taskId);
    }

    /** The script a ROLLBACK request carries. */
    public Optional<RollbackScriptRef> script(String requestId) {
        return store.script(requestId);
    }

    /**
     * Records that the request's creator chose to run a task without rollback capture (e.g. after the
     * prerequisite check blocked it), with a reason; the task's checks then pass with a warning naming the choice,
     * and the built-in executor runs it. Retry the blocked task afterwards ({@link Pipeline#retry}) to run its
     * checks again.
     *
     * @throws DbChangeException {@code PERMISSION_DENIED} when {@code principal} is not the request's creator
     */
    public void runWithoutRollback(Pipeline pipeline, String taskId, String principal, String reason) {
        Checks.notBlank("reason", reason);
        TaskEntry task = pipeline.store()
                .task(Checks.notBlank("taskId", taskId))
                .orElseThrow(() -> new DbChangeException(PipelineErrorCode.NOT_FOUND, "no task " + taskId));
        ChangeRequest request = pipeline.request(task.requestId()).orElseThrow();
        if (!request.creator().equals(principal)) {
            throw new DbChangeException(
                    PipelineErrorCode.PERMISSION_DENIED,
                    principal + " may not run task " + taskId + " without rollback: only the request's creator ("
                            + request.creator() + ") may");
        }
        store.saveWaiver(new RollbackWaiver(taskId, principal, reason, clock.instant()));
        pipeline.store()
                .audit(new AuditEntry(
                        clock.instant(),
                        principal,
                        "task.rollback.waived",
                        taskId,
                        reason,
                        Map.of(
                                "request",
                                request.id(),
                                "database",
                                task.database().toString())));
    }

    /**
     * Records that the request's creator accepts that the rollback of a task covers only the tables its statements
     * name (engines that detect triggers or cascading foreign keys block such tasks otherwise; PostgreSQL does): the
     * writes those make to other tables are listed in the capture but not undone. The consent is bound to the
     * request's current content hash (an edited request needs it again) and audited as
     * {@code task.rollback.named-tables-only}; the task's checks then pass with a warning saying so, and the
     * generated rollback request says so too. Retry the blocked task afterwards ({@link Pipeline#retry}).
     *
     * @throws DbChangeException {@code PERMISSION_DENIED} when {@code principal} is not the request's creator
     */
    public void acceptNamedTablesOnly(Pipeline pipeline, String taskId, String principal, String reason) {
        Checks.notBlank("reason", reason);
        TaskEntry task = pipeline.store()
                .task(Checks.notBlank("taskId", taskId))
                .orElseThrow(() -> new DbChangeException(PipelineErrorCode.NOT_FOUND, "no task " + taskId));
        ChangeRequest request = pipeline.request(task.requestId()).orElseThrow();
        if (!request.creator().equals(principal)) {
            throw new DbChangeException(
                    PipelineErrorCode.PERMISSION_DENIED,
                    principal + " may not accept that the rollback of task " + taskId + " covers only the named"
                            + " tables: only the request's creator (" + request.creator() + ") may");
        }
        store.saveConsent(new RollbackConsent(taskId, principal, reason, request.contentHash(), clock.instant()));
        pipeline.store()
                .audit(new AuditEntry(
                        clock.instant(),
                        principal,
                        "task.rollback.named-tables-only",
                        taskId,
                        reason,
                        Map.of(
                                "request",
                                request.id(),
                                "database",
                                task.database().toString(),
                                "contentHash",
                                request.contentHash())));
    }

    private String reviewText(
            String taskId, ChangeRequest source, RollbackCapture capture, RollbackSupport.Generated generated) {
        List<String> lines = new ArrayList<>();
        lines.add("-- dbchange ROLLBACK of task " + taskId + " (request " + source.id() + ") on " + capture.database());
        store.consent(taskId)
                .filter(consent -> consent.contentHash().equals(source.contentHash()))
                .ifPresent(consent -> lines.add("-- covers only the named tables: writes of triggers and cascading"
                        + " foreign keys to other tables are not undone (accepted by " + consent.principal() + " at "
                        + consent.at() + ": " + consent.reason().replace("\n", " ") + ")"));
        lines.add("-- script sha256=" + generated.sha256() + " statements=" + generated.statements() + " rows="
                + capture.rows());
        lines.add("-- the script is kept by the engine and applied verified; its first statements:");
        for (String s : generated.head()) {
            // every line a comment: the text is for review, the pipeline never executes it as SQL
            lines.add("--   " + s.replace("\r", "").replace("\n", "\n--   ") + ";");
        }
        if (generated.statements() > generated.head().size()) {
            lines.add("--   ... " + (generated.statements() - generated.head().size()) + " more");
        }
        return String.join("\n", lines) + "\n";
    }

    /** Settings of {@link Rollbacks}. Not thread-safe. */
    public static final class Builder {
        private RollbackStore store;
        private final List<RollbackSupport> supports = new ArrayList<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Where captures, scripts and choices are kept (default: a new {@link InMemoryRollbackStore}). */
        public Builder store(RollbackStore value) {
            this.store = Checks.notNull("store", value);
            return this;
        }

        /** The rollback of one engine; asked in registration order (default: none). */
        public Builder support(RollbackSupport value) {
            supports.add(Checks.notNull("support", value));
            return this;
        }

        /** The clock of records (default: {@link Clock#systemUTC()}). */
        public Builder clock(Clock value) {
            this.clock = Checks.notNull("clock", value);
            return this;
        }

        public Rollbacks build() {
            if (supports.isEmpty()) {
                throw new IllegalArgumentException(
                        "'supports' must not be empty: register at least one engine's" + " RollbackSupport");
            }
            return new Rollbacks(store == null ? new InMemoryRollbackStore() : store, supports, clock);
        }
    }
}
