package io.dbchange.examples.tutorial;

import static io.dbchange.examples.tutorial.Changes.expectState;
import static io.dbchange.examples.tutorial.Changes.settle;
import static io.dbchange.examples.tutorial.Changes.submit;

import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.Task;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Instance;
import io.dbchange.api.project.Project;
import io.dbchange.api.review.Level;
import io.dbchange.core.approval.ApprovalConfig;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.core.pipeline.Rollbacks;
import io.dbchange.core.review.ReviewPolicy;
import io.dbchange.core.schema.diff.SchemaDiff;
import io.dbchange.postgres.rollback.PostgresRollbackSupport;
import java.util.List;

/**
 * Story 3: story 1's schema change and data change with rollback on PostgreSQL, plus one PostgreSQL safety rule:
 * {@code CREATE INDEX} without {@code CONCURRENTLY} on a live table blocks writes while it builds, so review blocks
 * it; the creator edits the request to build the index concurrently, which passes review and runs.
 */
final class PostgresStory {

    static final String PROJECT = "pg-demo";
    static final String INDEX = "CREATE INDEX t1_name_idx ON t1 (name)";
    static final String INDEX_FIXED = "CREATE INDEX CONCURRENTLY t1_name_idx ON t1 (name)";
    static final String CONCURRENT_INDEX_RULE = "pg.require-concurrent-index";

    /** Story 1's policy plus the PostgreSQL safety rule, as an ERROR. */
    static final ReviewPolicy REVIEW = ReviewPolicy.builder()
            .rule("table.require-pk", Level.ERROR)
            .rule("statement.where.require-update-delete", Level.ERROR)
            .rule("column.no-null", Level.WARNING)
            .rule(CONCURRENT_INDEX_RULE, Level.ERROR)
            .build();

    private final Servers servers;
    private final Narrator narrator;
    private final Instance instance;
    private final DatabaseRef db;
    private Rollbacks rollbacks;
    private Pipeline pipeline;

    PostgresStory(Servers servers, Narrator narrator) {
        this.servers = servers;
        this.narrator = narrator;
        this.instance = new Instance("pg-test", "test", "postgresql", Servers.instanceSettings(servers.postgres));
        this.db = new DatabaseRef(instance.id(), "db_demo");
    }

    void tell() {
        narrator.story(3, "PostgreSQL: schema change, a safety finding and its fix, data change with rollback");
        try {
            narrator.step(8, "Create database db_demo and table t1 on PostgreSQL", this::createDatabaseAndTable);
            narrator.step(9, "CREATE INDEX without CONCURRENTLY, then fixed", this::indexSafely);
            narrator.step(10, "Data change with rollback on PostgreSQL", this::rollBackADataChange);
        } finally {
            if (pipeline != null) {
                pipeline.close();
            }
        }
    }

    private String createDatabaseAndTable(Narrator.Step step) throws Exception {
        rollbacks = Rollbacks.configure()
                .support(PostgresRollbackSupport.withDefaults())
                .build();
        pipeline = rollbacks
                .register(Pipeline.configure()
                        .project(Project.of(PROJECT, "PostgreSQL demo"))
                        .environments("test")
                        .instance(instance)
                        .database(new Database(db, PROJECT, "test"))
                        .roleResolver(People.roles(PROJECT))
                        .approvals(ApprovalConfig.defaults())
                        .review(REVIEW)
                        .listener(narrator.listener()))
                .build();
        step.detail("instance", instance.id() + " (test): " + servers.postgres.description());
        ChangeRequest create = submit(
                pipeline,
                PROJECT,
                ChangeType.CREATE_DATABASE,
                "Create db_demo",
                "CREATE DATABASE db_demo",
                "alice",
                db);
        settle(pipeline);
        expectState(pipeline, create.id(), db, "DONE");

        ChangeRequest table = submit(
                pipeline, PROJECT, ChangeType.SCHEMA, "Create t1", ChangeWorkflowStory.CREATE_T1, People.ALICE, db);
        settle(pipeline);
        Task task = expectState(pipeline, table.id(), db, "DONE");
        List<CheckResult> findings = Changes.findings(pipeline, task.id());
        Expect.equal(
                "review findings",
                List.of("WARNING column.no-null"),
                findings.stream().map(f -> f.level() + " " + f.code()).toList());
        findings.forEach(f -> step.detail("review", Changes.describe(f)));
        SchemaDiff diff = Changes.lastChange(pipeline, db);
        Expect.contains("the schema diff in history", "+ table public.t1", diff.report());
        step.detail("history", db + ": " + diff.report());
        return "db_demo created, t1 created after a review warning; history shows + table public.t1";
    }

