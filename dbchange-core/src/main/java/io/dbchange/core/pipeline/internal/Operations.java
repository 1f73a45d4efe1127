package io.dbchange.core.pipeline.internal;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.approval.ApprovalErrorCode;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.Plan;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.TaskState;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.change.WaitReason;
import io.dbchange.api.history.MigrationStatus;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.pipeline.ApprovalGate;
import io.dbchange.api.pipeline.CancelRequest;
import io.dbchange.api.pipeline.CheckOverride;
import io.dbchange.api.pipeline.PipelineAction;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.pipeline.Progress;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Environment;
import io.dbchange.api.project.RolloutPolicy;
import io.dbchange.api.store.HistoryEntry;
import io.dbchange.api.store.MetadataStore;
import io.dbchange.api.store.RequestEntry;
import io.dbchange.api.store.TaskEntry;
import io.dbchange.core.approval.ApprovalProcess;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;

/**
 * What people do: create, edit, submit and cancel requests; start manual stages; override, retry, resume, skip,
 * cancel and mark tasks done. Each action checks permission first, writes by compare-and-set (a lost race is
 * CONCURRENT_MODIFICATION: read again and decide anew), and is audited.
 */
public final class Operations {

    private static final Logger LOG = PipelineRuntime.log();
    private static final Set<ChangeRequestStatus> EDITABLE = EnumSet.of(
            ChangeRequestStatus.DRAFT,
            ChangeRequestStatus.IN_REVIEW,
            ChangeRequestStatus.PENDING_APPROVAL,
            ChangeRequestStatus.APPROVED,
            ChangeRequestStatus.ROLLING_OUT,
            ChangeRequestStatus.REJECTED);

    private final PipelineRuntime rt;
    private final MetadataStore store;
    private final Planner planner;
    private final Runnable changed;
    private final BiConsumer<String, CancelRequest> cancelRunning;

    public Operations(PipelineRuntime rt, Runnable changed, BiConsumer<String, CancelRequest> cancelRunning) {
        this.rt = rt;
        this.store = rt.store();
        this.planner = new Planner(rt.catalog());
        this.changed = changed;
        this.cancelRunning = cancelRunning;
    }

    // ---- requests ------------------------------------------------------------------------------------------

    public ChangeRequest create(NewChangeRequest input) {
        Checks.notNull("request", input);
        List<DatabaseRef> targets = rt.catalog().expand(input.projectId(), input.targets());
        String id = store.newId();
        Instant now = rt.now();
        ChangeRequest request = new ChangeRequest(
                id,
                input.projectId(),
                input.title(),
                input.description(),
                input.type(),
                input.statement(),
                targets,
                input.creator(),
                ChangeRequestStatus.DRAFT,
                1,
                Planner.contentHash(input.type(), input.statement(), targets),
                now,
                now);
        List<TaskEntry> tasks = planner.plan(id, 1, input.statement(), targets, store::newId);
        PipelineEvent created = new PipelineEvent.RequestCreated(now, id, request, tasks.size());
        store.createRequest(
                new RequestEntry(request, input.targets(), input.options(), Map.of(), 0), tasks, rt.outbox(created));
        rt.audit(input.creator(), "request.create", id, "", Map.of("tasks", Integer.toString(tasks.size())));
        LOG.info(
                "request={} project={} type={} tasks={} creator={} - created",
                id,
                input.projectId(),
                input.type(),
                tasks.size(),
                input.creator());
        rt.emit(created);
        return request;
    }

