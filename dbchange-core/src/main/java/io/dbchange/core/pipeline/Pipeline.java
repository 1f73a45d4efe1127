package io.dbchange.core.pipeline;

import io.dbchange.api.approval.RoleResolver;
import io.dbchange.api.approval.Roles;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.Plan;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.TaskRun;
import io.dbchange.api.engine.ExecutionOptions;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.pipeline.ApprovalGate;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.pipeline.PipelineAction;
import io.dbchange.api.pipeline.PipelineListener;
import io.dbchange.api.pipeline.TaskCheck;
import io.dbchange.api.pipeline.TaskExecutor;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Environment;
import io.dbchange.api.project.Instance;
import io.dbchange.api.project.Project;
import io.dbchange.api.project.RolloutPolicy;
import io.dbchange.api.store.AuditEntry;
import io.dbchange.api.store.HistoryEntry;
import io.dbchange.api.store.MetadataStore;
import io.dbchange.core.approval.ApprovalConfig;
import io.dbchange.core.approval.ApprovalEngine;
import io.dbchange.core.approval.ApprovalProcess;
import io.dbchange.core.approval.CallbackTokenSink;
import io.dbchange.core.pipeline.internal.Catalog;
import io.dbchange.core.pipeline.internal.ConnectionCheck;
import io.dbchange.core.pipeline.internal.Connections;
import io.dbchange.core.pipeline.internal.DefaultTaskExecutor;
import io.dbchange.core.pipeline.internal.EngineApprovals;
import io.dbchange.core.pipeline.internal.Operations;
import io.dbchange.core.pipeline.internal.PipelineRuntime;
import io.dbchange.core.pipeline.internal.Planner;
import io.dbchange.core.pipeline.internal.Scheduler;
import io.dbchange.core.pipeline.internal.Scripts;
import io.dbchange.core.pipeline.internal.SqlReviewCheck;
import io.dbchange.core.pipeline.internal.TaskView;
import io.dbchange.core.review.ReviewPolicies;
import io.dbchange.core.review.ReviewPolicy;
import io.dbchange.core.store.InMemoryMetadataStore;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The rollout pipeline: change requests in, governed execution out. Build one per host process; several processes
 * may share one {@link MetadataStore} (each with its own {@linkplain Builder#nodeId node id}).
 *
 * <pre>{@code
 * Pipeline pipeline = Pipeline.configure()
 *         .project(Project.of("shop", "Shop"))
 *         .environments("test", "prod")                  // test automatic, prod manual (DBA, releasers)
 *         .instance(new Instance("mysql-test", "test", "mysql", ConnectionSettings.of(url, user, password)))
 *         .database(new Database(new DatabaseRef("mysql-test", "orders"), "shop", "test"))
 *         .build();
 * ChangeRequest cr = pipeline.create(NewChangeRequest.of("shop", "Add note", ChangeType.SCHEMA,
 *         "ALTER TABLE orders ADD note text", TargetSelector.matching("test", "orders"), "alice"));
 * pipeline.submit(cr.id(), "alice");                     // approval gate; default approves
 * pipeline.awaitIdle(Duration.ofMinutes(5));             // or pipeline.start() for a background scheduler
 * }</pre>
 *
 * <p>Nothing runs until a request is APPROVED; then {@link #runOnce()} passes (driven by {@link #start()}, by
 * {@link #awaitIdle}, or by the host) start the tasks the rollout rules allow. Thread-safe.
 */
public final class Pipeline implements AutoCloseable {

    /** Roles allowed every action of {@link PipelineAction} by default (manual rollout uses the environment's). */
    public static final List<String> DEFAULT_PRIVILEGED_ROLES =
            List.of(Roles.OWNER, Roles.DBA, Roles.PROJECT_OWNER, Roles.PROJECT_RELEASER);

    private final PipelineRuntime rt;
    private final Operations operations;
    private final Scheduler scheduler;
    private final Duration pollInterval;
    private Thread loop;
    private volatile boolean closed;

    private Pipeline(PipelineRuntime rt, Duration pollInterval) {
        this.rt = rt;
        this.scheduler = new Scheduler(rt);
        this.operations = new Operations(rt, scheduler::changed, scheduler::cancel);
        this.pollInterval = pollInterval;
    }

    /** A builder with the defaults stated on each method. */
    public static Builder configure() {
        return new Builder();
    }

    // ---- requests ------------------------------------------------------------------------------------------

    /** Creates a request (DRAFT) and its plan; a selector is expanded into one task per database now. */
    public ChangeRequest create(NewChangeRequest request) {
        return operations.create(request);
    }

    /** A new revision with new statements and targets; approvals and checks start over (new content hash). */
    public ChangeRequest edit(String requestId, String principal, String statement, TargetSelector targets) {
        return operations.edit(requestId, principal, statement, targets);
    }

    /** Submits a DRAFT (or REJECTED, revised) request: IN_REVIEW, then the approval gate decides. */
    public ChangeRequest submit(String requestId, String principal) {
        return operations.submit(requestId, principal);
    }

    /**
     * The creator asks for approval again after a rejection and an {@linkplain #edit edit} (the content must differ
     * from the rejected one); same as {@link #submit} of a REJECTED request, with a reason for the audit log.
     *
     * @throws io.dbchange.api.DbChangeException {@code APPROVAL_FORBIDDEN} if {@code principal} is not the creator or
     *     the content is the rejected one
     */
    public ChangeRequest reRequest(String requestId, String principal, String reason) {
        return operations.submit(requestId, principal, reason);
    }

    /**
     * {@code principal} approves the step the request waits for, having looked at content {@code contentHash} (the
     * request's {@link ChangeRequest#contentHash()} when they looked). Needs {@link Builder#approvals}. When the last
     * step is approved the request becomes APPROVED and its automatic stages start.
     *
     * @return the request after the decision
     * @throws io.dbchange.api.DbChangeException {@code APPROVAL_FORBIDDEN} (the creator, a principal without the
     *     waiting step's role, a step out of order, a second approval by one principal; the message says which step
     *     waits for which role), {@code APPROVAL_STALE} if the request changed since {@code contentHash}
     */
    public ChangeRequest approve(String requestId, String principal, String contentHash, String reason) {
        return operations.approve(requestId, principal, contentHash, reason);
    }

    /**
     * {@code principal}, who may decide the waiting step, rejects the request (REJECTED); its creator may edit it and
     * {@link #reRequest} approval. Throws as {@link #approve}.
     */
    public ChangeRequest reject(String requestId, String principal, String contentHash, String reason) {
        return operations.reject(requestId, principal, contentHash, reason);
    }

    /**
     * An outside system (ticketing) decides the waiting EXTERNAL step with the one-time token the pipeline's
     * {@link Builder#callbackTokens sink} received.
     *
     * @throws io.dbchange.api.DbChangeException {@code APPROVAL_FORBIDDEN} for a token that is not the waiting step's
     */
    public ChangeRequest externalCallback(
            String requestId, String token, String system, boolean approved, String reason) {
        return operations.externalCallback(requestId, token, system, approved, reason);
    }

    /**
     * The request's approval process as stored: risk with the matching rules, the chosen flow with its reason, the
     * approvals of the current revision and every decision. Empty before the request is first submitted.
     *
     * @throws io.dbchange.api.DbChangeException {@code ILLEGAL_ACTION} if the pipeline has no approval engine
     */
    public Optional<ApprovalProcess> approvalProcess(String requestId) {
        return operations.approvalProcess(requestId);
    }

    /** Asks the approval gate again for a request PENDING_APPROVAL (e.g. after an approval was given). */
    public ChangeRequest refreshApproval(String requestId) {
        return operations.decide(requestId);
    }

    /** Cancels an open request (its creator, or a principal permitted {@link PipelineAction#CANCEL}). */
    public ChangeRequest cancel(String requestId, String principal, String reason) {
        return operations.cancel(requestId, principal, reason);
    }

    /** Starts a stage whose environment rolls out manually; takes one of the environment's roles. */
    public void startStage(String requestId, String environmentId, String principal) {
        operations.startStage(requestId, environmentId, principal);
    }

    /** Lets a task blocked by ERROR checks run, with a reason (audited). */
    public void overrideChecks(String taskId, String principal, String reason) {
        operations.overrideChecks(taskId, principal, reason);
    }

    /** Runs a FAILED or INTERRUPTED task again as a new attempt, or re-runs the checks that blocked it. */
    public void retry(String taskId, String principal) {
        operations.retry(taskId, principal);
    }

    /**
     * Runs a FAILED or INTERRUPTED task again from statement {@code fromStatement} (1-based), for a MySQL task whose
     * statements before it took effect (the failed run names them).
     */
    public void resume(String taskId, String principal, int fromStatement) {
        operations.retry(taskId, principal, fromStatement);
    }

    /** Skips a task that has not succeeded, with a reason. */
    public void skip(String taskId, String principal, String reason) {
        operations.skip(taskId, principal, reason);
    }

    /** Cancels one task that is not running. */
    public void cancelTask(String taskId, String principal, String reason) {
        operations.cancelTask(taskId, principal, reason);
    }

    /** Marks an INTERRUPTED task done after checking that its change took effect. */
    public void markDone(String taskId, String principal, String reason) {
        operations.markDone(taskId, principal, reason);
    }

    // ---- reading -------------------------------------------------------------------------------------------

    public Optional<ChangeRequest> request(String requestId) {
        return rt.store().request(requestId).map(r -> r.request());
    }

    /** The plan of the request's current revision, with every task's state. */
    public Plan plan(String requestId) {
        ChangeRequest cr = operations.requireRequest(requestId).request();
        return Planner.toPlan(requestId, cr.revision(), rt.store().tasks(requestId));
    }

    /** The latest check results of a task. */
    public List<CheckResult> checkResults(String taskId) {
        return rt.store().checkResults(taskId);
    }

    /** Every run of a task, with its statement results. */
    public List<TaskRun> runs(String taskId) {
        return rt.store().runs(taskId);
    }

    /** The history of a database, oldest first. */
    public List<HistoryEntry> history(DatabaseRef database) {
        return rt.store().history(database);
    }

    /** The audit log of a request or task. */
    public List<AuditEntry> auditLog(String objectId) {
        return rt.store().auditLog(objectId);
    }

    public MetadataStore store() {
        return rt.store();
    }

    public String nodeId() {
        return rt.nodeId();
    }

    /**
     * Runs {@code work} with a connection to one of this pipeline's databases (its catalog selected, auto-commit)
     * and the database's engine, for services beside the pipeline such as {@link Rollbacks}; the connection is
     * returned to the pool afterwards and must not be closed by {@code work}.
     */
    public <T> T withConnection(
            DatabaseRef database,
            java.util.function.BiFunction<io.dbchange.api.engine.DatabaseEngine, java.sql.Connection, T> work) {
        Database db = rt.catalog().database(Checks.notNull("database", database));
        Instance instance = rt.catalog().instance(db.ref().instanceId());
        io.dbchange.api.engine.DatabaseEngine engine = rt.engine(instance);
        try (Connections.Handle h =
                rt.connections().open(instance, engine, db.ref().name())) {
            return work.apply(engine, h.connection());
        }
    }

    // ---- running -------------------------------------------------------------------------------------------

    /** One scheduling pass: interrupts expired runs and starts the tasks that may start; returns how many. */
    public int runOnce() {
        return scheduler.runOnce();
    }

    /**
     * Runs passes until nothing runs on this node and a pass starts nothing (every open task waits for a person, an
     * approval, a time or another node), or the timeout passes.
     *
     * @return whether it became idle within the timeout
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long seen = scheduler.changes();
            int started = scheduler.runOnce();
            if (started == 0 && scheduler.inFlight() == 0) {
                return true;
            }
            scheduler.awaitChange(seen, 200);
        }
        return false;
    }

    /** Starts a background thread running a pass on every change and at least every poll interval. */
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        loop = new Thread(
                () -> {
                    while (!closed) {
                        try {
                            long seen = scheduler.changes();
                            scheduler.runOnce();
                            scheduler.awaitChange(seen, pollInterval.toMillis());
                        } catch (InterruptedException e) {
                            return;
                        } catch (RuntimeException e) {
                            org.slf4j.LoggerFactory.getLogger("io.dbchange.pipeline")
                                    .warn(
                                            "node={} - scheduling pass failed, next one in {}: {}",
                                            rt.nodeId(),
                                            pollInterval,
                                            e.toString());
                            try {
                                Thread.sleep(pollInterval.toMillis());
                            } catch (InterruptedException ie) {
                                return;
                            }
                        }
                    }
                },
                "dbchange-scheduler-" + rt.nodeId());
        loop.setDaemon(true);
        loop.start();
    }

    /** Stops the background pass, waits for running tasks to end (up to a minute), closes connection pools. */
    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = loop;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        scheduler.close();
        rt.connections().close();
    }

    /** Settings of a {@link Pipeline}; {@link #build()} validates and copies them. Not thread-safe. */
    public static final class Builder {

        private MetadataStore store;
        private Clock clock = Clock.systemUTC();
        private String nodeId;
        private final List<Project> projects = new ArrayList<>();
        private final List<Environment> environments = new ArrayList<>();
        private final List<Instance> instances = new ArrayList<>();
        private final List<Database> databases = new ArrayList<>();
        private final Map<String, List<DatabaseRef>> groups = new LinkedHashMap<>();
        private final Set<String> relaxed = new LinkedHashSet<>();
        private RoleResolver roles = (project, principal) -> Set.of();
        private final Map<PipelineAction, Set<String>> permissions = new EnumMap<>(PipelineAction.class);
        private ApprovalGate gate = ApprovalGate.ALWAYS;
        private ApprovalConfig approvals;
        private CallbackTokenSink callbackTokens;
        private final List<TaskCheck> checks = new ArrayList<>();
        private ReviewPolicy reviewPolicy;
        private final Map<String, ReviewPolicy> reviewByEnvironment = new LinkedHashMap<>();
        private final List<TaskExecutor> executors = new ArrayList<>();
        private final List<PipelineListener> listeners = new ArrayList<>();
        private int maxConcurrentTasks = 8;
        private int maxPerInstance = 0;
        private Duration leaseDuration = Duration.ofSeconds(30);
        private Duration pollInterval = Duration.ofSeconds(1);
        private boolean captureSchema = true;
        private Duration statementTimeout = Duration.ZERO;
        private boolean recordEvents;

        private Builder() {}

        /** Where state is kept (default: a new {@link InMemoryMetadataStore}). */
        public Builder store(MetadataStore value) {
            this.store = Checks.notNull("store", value);
            return this;
        }

        /** The clock for leases, rollout times and records (default: {@link Clock#systemUTC()}). */
        public Builder clock(Clock value) {
            this.clock = Checks.notNull("clock", value);
            return this;
        }

        /** This node's id, the owner of its leases and locks (default: {@code host:pid:random}). Unique per node. */
        public Builder nodeId(String value) {
            this.nodeId = Checks.notBlank("nodeId", value);
            return this;
        }

        public Builder project(Project value) {
            projects.add(Checks.notNull("project", value));
            return this;
        }

        public Builder environment(Environment value) {
            environments.add(Checks.notNull("environment", value));
            return this;
        }

        /**
         * Environments in this order with the default rollout policies: the first automatic, the later ones manual
         * by {@link #DEFAULT_PRIVILEGED_ROLES}.
         */
        public Builder environments(String... ids) {
            for (int i = 0; i < ids.length; i++) {
                RolloutPolicy policy = i == 0
                        ? RolloutPolicy.AUTOMATIC
                        : RolloutPolicy.manual(DEFAULT_PRIVILEGED_ROLES.toArray(String[]::new));
                environments.add(new Environment(ids[i], ids[i], i, policy));
            }
            return this;
        }

        public Builder instance(Instance value) {
            instances.add(Checks.notNull("instance", value));
            return this;
        }

        public Builder database(Database value) {
            databases.add(Checks.notNull("database", value));
            return this;
        }

        public Builder databases(Collection<Database> values) {
            Checks.copy("databases", values).forEach(this::database);
            return this;
        }

        /** A named group of databases, for {@link TargetSelector#group}. */
        public Builder databaseGroup(String name, List<DatabaseRef> members) {
            groups.put(Checks.notBlank("name", name), Checks.copy("members", members));
            return this;
        }

        /**
         * Relaxed stage order for a project: a FAILED or INTERRUPTED task does not hold the next stage (default: off;
         * only DONE and SKIPPED tasks let the next stage start).
         */
        public Builder relaxedStageOrder(String projectId) {
            relaxed.add(Checks.notBlank("projectId", projectId));
            return this;
        }

        /** Who holds which roles (default: nobody holds any role). */
        public Builder roleResolver(RoleResolver value) {
            this.roles = Checks.notNull("roleResolver", value);
            return this;
        }

        /** The roles that may take {@code action} (default for every action: {@link #DEFAULT_PRIVILEGED_ROLES}). */
        public Builder permit(PipelineAction action, String... roleNames) {
            Checks.notNull("action", action);
            Set<String> set = new LinkedHashSet<>();
            for (String r : Arrays.asList(Checks.notNull("roles", roleNames))) {
                set.add(Roles.requireValid("roles", r));
            }
            permissions.put(action, Set.copyOf(set));
            return this;
        }

        /** Whether a revision may roll out (default: {@link ApprovalGate#ALWAYS}). */
        public Builder approvalGate(ApprovalGate value) {
            this.gate = Checks.notNull("approvalGate", value);
            return this;
        }

        /**
         * Risk rules and approval flows decided by an {@link ApprovalEngine} that uses this pipeline's
         * {@linkplain #roleResolver role resolver} and clock; each request's approval process is kept in the
         * {@linkplain #store store}, so every node sharing it sees the same approvals (default: none, and
         * {@link #approvalGate} decides). Excludes {@link #approvalGate}.
         */
        public Builder approvals(ApprovalConfig value) {
            this.approvals = Checks.notNull("approvals", value);
            return this;
        }

        /**
         * SQL review before each task with {@code policy} against the target's live schema, in every environment
         * without a policy of its own (default: no review). An ERROR finding blocks the task until a role permitted
         * {@link PipelineAction#OVERRIDE_CHECKS} overrides it with a reason; a WARNING is recorded and does not block.
         * For the built-in templates see {@link ReviewPolicies#template(String)}, e.g. {@code review("prod",
         * ReviewPolicies.template("prod"))} to review only what goes to production.
         */
        public Builder review(ReviewPolicy policy) {
            this.reviewPolicy = Checks.notNull("policy", policy);
            return this;
        }

        /**
         * Receives the one-time token of an EXTERNAL approval step when it becomes current (default: none, and a
         * configuration with external steps is refused at {@link #build()}).
         */
        public Builder callbackTokens(CallbackTokenSink value) {
            this.callbackTokens = Checks.notNull("callbackTokens", value);
            return this;
        }

        /**
         * SQL review before each task on databases of {@code environmentId} with {@code policy}, which replaces the
         * pipeline-wide {@link #review(ReviewPolicy) policy} there (default: the pipeline-wide policy, or none). An
         * empty policy ({@code ReviewPolicy.builder().build()}) turns review off in that environment.
         */
        public Builder review(String environmentId, ReviewPolicy policy) {
            reviewByEnvironment.put(Checks.notBlank("environmentId", environmentId), Checks.notNull("policy", policy));
            return this;
        }

        /**
         * A check run before each task, after the built-in connection check and SQL review (default: none).
         */
        public Builder check(TaskCheck value) {
            checks.add(Checks.notNull("check", value));
            return this;
        }

        /** An executor asked, in registration order, before the built-in one (default: none). */
        public Builder executor(TaskExecutor value) {
            executors.add(Checks.notNull("executor", value));
            return this;
        }

        public Builder listener(PipelineListener value) {
            listeners.add(Checks.notNull("listener", value));
            return this;
        }

        /**
         * Whether every event of this node is also appended to the store's outbox, where an {@link EventFeed} on any
         * node reads it (default: {@code false}: no outbox rows, and every store write stays as it is). Turn it on for
         * every node of a service whose events a feed consumes.
         *
         * <p>Transactional outbox: the event is appended in the same store transaction as the state change it reports
         * (the store's compare-and-set of the task or request, the request's creation or revision, the task's check
         * results; see {@code MetadataStore}), so the two are visible together or not at all: a node that dies right
         * after the change has recorded its event, and a change that fails or loses its race appends nothing. This
         * node's listeners are called after that commit. {@link io.dbchange.api.pipeline.PipelineEvent.StageFinished
         * StageFinished} has no write of its own: it goes with the stage's last task end when this node knows the
         * stage's other tasks ended, and is appended by itself when it learns so only after that write (other nodes
         * ended them; a node that dies in between loses it for feeds). The cost: a write that carries events is one
         * short transaction that ends by taking the outbox's sequence row, instead of a single statement; and this
         * node writes the ends of one request's tasks one at a time (so their events' progress is exact here).
         */
        public Builder recordEvents(boolean value) {
            this.recordEvents = value;
            return this;
        }

        /** Tasks this node runs at once, over all databases (default: 8). */
        public Builder maxConcurrentTasks(int value) {
            this.maxConcurrentTasks = Checks.positive("maxConcurrentTasks", value);
            return this;
        }

        /** Tasks this node runs at once on one instance (default: 0, no limit beyond the global one). */
        public Builder maxConcurrentTasksPerInstance(int value) {
            this.maxPerInstance = (int) Checks.notNegative("maxConcurrentTasksPerInstance", value);
            return this;
        }

        /** How long a claim lives without a heartbeat; heartbeats come every third of it (default: 30 s). */
        public Builder leaseDuration(Duration value) {
            Checks.notNull("leaseDuration", value);
            if (value.toMillis() < 150) {
                throw new IllegalArgumentException("'leaseDuration' must be at least 150 ms but was " + value);
            }
            this.leaseDuration = value;
            return this;
        }

        /** How often the background scheduler passes without a change (default: 1 s). */
        public Builder pollInterval(Duration value) {
            Checks.notNull("pollInterval", value);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("'pollInterval' must be positive but was " + value);
            }
            this.pollInterval = value;
            return this;
        }

        /** Whether history records the schema before and after each task (default: true). */
        public Builder captureSchema(boolean value) {
            this.captureSchema = value;
            return this;
        }

        /** Timeout of each statement (default: none). */
        public Builder statementTimeout(Duration value) {
            Checks.notNull("statementTimeout", value);
            this.statementTimeout = value;
            return this;
        }

        /** Validates and freezes the settings; later changes to this builder do not reach the pipeline. */
        public Pipeline build() {
            Catalog catalog = new Catalog(projects, environments, instances, databases, groups, relaxed);
            Map<PipelineAction, Set<String>> perms = new EnumMap<>(PipelineAction.class);
            for (PipelineAction a : PipelineAction.values()) {
                perms.put(a, permissions.getOrDefault(a, Set.copyOf(DEFAULT_PRIVILEGED_ROLES)));
            }
            List<TaskCheck> allChecks = new ArrayList<>();
            allChecks.add(new ConnectionCheck());
            for (String env : reviewByEnvironment.keySet()) {
                if (environments.stream().noneMatch(e -> e.id().equals(env))) {
                    throw new IllegalArgumentException("review policy names environment '" + env
                            + "', which is not configured; add it to the builder");
                }
            }
            SqlReviewCheck review = new SqlReviewCheck(Optional.ofNullable(reviewPolicy), reviewByEnvironment);
            List<TaskExecutor> allExecutors = new ArrayList<>(executors);
            allExecutors.add(new DefaultTaskExecutor(ExecutionOptions.DEFAULTS.withStatementTimeout(statementTimeout)));
            int poolSize = (maxPerInstance > 0 ? Math.min(maxPerInstance, maxConcurrentTasks) : maxConcurrentTasks) + 1;
            MetadataStore metadataStore = store == null ? new InMemoryMetadataStore() : store;
            ApprovalGate approvalGate = gate;
            Connections connections = new Connections(poolSize);
            if (approvals != null) {
                if (gate != ApprovalGate.ALWAYS) {
                    throw new IllegalArgumentException("'approvals' and 'approvalGate' exclude each other: the"
                            + " approval engine is the gate; set only one");
                }
                ApprovalEngine.Builder engine =
                        ApprovalEngine.builder(approvals).roleResolver(roles).clock(clock);
                if (callbackTokens != null) {
                    engine.callbackTokens(callbackTokens);
                }
                // risk is assessed with the pre-run check's review, and that check compares with what approval saw
                EngineApprovals engineApprovals = new EngineApprovals(
                        engine.build(), metadataStore, catalog, clock, connections, review::policyFor);
                review = review.withBasis(engineApprovals::compareReview);
                approvalGate = engineApprovals;
            }
            if (review.configured()) {
                allChecks.add(review);
            }
            allChecks.addAll(checks);
            PipelineRuntime rt = new PipelineRuntime(
                    metadataStore,
                    catalog,
                    clock,
                    nodeId == null ? defaultNodeId() : nodeId,
                    approvalGate,
                    List.copyOf(allChecks),
                    List.copyOf(allExecutors),
                    List.copyOf(listeners),
                    recordEvents,
                    roles,
                    Map.copyOf(perms),
                    leaseDuration,
                    maxConcurrentTasks,
                    maxPerInstance,
                    captureSchema,
                    connections,
                    new java.util.concurrent.ConcurrentHashMap<>(),
                    java.util.concurrent.ConcurrentHashMap.newKeySet(),
                    new TaskView(metadataStore),
                    new Scripts());
            return new Pipeline(rt, pollInterval);
        }

        private static String defaultNodeId() {
            String jvm = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
            return jvm.replaceAll("[^A-Za-z0-9._-]", "-") + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
