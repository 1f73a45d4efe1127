package io.dbchange.examples.tutorial;

import io.dbchange.api.change.ChangeOptions;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.Task;
import io.dbchange.api.change.TaskState;
import io.dbchange.api.history.MigrationRecord;
import io.dbchange.api.pipeline.CheckLevel;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.rollback.RollbackScriptRef;
import io.dbchange.core.approval.ApprovalProcess;
import io.dbchange.core.approval.RiskMatch;
import io.dbchange.core.approval.StepApproval;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.core.pipeline.Rollbacks;
import io.dbchange.core.schema.diff.SchemaDiff;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** What the stories do with change requests again and again: submit, wait, look at tasks, findings and history. */
final class Changes {

    /** How long a rollout may take before the tutorial calls it stuck. */
    static final Duration ROLLOUT_LIMIT = Duration.ofMinutes(1);

    private Changes() {}

    /**
     * Creates a request by {@code creator} and submits it to the approval gate; returns it as submitted. A DATA
     * request runs with rollback, so that it can be undone.
     */
    static ChangeRequest submit(
            Pipeline pipeline,
            String project,
            ChangeType type,
            String title,
            String sql,
            String creator,
            DatabaseRef... targets) {
        ChangeRequest created = pipeline.create(
                NewChangeRequest.of(project, title, type, sql, TargetSelector.databases(targets), creator)
                        .withOptions(ChangeOptions.DEFAULTS.withRollbackEnabled(type == ChangeType.DATA)));
        return pipeline.submit(created.id(), creator);
    }

    /** Runs the pipeline until everything that may run has run. */
    static void settle(Pipeline pipeline) throws InterruptedException {
        Expect.that(pipeline.awaitIdle(ROLLOUT_LIMIT), "the rollout to settle within " + ROLLOUT_LIMIT, "still busy");
    }

    static Task task(Pipeline pipeline, String requestId, DatabaseRef database) {
        return pipeline.plan(requestId).tasks().stream()
                .filter(t -> t.database().equals(database))
                .findFirst()
                .orElseThrow(() -> new Expect.Mismatch("request " + requestId + " has no task on " + database));
    }

    /** A task's state in words: {@code DONE}, {@code WAITING MANUAL_ROLLOUT}, ... */
    static String state(Task task) {
        return task.state() instanceof TaskState.Waiting w
                ? "WAITING " + w.reason()
                : task.status().name();
    }

    /** The task of {@code requestId} on {@code database} is in state {@code expected} (see {@link #state}). */
    static Task expectState(Pipeline pipeline, String requestId, DatabaseRef database, String expected) {
        Task task = task(pipeline, requestId, database);
        Expect.equal("task on " + database, expected, state(task));
        return task;
    }

    /** The SQL review results of a task's latest checks that are findings (WARNING or ERROR). */
    static List<CheckResult> findings(Pipeline pipeline, String taskId) {
        return pipeline.checkResults(taskId).stream()
                .filter(r -> r.checkId().equals("sql-review") && r.level() != CheckLevel.SUCCESS)
                .toList();
    }

    /** A finding as shown: {@code WARNING column.no-null at 1:35: message}. */
    static String describe(CheckResult finding) {
        return finding.level() + " " + finding.code()
                + finding.position().map(p -> " at " + p).orElse("") + ": " + finding.message();
    }

    /** The schema diff of the latest change in a database's history: what the change did to the schema. */
    static SchemaDiff lastChange(Pipeline pipeline, DatabaseRef database) {
        var history = pipeline.history(database);
        Expect.that(!history.isEmpty(), "history on " + database, "none");
        MigrationRecord last = history.get(history.size() - 1).record();
        Expect.that(
                last.schemaBefore().isPresent() && last.schemaAfter().isPresent(),
                "the schema before and after in the history record of " + database,
                last);
        return SchemaDiff.between(last.schemaBefore().get(), last.schemaAfter().get());
    }

    /** The risk with the rules that set it, for a step's details. */
    static String risk(ApprovalProcess process) {
        List<RiskMatch> matches = process.risk().matches();
        if (matches.isEmpty()) {
            return process.risk().risk() + " (no risk rule matched)";
        }
        return process.risk().risk() + " from "
                + matches.stream()
                        .map(m -> "rule " + m.ruleId() + " (" + m.level() + ") on "
                                + m.variables().getOrDefault("environment_id", "?")
                                + "/" + m.variables().getOrDefault("database_name", "?") + ": " + m.statement())
                        .collect(Collectors.joining("; "));
    }

    /** The approval steps with who approved each, for a step's details. */
    static String approvals(ApprovalProcess process) {
        var steps = process.flow().steps();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            int index = i;
            String by = process.approvals().stream()
                    .filter(a -> a.step() == index)
                    .map(StepApproval::principal)
                    .collect(Collectors.joining(", "));
            out.append("step ")
                    .append(i + 1)
                    .append(' ')
                    .append(steps.get(i).role())
                    .append(": ")
                    .append(by.isEmpty() ? "waiting" : "approved by " + by)
                    .append('\n');
        }
        return out.toString();
    }

    /**
     * Generates the rollback of a DONE task that ran with rollback, shows it, submits it (a ROLLBACK request needs a
     * DBA whatever the rules), has dana approve it and rolls it out; returns the rollback's task, DONE.
     */
    static Task rollBack(Narrator.Step step, Pipeline pipeline, Rollbacks rollbacks, String label, Task task)
            throws InterruptedException {
        ChangeRequest undo = rollbacks.generate(pipeline, task.id(), People.ALICE);
        RollbackScriptRef script = rollbacks.script(undo.id()).orElseThrow();
        step.detail(
                label,
                undo.title() + " (" + script.statements() + (script.statements() == 1 ? " statement" : " statements")
                        + ", shown as the request's text):\n" + undo.statement());
        ChangeRequest submitted = pipeline.submit(undo.id(), People.ALICE);
        Expect.equal(label + " request status", ChangeRequestStatus.PENDING_APPROVAL, submitted.status());
        settle(pipeline);
        expectState(pipeline, undo.id(), task.database(), "WAITING APPROVAL");
        step.detail("waiting", pipeline.approvalProcess(undo.id()).orElseThrow().waitingFor());
        pipeline.approve(undo.id(), People.DANA, submitted.contentHash(), "restores the rows as they were");
        settle(pipeline);
        Task done = expectState(pipeline, undo.id(), task.database(), "DONE");
        step.detail("approvals", approvals(pipeline.approvalProcess(undo.id()).orElseThrow()));
        return done;
    }
}