    /**
     * A new revision with new statements and/or targets; checks and approvals start over (new tasks, new hash). A
     * submitted request goes back to review and is decided again by the approval gate. A request rolling out may be
     * edited only while none of its tasks has started (say a review finding holds the first one); its manual stage
     * starts are reset with its approvals.
     */
    public ChangeRequest edit(String requestId, String principal, String statement, TargetSelector selector) {
        Checks.notBlank("principal", principal);
        Checks.notBlank("statement", statement);
        Checks.notNull("targets", selector);
        for (int i = 0; i < 5; i++) {
            RequestEntry current = requireRequest(requestId);
            ChangeRequest cr = current.request();
            if (rt.approvalGate() instanceof EngineApprovals && !cr.creator().equals(principal)) {
                // the approval engine's policy: only the creator revises (approvals are reset by a revision, so
                // anyone else editing could wipe out approvals or slip content past them)
                throw new DbChangeException(
                        ApprovalErrorCode.APPROVAL_FORBIDDEN,
                        "request " + requestId + ": only its creator " + cr.creator() + " may edit it; " + principal
                                + " may ask the creator to");
            }
            if (!EDITABLE.contains(cr.status())) {
                throw new DbChangeException(
                        PipelineErrorCode.ILLEGAL_ACTION,
                        "request " + requestId + " is " + cr.status() + " and can no longer be edited; create a new"
                                + " request instead");
            }
            // Content that has run (or is running) cannot be swapped under its history: a rollout may be edited only
            // while it is still held before every task, e.g. by a review finding. The store re-checks atomically.
            Optional<TaskEntry> started = store.tasks(requestId).stream()
                    .filter(TaskEntry::hasStarted)
                    .findFirst();
            if (started.isPresent()) {
                TaskEntry t = started.get();
                throw new DbChangeException(
                        PipelineErrorCode.ILLEGAL_ACTION,
                        "request " + requestId + " can no longer be edited: its task " + t.id() + " on "
                                + t.database() + " has started (" + t.status() + ", " + t.attempts()
                                + " attempt(s)); cancel the request and create a new one");
            }
            List<DatabaseRef> targets = rt.catalog().expand(cr.projectId(), selector);
            int revision = cr.revision() + 1;
            Instant now = Completion.later(rt, current);
            boolean submitted = cr.status() != ChangeRequestStatus.DRAFT && cr.status() != ChangeRequestStatus.REJECTED;
            ChangeRequestStatus status = submitted ? ChangeRequestStatus.IN_REVIEW : cr.status();
            ChangeRequest next = new ChangeRequest(
                    cr.id(),
                    cr.projectId(),
                    cr.title(),
                    cr.description(),
                    cr.type(),
                    statement,
                    targets,
                    cr.creator(),
                    status,
                    revision,
                    Planner.contentHash(cr.type(), statement, targets),
                    cr.createdAt(),
                    now);
            if (status != cr.status() && !cr.status().canMoveTo(status)) {
                throw new IllegalStateException(cr.status() + " -> " + status);
            }
            List<TaskEntry> tasks = planner.plan(cr.id(), revision, statement, targets, store::newId);
            PipelineEvent revised = new PipelineEvent.RequestUpdated(now, requestId, next, "revision " + revision);
            Optional<RequestEntry> written =
                    store.reviseRequest(current, current.withRevision(next, selector), tasks, rt.outbox(revised));
            if (written.isEmpty()) {
                continue;
            }
            rt.audit(
                    principal,
                    "request.edit",
                    requestId,
                    "",
                    Map.of("revision", Integer.toString(revision), "contentHash", next.contentHash()));
            LOG.info(
                    "request={} revision={} tasks={} principal={} - edited",
                    requestId,
                    revision,
                    tasks.size(),
                    principal);
            rt.emit(revised);
            return submitted ? decide(requestId) : next;
        }
        throw concurrent("request " + requestId);
    }

    /** DRAFT or REJECTED to IN_REVIEW, then the approval gate decides. */
    public ChangeRequest submit(String requestId, String principal) {
        return submit(requestId, principal, "");
    }

    /**
     * DRAFT or REJECTED to IN_REVIEW, then the approval gate decides. With the approval engine, a REJECTED request
     * is first re-requested (its creator only, with content other than the rejected one), which the engine audits.
     */
    public ChangeRequest submit(String requestId, String principal, String reason) {
        Checks.notBlank("principal", principal);
        Checks.notNull("reason", reason);
        RequestEntry before = requireRequest(requestId);
        if (rt.approvalGate() instanceof EngineApprovals approvals
                && before.request().status() == ChangeRequestStatus.REJECTED) {
            approvals.decide(
                    before.request(),
                    store.tasks(requestId),
                    principal,
                    "re-request",
                    p -> approvals.engine().reRequest(p, principal, reason));
        }
        ChangeRequest cr = transition(requestId, r -> {
            ChangeRequestStatus s = r.request().status();
            if (s != ChangeRequestStatus.DRAFT && s != ChangeRequestStatus.REJECTED) {
                throw new DbChangeException(
                        PipelineErrorCode.ILLEGAL_ACTION,
                        "request " + requestId + " is " + s + "; only a DRAFT or REJECTED request is submitted");
            }
            return r.withRequest(r.request().withStatus(ChangeRequestStatus.IN_REVIEW, Completion.later(rt, r)));
        });
        rt.audit(principal, "request.submit", requestId, "", Map.of("revision", Integer.toString(cr.revision())));
        return decide(requestId);
    }

