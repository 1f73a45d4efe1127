package io.dbchange.core.pipeline.internal;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.approval.ApprovalErrorCode;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.Plan;
import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.pipeline.ApprovalGate;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.pipeline.TaskContext;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.Instance;
import io.dbchange.api.review.Level;
import io.dbchange.api.sql.Dialect;
import io.dbchange.api.store.ApprovalEntry;
import io.dbchange.api.store.AuditEntry;
import io.dbchange.api.store.MetadataStore;
import io.dbchange.api.store.TaskEntry;
import io.dbchange.core.approval.ApprovalEngine;
import io.dbchange.core.approval.ApprovalJson;
import io.dbchange.core.approval.ApprovalProcess;
import io.dbchange.core.approval.ApprovalSubject;
import io.dbchange.core.approval.RiskAssessment;
import io.dbchange.core.approval.SubjectStatement;
import io.dbchange.core.approval.SubjectTask;
import io.dbchange.core.approval.TaskRisk;
import io.dbchange.core.engine.DatabaseEngines;
import io.dbchange.core.review.ReviewPolicy;
import io.dbchange.core.review.ReviewResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The {@link ApprovalGate} of a pipeline configured with an {@link ApprovalEngine}: the request's
 * {@link ApprovalProcess} lives in the {@link MetadataStore} (one JSON entry per request, replaced by compare-and-set),
 * so every node of a host service sees the same approvals and two approvers deciding at once cannot both count.
 *
 * <p><b>Keeping the process in step with the request.</b> The process is bound to a content hash. Whenever the gate
 * or a decision reads it, it is first brought to the request's current revision: submitted on first use, revised
 * (approvals reset, risk and flow re-assessed) when the request's content hash differs. That is done here rather
 * than in {@code edit} so that a node that crashed between writing a revision and revising the process cannot leave
 * old approvals counting for new content: the next reader revises it.
 *
 * <p><b>Audit.</b> Every entry the engine appends to the process is copied to the store's audit log of the request
 * (principal, time, revision, action, step, outcome, reason); refused attempts are logged there too with their error
 * code, although they change nothing, so that a person can see who tried what.
 *
 * <p><b>Risk variables from the targets.</b> Submitting and revising assess risk on each task's target database: the
 * row estimates ({@link RowEstimator}) and SQL review with the task environment's policy against the live schema
 * read once on the same connection ({@link ApprovalReview}), so {@code review_max_level} is what the pre-run check
 * would report at that moment. The pre-run check compares its findings with that basis ({@link #compareReview}).
 *
 * <p>Thread-safe (stateless apart from the store and a cache of the last parsed process).
 */
public final class EngineApprovals implements ApprovalGate {

    private static final int ATTEMPTS = 5;

    /**
     * Code of the pre-run result when SQL review finds more than the approval saw but the task's risk, assessed
     * again, is not above the approved one (a WARNING).
     */
    public static final String REVIEW_ROSE = "REVIEW_ROSE_SINCE_APPROVAL";

    /**
     * Code of the pre-run result when SQL review finds more than the approval saw and the task's risk, assessed again
     * with it, is above the risk the request was approved at (an ERROR: blocks the task).
     */
    public static final String RISK_ROSE = "APPROVAL_RISK_ROSE";

    /** How long the row estimates of one request's tasks may take in all; later tasks' estimates are then unknown. */
    private static final Duration ESTIMATE_BUDGET = Duration.ofSeconds(30);

    private final ApprovalEngine engine;
    private final MetadataStore store;
    private final Catalog catalog;
    private final Clock clock;
    private final RowEstimator estimator;
    private final Function<String, Optional<ReviewPolicy>> reviewPolicies;

    /**
     * @param connections where the risk variables' row estimates and live schemas are read (see {@link RowEstimator})
     * @param reviewPolicies the SQL review policy of an environment, empty when it is not reviewed (the pre-run
     *     check's, {@link SqlReviewCheck#policyFor})
     */
    public EngineApprovals(
            ApprovalEngine engine,
            MetadataStore store,
            Catalog catalog,
            Clock clock,
            Connections connections,
            Function<String, Optional<ReviewPolicy>> reviewPolicies) {
        this.engine = engine;
        this.reviewPolicies = reviewPolicies;
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
        this.estimator = new RowEstimator(connections);
    }

    public ApprovalEngine engine() {
        return engine;
    }

    @Override
    public Decision evaluate(ChangeRequest request, Plan plan) {
        ApprovalProcess p = current(request, store.tasks(request.id()));
        String reason = "risk " + p.risk().risk() + "; " + p.flow().reason() + "; " + p.waitingFor();
        return switch (p.status()) {
            case APPROVED -> Decision.approved(reason);
            case PENDING -> Decision.pending(reason);
            case REJECTED -> Decision.rejected(reason);
        };
    }

    /** The stored process, if the request was ever decided on; not brought to the current revision. */
    public Optional<ApprovalProcess> stored(String requestId) {
        return store.approval(requestId).map(e -> ApprovalJson.read(e.json()));
    }

    /** The process brought to the request's current revision (submitted or revised and stored if needed). */
    public ApprovalProcess current(ChangeRequest request, List<TaskEntry> tasks) {
        return decide(request, tasks, request.creator(), "sync", UnaryOperator.identity());
    }

    /**
     * Applies {@code decision} to the process at the request's current revision and stores the result by
     * compare-and-set, re-reading and re-deciding after a lost race.
     *
     * @param action for the audit of a refused attempt, e.g. {@code approve}
     * @throws DbChangeException the engine's {@code APPROVAL_FORBIDDEN} / {@code APPROVAL_STALE}, audited
     */
    public ApprovalProcess decide(
            ChangeRequest request,
            List<TaskEntry> tasks,
            String principal,
            String action,
            UnaryOperator<ApprovalProcess> decision) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<ApprovalEntry> entry = store.approval(request.id());
            ApprovalProcess before = entry.map(e -> ApprovalJson.read(e.json())).orElse(null);
            ApprovalProcess synced = sync(before, request, tasks);
            ApprovalProcess next;
            try {
                next = decision.apply(synced);
            } catch (DbChangeException e) {
                if (e.code() instanceof ApprovalErrorCode) {
                    store.audit(new AuditEntry(
                            clock.instant(),
                            principal,
                            "approval." + action,
                            request.id(),
                            e.getMessage(),
                            Map.of(
                                    "revision", Integer.toString(request.revision()),
                                    "contentHash", request.contentHash(),
                                    "outcome", "REFUSED " + e.code().name())));
                }
                throw e;
            }
            if (next == before) {
                return next;
            }
            long expected = entry.map(ApprovalEntry::version).orElse(ApprovalEntry.ABSENT);
            if (store.compareAndSetApproval(request.id(), expected, ApprovalJson.write(next))
                    .isPresent()) {
                int seen = before == null ? 0 : before.audit().size();
                for (var a : next.audit().subList(seen, next.audit().size())) {
                    Map<String, String> details = new LinkedHashMap<>();
                    details.put("revision", Integer.toString(a.revision()));
                    details.put("outcome", a.outcome().name());
                    details.put("contentHash", next.contentHash());
                    details.put("risk", next.risk().risk().name());
                    a.step().ifPresent(s -> details.put("step", Integer.toString(s + 1)));
                    store.audit(new AuditEntry(
                            a.at(),
                            a.principal(),
                            "approval."
                                    + a.action().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                            request.id(),
                            a.reason(),
                            details));
                }
                return next;
            }
        }
        throw new DbChangeException(
                PipelineErrorCode.CONCURRENT_MODIFICATION,
                "the approval of request " + request.id() + " kept changing under this decision (other approvers or"
                        + " nodes); read it again and retry");
    }

    private ApprovalProcess sync(ApprovalProcess stored, ChangeRequest request, List<TaskEntry> tasks) {
        if (stored == null) {
            return engine.submit(subject(request, tasks));
        }
        if (!stored.contentHash().equals(request.contentHash()) && request.revision() > stored.revision()) {
            // the creator edited the request (edit checks that only the creator does): reset and re-assess
            return engine.revise(stored, request.creator(), subject(request, tasks));
        }
        return stored;
    }

    /**
     * What the risk rules see: one subject task per pipeline task, statements split in the target's dialect, each
     * with its row estimates and its SQL review, both read on the target database (one connection and one schema read
     * per task; the review done once per distinct script, policy and schema structure).
     */
    private ApprovalSubject subject(ChangeRequest request, List<TaskEntry> tasks) {
        List<SubjectTask> subjectTasks = new ArrayList<>();
        Instant deadline = Instant.now().plus(ESTIMATE_BUDGET);
        ApprovalReview reviews = new ApprovalReview();
        boolean createDatabase = request.type() == ChangeType.CREATE_DATABASE;
        for (TaskEntry t : tasks) {
            if (t.revision() != request.revision()) {
                continue;
            }
            Instance instance = catalog.instance(t.database().instanceId());
            Dialect dialect = dialect(instance);
            String script = t.task().statement();
            List<SubjectStatement> statements = SubjectTask.ofScript(
                            t.id(), t.environmentId(), t.database().name(), dialect, script)
                    .statements();
            Optional<ReviewPolicy> policy = reviewPolicies.apply(t.environmentId());
            Optional<RowEstimator.LiveReview> live = Optional.empty();
            if (policy.isPresent() && createDatabase) {
                // like the pre-run check: the database does not exist yet, review from an empty schema
                statements = ApprovalReview.withFindings(
                        statements, reviews.review(dialect, policy.get(), script, Optional.empty()));
            } else if (policy.isPresent()) {
                live = Optional.of(new RowEstimator.LiveReview(policy.get(), script, reviews));
            }
            statements = estimator.estimate(instance, t.database().name(), dialect, statements, deadline, live);
            subjectTasks.add(
                    new SubjectTask(t.id(), t.environmentId(), t.database().name(), dialect, statements));
        }
        if (subjectTasks.isEmpty()) {
            throw new DbChangeException(
                    PipelineErrorCode.ILLEGAL_ACTION,
                    "request " + request.id() + " has no tasks at revision " + request.revision()
                            + "; an approval is bound to a revision's tasks");
        }
        return ApprovalSubject.of(request, subjectTasks);
    }

    /**
     * The pre-run review compared with the one the task's approval was based on ({@link ReviewBasis}). When the
     * pre-run review finds a higher level than the approval saw (WARNING or ERROR where it saw less, nothing or could
     * not review), the task's risk is assessed again with the pre-run findings (and fresh estimates, on the task's
     * connection): if that risk is above the risk the request was approved at, the approval's flow may not have been
     * enough, and the result is an ERROR ({@value #RISK_ROSE}) that blocks the task until the creator edits the
     * request (which is then assessed and approved again) or a privileged role overrides it with a reason (audited);
     * otherwise a WARNING ({@value #REVIEW_ROSE}) records it. Either way the check results keep it.
     */
    public List<CheckResult> compareReview(TaskContext context, ReviewResult preRun) {
        ChangeRequest request = context.request();
        Optional<ApprovalProcess> stored = storedForChecks(request.id());
        if (stored.isEmpty() || !stored.get().contentHash().equals(request.contentHash())) {
            return List.of();
        }
        ApprovalProcess process = stored.get();
        Optional<TaskRisk> basis = process.risk().tasks().stream()
                .filter(t -> t.taskId().equals(context.task().id()))
                .findFirst();
        Optional<Level> now = preRun.maxLevel();
        if (basis.isEmpty()
                || now.isEmpty()
                || rank(now.get().name()) <= rank(basis.get().reviewMaxLevel())) {
            return List.of();
        }
        DatabaseEngine dbEngine = context.engine();
        Database database = context.database();
        String script = context.task().statement();
        List<SubjectStatement> statements = ApprovalReview.withFindings(
                SubjectTask.ofScript(
                                context.task().id(),
                                database.environmentId(),
                                database.ref().name(),
                                dbEngine.dialect(),
                                script)
                        .statements(),
                preRun);
        statements = estimator.estimateOn(
                context.connection(), dbEngine, database.ref().name(), statements, Optional.empty());
        SubjectTask task = new SubjectTask(
                context.task().id(), database.environmentId(), database.ref().name(), dbEngine.dialect(), statements);
        RiskAssessment again = engine.assessRisk(ApprovalSubject.of(request, List.of(task)));
        String was = basis.get().reviewMaxLevel();
        String rules = preRun.findings().stream()
                .filter(f -> f.level() == now.get())
                .map(f -> f.ruleId())
                .distinct()
                .collect(Collectors.joining(", "));
        String what = "SQL review of task " + task.taskId() + " on " + database.ref() + " now finds " + now.get()
                + " (" + rules + "), but the approval of request " + request.id() + " revision "
                + process.revision() + " (risk " + process.risk().risk() + ") was based on review level "
                + (was.isEmpty() ? "\"\" (no finding)" : was)
                + " (the schema changed since, or could not be reviewed then)";
        String matched = again.matches().stream()
                .map(m -> "'" + m.ruleId() + "' " + m.level())
                .collect(Collectors.joining(", "));
        if (again.risk().compareTo(process.risk().risk()) > 0) {
            return List.of(CheckResult.error(
                    SqlReviewCheck.ID,
                    RISK_ROSE,
                    what + "; assessed with these findings the task's risk is " + again.risk() + " (" + matched
                            + "), above the approved " + process.risk().risk()
                            + ", so its approval flow may not have been enough: edit the request to have it assessed"
                            + " and approved again, or override with a reason"));
        }
        return List.of(CheckResult.warning(
                SqlReviewCheck.ID,
                REVIEW_ROSE,
                what + "; assessed with these findings the task's risk is " + again.risk() + ", not above the approved "
                        + process.risk().risk()));
    }

    /** The last process parsed for a pre-run comparison: a fan-out's tasks share one (large) stored process. */
    private record Parsed(String requestId, long version, ApprovalProcess process) {}

    private volatile Parsed lastParsed;

    private Optional<ApprovalProcess> storedForChecks(String requestId) {
        Optional<ApprovalEntry> entry = store.approval(requestId);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Parsed last = lastParsed;
        if (last != null
                && last.requestId().equals(requestId)
                && last.version() == entry.get().version()) {
            return Optional.of(last.process());
        }
        ApprovalProcess process = ApprovalJson.read(entry.get().json());
        lastParsed = new Parsed(requestId, entry.get().version(), process);
        return Optional.of(process);
    }

    /** How far a {@code review_max_level} is from clean: only findings count, NONE and UNKNOWN saw none. */
    private static int rank(String reviewMaxLevel) {
        return reviewMaxLevel.equals(Level.ERROR.name()) ? 2 : reviewMaxLevel.equals(Level.WARNING.name()) ? 1 : 0;
    }

    /**
     * The dialect of an instance: from its engine when one is on the class path, else from the engine name, so that
     * risk can be assessed by a node that only plans and approves (no engine module loaded).
     */
    private static Dialect dialect(Instance instance) {
        try {
            return DatabaseEngines.forName(instance.engine()).dialect();
        } catch (DbChangeException e) {
            String name = instance.engine().toLowerCase(Locale.ROOT);
            if (name.startsWith("postgres")) {
                return Dialect.POSTGRESQL;
            }
            if (name.equals("mysql") || name.equals("mariadb")) {
                return Dialect.MYSQL;
            }
            throw e;
        }
    }
}