    private String indexSafely(Narrator.Step step) throws Exception {
        ChangeRequest cr = submit(pipeline, PROJECT, ChangeType.SCHEMA, "Index t1.name", INDEX, People.ALICE, db);
        settle(pipeline);
        Task blocked = expectState(pipeline, cr.id(), db, "WAITING CHECKS");
        List<CheckResult> findings = Changes.findings(pipeline, blocked.id());
        Expect.equal(
                "review findings",
                List.of("ERROR " + CONCURRENT_INDEX_RULE),
                findings.stream().map(f -> f.level() + " " + f.code()).toList());
        findings.forEach(f -> step.detail("review", Changes.describe(f)));
        Expect.equal("indexes on t1 while blocked", List.of("t1_pkey"), indexes());
        step.detail("blocked", "nothing ran: the task waits (CHECKS) for a fix or an override by a DBA");

        // No task has started, so the creator may still edit the request: a new revision, reviewed (and approved)
        // again from scratch, replaces the blocked task.
        ChangeRequest fixed = pipeline.edit(cr.id(), People.ALICE, INDEX_FIXED, TargetSelector.databases(db));
        Expect.equal("revision after the edit", 2, fixed.revision());
        step.detail("fix", "alice edits the request to " + INDEX_FIXED + " (revision " + fixed.revision() + ")");
        settle(pipeline);
        Task task = expectState(pipeline, fixed.id(), db, "DONE");
        Expect.equal("review findings of the fix", List.of(), Changes.findings(pipeline, task.id()));
        Expect.equal("indexes on t1", List.of("t1_name_idx", "t1_pkey"), indexes());
        step.detail("rollout", "the fix passed review and ran: indexes on t1 are t1_name_idx, t1_pkey");
        return "review blocked the plain CREATE INDEX (" + CONCURRENT_INDEX_RULE + "); the CONCURRENTLY fix passed"
                + " review and ran";
    }

    private List<String> indexes() throws Exception {
        return Sql.on(instance.connection(), db.name())
                .column("SELECT indexname FROM pg_indexes WHERE tablename = 't1' ORDER BY indexname");
    }

    private String rollBackADataChange(Narrator.Step step) throws Exception {
        Sql rows = Sql.on(instance.connection(), db.name());
        String names = "SELECT name FROM t1 ORDER BY id";
        ChangeRequest insert = submit(
                pipeline,
                PROJECT,
                ChangeType.DATA,
                "Add Adela and Bella",
                ChangeWorkflowStory.INSERT_ROWS,
                People.ALICE,
                db);
        settle(pipeline);
        Task task = expectState(pipeline, insert.id(), db, "DONE");
        Expect.equal("rows after the data change", List.of("Adela", "Bella"), rows.column(names));
        step.detail("data", ChangeWorkflowStory.INSERT_ROWS + " (rollback enabled): DONE, rows Adela, Bella");

        Task undone = Changes.rollBack(step, pipeline, rollbacks, "rollback", task);
        Expect.equal("rows after the rollback", List.of(), rows.column(names));
        Changes.rollBack(step, pipeline, rollbacks, "redo", undone);
        Expect.equal("rows after the rollback of the rollback", List.of("Adela", "Bella"), rows.column(names));
        return "Adela and Bella inserted, removed by the DBA-approved rollback, back after the rollback of it";
    }
}