    // ---- approvals (pipelines configured with an approval engine) ------------------------------------------

    /** {@code principal} approves the current step, having looked at content {@code contentHash}. */
    public ChangeRequest approve(String requestId, String principal, String contentHash, String reason) {
        return approvalDecision(
                requestId, principal, "approve", (a, p) -> a.engine().approve(p, principal, contentHash, reason));
    }

    /** {@code principal} rejects the request at its current step; it goes back to its creator. */
    public ChangeRequest reject(String requestId, String principal, String contentHash, String reason) {
        return approvalDecision(
                requestId, principal, "reject", (a, p) -> a.engine().reject(p, principal, contentHash, reason));
    }

    /** An outside system decides the current external step with its one-time token. */
    public ChangeRequest externalCallback(
            String requestId, String token, String system, boolean approved, String reason) {
        return approvalDecision(
                requestId, system, "callback", (a, p) -> a.engine().callback(p, token, system, approved, reason));
    }

    /** The approval process of a request as stored, if the request was submitted to the approval engine. */
    public Optional<ApprovalProcess> approvalProcess(String requestId) {
        return engineApprovals().stored(requestId);
    }

    private ChangeRequest approvalDecision(
            String requestId,
            String principal,
            String action,
            java.util.function.BiFunction<EngineApprovals, ApprovalProcess, ApprovalProcess> decision) {
        Checks.notBlank("principal", principal);
        EngineApprovals approvals = engineApprovals();
        ChangeRequest cr = requireRequest(requestId).request();
        if (cr.status() == ChangeRequestStatus.DRAFT || cr.status().isFinal()) {
            throw new DbChangeException(
                    ApprovalErrorCode.APPROVAL_FORBIDDEN,
                    "request " + requestId + " is " + cr.status() + "; " + principal + " may not " + action
                            + " it: approvals are taken after its creator submits it and until it ends");
        }
        approvals.decide(cr, store.tasks(requestId), principal, action, p -> decision.apply(approvals, p));
        return decide(requestId);
    }

    private EngineApprovals engineApprovals() {
        if (rt.approvalGate() instanceof EngineApprovals approvals) {
            return approvals;
        }
        throw new DbChangeException(
                PipelineErrorCode.ILLEGAL_ACTION,
                "this pipeline has no approval engine (it was built with approvalGate(...) or none); configure"
                        + " Pipeline.configure().approvals(ApprovalConfig) to approve through the pipeline");
    }

