package io.dbchange.core.pipeline.internal;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.approval.ApprovalErrorCode;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.Plan;
import io.dbchange.api.pipeline.ApprovalGate;
import io.dbchange.api.pipeline.CheckLevel;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.pipeline.PipelineErrorCode;
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
import io.dbchange.core.approval.SubjectStatement;
import io.dbchange.core.approval.SubjectTask;
import io.dbchange.core.engine.DatabaseEngines;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

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
 * <p>Thread-safe (stateless apart from the store).
 */
public final class EngineApprovals implements ApprovalGate {

    private static final int ATTEMPTS = 5;

    /** How long the row estimates of one request's tasks may take in all; later tasks' estimates are then unknown. */
    private static final Duration ESTIMATE_BUDGET = Duration.ofSeconds(30);

    private final ApprovalEngine engine;
    private final MetadataStore store;
    private final Catalog catalog;
    private final Clock clock;
    private final RowEstimator estimator;

    /** @param connections where the risk variables' row estimates are read (see {@link RowEstimator}) */
    public EngineApprovals(
            ApprovalEngine engine, MetadataStore store, Catalog catalog, Clock clock, Connections connections) {
        this.engine = engine;
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

    /** What the risk rules see: one subject task per pipeline task, statements split in the target's dialect. */
    private ApprovalSubject subject(ChangeRequest request, List<TaskEntry> tasks) {
        List<SubjectTask> subjectTasks = new ArrayList<>();
        Instant deadline = Instant.now().plus(ESTIMATE_BUDGET);
        for (TaskEntry t : tasks) {
            if (t.revision() != request.revision()) {
                continue;
            }
            Instance instance = catalog.instance(t.database().instanceId());
            Dialect dialect = dialect(instance);
            Optional<Level> reviewMax = reviewMaxLevel(store.checkResults(t.id()));
            SubjectTask split = SubjectTask.ofScript(
                    t.id(),
                    t.environmentId(),
                    t.database().name(),
                    dialect,
                    t.task().statement());
            List<SubjectStatement> statements = split.statements().stream()
                    .map(s -> new SubjectStatement(
                            s.sql(), s.affectedRows(), s.tableRows(), reviewMax, s.estimateError()))
                    .toList();
            statements = estimator.estimate(instance, t.database().name(), dialect, statements, deadline);
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
     * The highest level of a task's latest check results (SQL review registered as a {@code TaskCheck}), empty when
     * none ran yet or all passed. Checks run right before a task, so before the first approval this is usually empty.
     */
    private static Optional<Level> reviewMaxLevel(List<CheckResult> results) {
        if (results.stream().anyMatch(r -> r.level() == CheckLevel.ERROR)) {
            return Optional.of(Level.ERROR);
        }
        if (results.stream().anyMatch(r -> r.level() == CheckLevel.WARNING)) {
            return Optional.of(Level.WARNING);
        }
        return Optional.empty();
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