    /** Asks the approval gate again (e.g. after someone approved); no-op unless IN_REVIEW or PENDING_APPROVAL. */
    public ChangeRequest decide(String requestId) {
        RequestEntry current = requireRequest(requestId);
        ChangeRequestStatus s = current.request().status();
        if (s == ChangeRequestStatus.IN_REVIEW) {
            RequestEntry checked = current.withRequest(
                    current.request().withStatus(ChangeRequestStatus.PENDING_APPROVAL, Completion.later(rt, current)));
            PipelineEvent event = new PipelineEvent.RequestUpdated(rt.now(), requestId, checked.request(), "checked");
            current = store.compareAndSetRequest(current, checked, rt.outbox(event))
                    .orElseThrow(() -> concurrent("request " + requestId));
            s = ChangeRequestStatus.PENDING_APPROVAL;
            rt.emit(event);
        }
        if (s != ChangeRequestStatus.PENDING_APPROVAL) {
            return current.request();
        }
        Plan plan = Planner.toPlan(requestId, current.request().revision(), store.tasks(requestId));
        ApprovalGate.Decision decision = rt.approvalGate().evaluate(current.request(), plan);
        ChangeRequestStatus next;
        if (decision instanceof ApprovalGate.Decision.Approved) {
            next = ChangeRequestStatus.APPROVED;
        } else if (decision instanceof ApprovalGate.Decision.Rejected) {
            next = ChangeRequestStatus.REJECTED;
        } else {
            next = ChangeRequestStatus.PENDING_APPROVAL;
        }
        TaskState waiting = TaskState.waiting(WaitReason.APPROVAL, decision.reason());
        if (next != ChangeRequestStatus.APPROVED) {
            for (TaskEntry t : store.tasks(requestId)) {
                if ((t.status() == TaskStatus.NOT_STARTED || t.status() == TaskStatus.WAITING)
                        && !waiting.equals(t.task().state())) {
                    store.compareAndSetTask(t, t.withState(waiting));
                }
            }
        }
        if (next == s) {
            return current.request();
        }
        RequestEntry decided = current.withRequest(current.request().withStatus(next, Completion.later(rt, current)));
        PipelineEvent event =
                new PipelineEvent.RequestUpdated(rt.now(), requestId, decided.request(), decision.reason());
        RequestEntry moved = store.compareAndSetRequest(current, decided, rt.outbox(event))
                .orElseThrow(() -> concurrent("request " + requestId));
        rt.audit(
                "system",
                "request.approval",
                requestId,
                decision.reason(),
                Map.of("decision", next.name(), "contentHash", moved.request().contentHash()));
        LOG.info(
                "request={} revision={} - approval gate: {} ({})",
                requestId,
                moved.request().revision(),
                next,
                decision.reason());
        rt.emit(event);
        changed.run();
        return moved.request();
    }

    /**
     * Cancels a request: every task that has not started or has stopped becomes CANCELED; a RUNNING task finishes
     * (its statements are in flight) and is recorded. The creator may cancel their own request.
     */
    public ChangeRequest cancel(String requestId, String principal, String reason) {
        Checks.notBlank("reason", reason);
        RequestEntry current = requireRequest(requestId);
        if (!current.request().creator().equals(principal)) {
            rt.requirePermission(
                    principal, current.request().projectId(), PipelineAction.CANCEL, "cancel request " + requestId);
        }
        for (int i = 0; i < 5; i++) {
            RequestEntry r = requireRequest(requestId);
            if (r.request().status().isFinal()) {
                throw new DbChangeException(
                        PipelineErrorCode.ILLEGAL_ACTION,
                        "request " + requestId + " is " + r.request().status() + " already");
            }
            RequestEntry next =
                    r.withRequest(r.request().withStatus(ChangeRequestStatus.CANCELED, Completion.later(rt, r)));
            // Read before the request's write, which carries both events: the tasks to cancel below are these (a
            // revision in between would move the request's version and fail the write).
            List<TaskEntry> tasks = store.tasks(requestId);
            PipelineEvent updated = new PipelineEvent.RequestUpdated(
                    rt.now(), requestId, next.request(), ChangeRequestStatus.CANCELED.name());
            PipelineEvent done = new PipelineEvent.RequestDone(
                    rt.now(), requestId, ChangeRequestStatus.CANCELED, progressOnceCanceled(tasks));
            if (store.compareAndSetRequest(r, next, rt.outbox(updated, done)).isEmpty()) {
                continue;
            }
            rt.emit(updated);
            for (TaskEntry t : tasks) {
                if (!t.status().isFinal() && t.status() != TaskStatus.RUNNING) {
                    updateTask(
                            t.id(),
                            e -> e.status().isFinal() || e.status() == TaskStatus.RUNNING
                                    ? null
                                    : e.withState(TaskState.CANCELED));
                }
            }
            rt.audit(principal, "request.cancel", requestId, reason, Map.of());
            rt.emit(done);
            LOG.info("request={} principal={} - canceled: {}", requestId, principal, reason);
            return next.request();
        }
        throw concurrent("request " + requestId);
    }

    /** The progress of a request once the tasks a cancel ends (all but the RUNNING and the final ones) are CANCELED. */
    private static Progress progressOnceCanceled(List<TaskEntry> tasks) {
        int done = 0;
        for (TaskEntry t : tasks) {
            TaskStatus s = t.status();
            if (PipelineRuntime.ENDED.contains(s) || (!s.isFinal() && s != TaskStatus.RUNNING)) {
                done++;
            }
        }
        return new Progress(done, tasks.size());
    }

    // ---- stages and tasks ----------------------------------------------------------------------------------

    /** Starts a manually rolled out stage; takes one of the environment's rollout roles. */
    public void startStage(String requestId, String environmentId, String principal) {
        RequestEntry current = requireRequest(requestId);
        Environment env = rt.catalog().environment(environmentId);
        if (env.rolloutPolicy() instanceof RolloutPolicy.Manual manual) {
            rt.requireRole(
                    principal,
                    current.request().projectId(),
                    manual.roles(),
                    "start the rollout of environment " + environmentId + " for request " + requestId);
        }
        if (store.tasks(requestId).stream().noneMatch(t -> t.environmentId().equals(environmentId))) {
            throw new DbChangeException(
                    PipelineErrorCode.NOT_FOUND,
                    "request " + requestId + " has no stage for environment " + environmentId);
        }
        transition(requestId, r -> r.withStageStarted(environmentId, principal));
        rt.audit(principal, "stage.rollout", requestId, "", Map.of("environment", environmentId));
        LOG.info("request={} stage={} principal={} - manual rollout started", requestId, environmentId, principal);
        changed.run();
    }

    public void overrideChecks(String taskId, String principal, String reason) {
        Checks.notBlank("reason", reason);
        TaskEntry t = requireTask(taskId);
        rt.requirePermission(
                principal, projectOf(t), PipelineAction.OVERRIDE_CHECKS, "override checks of task " + taskId);
        CheckOverride override = new CheckOverride(principal, reason, rt.now());
        updateTask(taskId, e -> {
            if (e.status().isFinal() || e.status() == TaskStatus.RUNNING) {
                throw illegal(e, "override its checks");
            }
            return e.withCheckOverride(override);
        });
        rt.audit(principal, "task.override-checks", taskId, reason, details(t));
        changed.run();
    }

    /**
     * Runs a FAILED or INTERRUPTED task again as a new attempt (its history version may run again), or re-runs the
     * checks of a task they blocked.
     */
    public void retry(String taskId, String principal) {
        retry(taskId, principal, 1);
    }

    /**
     * Like {@link #retry} but starting from statement {@code fromStatement} (1-based): for a MySQL task whose
     * earlier statements took effect before a failure.
     */
    public void retry(String taskId, String principal, int fromStatement) {
        Checks.positive("fromStatement", fromStatement);
        TaskEntry t = requireTask(taskId);
        rt.requirePermission(principal, projectOf(t), PipelineAction.RETRY, "retry task " + taskId);
        int statements = rt.engine(rt.catalog().instance(t.database().instanceId()))
                .split(t.task().statement())
                .size();
        if (fromStatement > Math.max(1, statements)) {
            throw new DbChangeException(
                    PipelineErrorCode.ILLEGAL_ACTION,
                    "task " + taskId + " has " + statements + " statements; cannot resume from statement "
                            + fromStatement);
        }
        TaskState queued = TaskState.waiting(WaitReason.QUEUED, "retried by " + principal);
        updateTask(taskId, e -> {
            boolean blockedByChecks =
                    e.task().state() instanceof TaskState.Waiting w && w.reason() == WaitReason.CHECKS;
            if (!e.status().isRetryable() && !blockedByChecks) {
                throw illegal(e, "retry it");
            }
            return e.withState(queued).withResumeFrom(fromStatement);
        });
        rt.audit(
                principal,
                "task.retry",
                taskId,
                "",
                withDetail(details(t), "fromStatement", Integer.toString(fromStatement)));
        LOG.info(
                "task={} database={} principal={} fromStatement={} - retry",
                taskId,
                t.database(),
                principal,
                fromStatement);
        changed.run();
    }

    public void skip(String taskId, String principal, String reason) {
        Checks.notBlank("reason", reason);
        TaskEntry t = requireTask(taskId);
        rt.requirePermission(principal, projectOf(t), PipelineAction.SKIP, "skip task " + taskId);
        synchronized (rt.completionMonitor(t.requestId())) {
            Ended skipped = endTask(taskId, TaskStatus.SKIPPED, principal, e -> {
                if (!e.status().canMoveTo(TaskStatus.SKIPPED)) {
                    throw illegal(e, "skip it");
                }
                return e.withState(TaskState.skipped(reason + " (by " + principal + ")"));
            });
            rt.audit(principal, "task.skip", taskId, reason, details(t));
            Completion.afterTaskEnded(rt, skipped.task(), TaskStatus.SKIPPED, skipped.events());
        }
        changed.run();
    }

    /**
     * Cancels a task. One that has not run (or has stopped) becomes CANCELED at once. A RUNNING one gets a stored
     * cancel request: its runner (on this node now, on another at its next heartbeat) cancels the statement in
     * flight, starts no further one, and ends the task CANCELED with what took effect in its run (MySQL: the
     * statements that completed; PostgreSQL: the transaction rolled back); audited when asked and when done.
     */
    public void cancelTask(String taskId, String principal, String reason) {
        Checks.notBlank("reason", reason);
        TaskEntry t = requireTask(taskId);
        rt.requirePermission(principal, projectOf(t), PipelineAction.CANCEL, "cancel task " + taskId);
        if (t.status() == TaskStatus.RUNNING) {
            CancelRequest request = new CancelRequest(principal, reason, rt.now());
            TaskEntry asked = updateTask(taskId, e -> {
                if (e.status() != TaskStatus.RUNNING) {
                    throw new DbChangeException(
                            PipelineErrorCode.ILLEGAL_ACTION,
                            "task " + taskId + " on " + e.database() + " ended " + e.status() + " while the cancel"
                                    + " was asked; nothing to cancel");
                }
                return e.cancelRequest().isPresent() ? null : e.withCancelRequest(request);
            });
            rt.audit(principal, "task.cancel-requested", taskId, reason, details(t));
            LOG.info(
                    "request={} task={} database={} principal={} - cancel of the RUNNING task requested: {}",
                    t.requestId(),
                    taskId,
                    t.database(),
                    principal,
                    reason);
            cancelRunning.accept(taskId, asked.cancelRequest().orElse(request));
            changed.run();
            return;
        }
        synchronized (rt.completionMonitor(t.requestId())) {
            Ended canceled = endTask(taskId, TaskStatus.CANCELED, principal, e -> {
                if (e.status() == TaskStatus.RUNNING) {
                    throw new DbChangeException(
                            PipelineErrorCode.ILLEGAL_ACTION,
                            "task " + taskId + " on " + e.database() + " started RUNNING while the cancel was asked;"
                                    + " cancel it again to stop its statements");
                }
                if (!e.status().canMoveTo(TaskStatus.CANCELED)) {
                    throw illegal(e, "cancel it");
                }
                return e.withState(TaskState.CANCELED);
            });
            rt.audit(principal, "task.cancel", taskId, reason, details(t));
            Completion.afterTaskEnded(rt, canceled.task(), TaskStatus.CANCELED, canceled.events());
        }
        changed.run();
    }

    /**
     * Marks an INTERRUPTED task DONE after a person checked that its change took effect; its PENDING history record
     * becomes DONE with the person as principal.
     */
    public void markDone(String taskId, String principal, String reason) {
        Checks.notBlank("reason", reason);
        TaskEntry t = requireTask(taskId);
        rt.requirePermission(principal, projectOf(t), PipelineAction.MARK_DONE, "mark task " + taskId + " done");
        // the history record is closed before this node's listeners hear of the end (they find it DONE)
        synchronized (rt.completionMonitor(t.requestId())) {
            Ended done = endTask(taskId, TaskStatus.DONE, principal, e -> {
                if (e.status() != TaskStatus.INTERRUPTED) {
                    throw illegal(e, "mark it done (only an INTERRUPTED task is marked done)");
                }
                return e.withState(TaskState.DONE);
            });
            finishPendingHistory(t, principal);
            rt.audit(principal, "task.mark-done", taskId, reason, details(t));
            Completion.afterTaskEnded(rt, done.task(), TaskStatus.DONE, done.events());
        }
        changed.run();
    }

    /** The PENDING history records of a task marked done become DONE with the person as principal. */
    private void finishPendingHistory(TaskEntry t, String principal) {
        String taskId = t.id();
        for (HistoryEntry h : store.history(t.database())) {
            if (h.record().taskId().equals(Optional.of(taskId)) && h.record().status() == MigrationStatus.PENDING) {
                var r = h.record();
                Instant end = rt.now().isBefore(r.startedAt()) ? r.startedAt() : rt.now();
                store.finishMigration(
                        h.id(),
                        new io.dbchange.api.history.MigrationRecord(
                                r.database(),
                                r.version(),
                                r.type(),
                                r.description(),
                                r.statement(),
                                r.checksum(),
                                r.schemaBefore(),
                                r.schemaAfter(),
                                MigrationStatus.DONE,
                                r.startedAt(),
                                Optional.of(end),
                                java.time.Duration.between(r.startedAt(), end),
                                r.affectedRows(),
                                principal,
                                r.requestId(),
                                r.taskId()));
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    public RequestEntry requireRequest(String requestId) {
        return store.request(requestId)
                .orElseThrow(() -> new DbChangeException(
                        PipelineErrorCode.NOT_FOUND, "change request " + requestId + " does not exist"));
    }

    public TaskEntry requireTask(String taskId) {
        return store.task(taskId)
                .orElseThrow(() -> new DbChangeException(
                        PipelineErrorCode.NOT_FOUND,
                        "task " + taskId + " does not exist (an edit of its request replaces its tasks)"));
    }

    private String projectOf(TaskEntry t) {
        return requireRequest(t.requestId()).request().projectId();
    }

    private ChangeRequest transition(String requestId, UnaryOperator<RequestEntry> change) {
        for (int i = 0; i < 5; i++) {
            RequestEntry current = requireRequest(requestId);
            RequestEntry next = change.apply(current);
            PipelineEvent event = new PipelineEvent.RequestUpdated(
                    rt.now(), requestId, next.request(), next.request().status().name());
            Optional<RequestEntry> written = store.compareAndSetRequest(current, next, rt.outbox(event));
            if (written.isPresent()) {
                rt.emit(event);
                return written.get().request();
            }
        }
        throw concurrent("request " + requestId);
    }

    /** Compare-and-set with re-reads; {@code change} returns null for "nothing to do". */
    private TaskEntry updateTask(String taskId, UnaryOperator<TaskEntry> change) {
        for (int i = 0; i < 5; i++) {
            TaskEntry current = requireTask(taskId);
            TaskEntry next = change.apply(current);
            if (next == null) {
                return current;
            }
            Optional<TaskEntry> written = store.compareAndSetTask(current, next);
            if (written.isPresent()) {
                return written.get();
            }
        }
        throw concurrent("task " + taskId);
    }

    /** A task's end as written, and the events written with it. */
    private record Ended(TaskEntry task, List<PipelineEvent> events) {}

    /**
     * A person's end of a task ({@code change} gives the entry in end state {@code status}, or throws), written with its
     * event by compare-and-set with re-reads. Callers hold the request's completion monitor (see Completion).
     */
    private Ended endTask(String taskId, TaskStatus status, String principal, UnaryOperator<TaskEntry> change) {
        for (int i = 0; i < 5; i++) {
            TaskEntry current = requireTask(taskId);
            TaskEntry next = change.apply(current);
            List<PipelineEvent> events =
                    Completion.endEvents(rt, next, status, Optional.empty(), Optional.of(principal));
            Optional<TaskEntry> written = store.compareAndSetTask(current, next, rt.outbox(events));
            if (written.isPresent()) {
                return new Ended(written.get(), events);
            }
        }
        throw concurrent("task " + taskId);
    }

    private static DbChangeException illegal(TaskEntry e, String what) {
        return new DbChangeException(
                PipelineErrorCode.ILLEGAL_ACTION,
                "task " + e.id() + " on " + e.database() + " is " + e.task().state() + "; cannot " + what);
    }

    private static DbChangeException concurrent(String what) {
        return new DbChangeException(
                PipelineErrorCode.CONCURRENT_MODIFICATION,
                what + " kept changing under this action (another node or person); read it again and retry");
    }

    private static Map<String, String> details(TaskEntry t) {
        return Map.of("database", t.database().toString(), "request", t.requestId());
    }

    private static Map<String, String> withDetail(Map<String, String> base, String key, String value) {
        var copy = new java.util.HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
