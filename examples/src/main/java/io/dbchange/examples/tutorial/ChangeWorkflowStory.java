package io.dbchange.examples.tutorial;

import static io.dbchange.examples.tutorial.Changes.expectState;
import static io.dbchange.examples.tutorial.Changes.settle;
import static io.dbchange.examples.tutorial.Changes.submit;

import io.dbchange.api.approval.Roles;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.Task;
import io.dbchange.api.history.MigrationType;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Environment;
import io.dbchange.api.project.Instance;
import io.dbchange.api.project.Project;
import io.dbchange.api.project.RolloutPolicy;
import io.dbchange.api.review.Level;
import io.dbchange.api.store.HistoryEntry;
import io.dbchange.core.approval.ApprovalConfig;
import io.dbchange.core.drift.DriftDetector;
import io.dbchange.core.drift.DriftReport;
import io.dbchange.core.drift.DriftTarget;
import io.dbchange.core.engine.DatabaseEngines;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.core.pipeline.Rollbacks;
import io.dbchange.core.review.ReviewPolicy;
import io.dbchange.core.schema.diff.SchemaDiff;
import io.dbchange.mysql.rollback.BinlogRollbackSupport;
import java.nio.file.Path;
import java.util.List;

/**
 * Story 1, after Bytebase's first tutorials: project TestAurora on a MariaDB "Aurora MySQL" instance per
 * environment; a database and a table created through change requests (review, automatic test, prod rolled out by
 * the OWNER, history with the schema diff); a data change rolled back through an approved ROLLBACK request and
 * restored by the rollback of the rollback; a column added by hand found as drift, then baselined.
 */
final class ChangeWorkflowStory {

    static final String PROJECT = "test-aurora";
    static final String CREATE_T1 = "CREATE TABLE t1 (id INT PRIMARY KEY, name VARCHAR(100))";
    static final String INSERT_ROWS = "INSERT INTO t1 (id, name) VALUES (1, 'Adela'), (2, 'Bella')";

    /** The team's review policy: missing keys and unbounded deletes block; nullable columns warn. */
    static final ReviewPolicy REVIEW = ReviewPolicy.builder()
            .rule("table.require-pk", Level.ERROR)
            .rule("statement.where.require-update-delete", Level.ERROR)
            .rule("column.no-null", Level.WARNING)
            .build();

    private final Servers servers;
    private final Narrator narrator;
    private final Path scripts;
    private final Instance test;
    private final Instance prod;
    private final DatabaseRef testDb;
    private final DatabaseRef prodDb;
    private Rollbacks rollbacks;
    private Pipeline pipeline;

    ChangeWorkflowStory(Servers servers, Narrator narrator, Path scripts) {
        this.servers = servers;
        this.narrator = narrator;
        this.scripts = scripts;
        this.test = new Instance("aurora-test", "test", "mysql", Servers.instanceSettings(servers.mysqlTest));
        this.prod = new Instance("aurora-prod", "prod", "mysql", Servers.instanceSettings(servers.mysqlProd));
        this.testDb = new DatabaseRef(test.id(), "db_demo");
        this.prodDb = new DatabaseRef(prod.id(), "db_demo");
    }

    void tell() {
        narrator.story(1, "change workflow, rollback and drift (MariaDB as the \"Aurora MySQL\" instance)");
        try {
            narrator.step(1, "Project TestAurora", this::configure);
            narrator.step(2, "Create database db_demo and table t1", this::createDatabaseAndTable);
            narrator.step(3, "Data change with rollback", this::rollBackADataChange);
            narrator.step(4, "Drift: a column added by hand", this::findDrift);
        } finally {
            if (pipeline != null) {
                pipeline.close();
            }
        }
    }

    private String configure(Narrator.Step step) {
        rollbacks = Rollbacks.configure()
                .support(BinlogRollbackSupport.configure()
                        .instance(test)
                        .instance(prod)
                        .scriptDirectory(scripts)
                        .build())
                .build();
        pipeline = rollbacks
                .register(Pipeline.configure()
                        .project(Project.of(PROJECT, "TestAurora"))
                        .environment(new Environment("test", "Test", 0, RolloutPolicy.AUTOMATIC))
                        .environment(new Environment("prod", "Prod", 1, RolloutPolicy.manual(Roles.OWNER)))
                        .instance(test)
                        .instance(prod)
                        .database(new Database(testDb, PROJECT, "test"))
                        .database(new Database(prodDb, PROJECT, "prod"))
                        .roleResolver(People.roles(PROJECT))
                        .approvals(ApprovalConfig.defaults())
                        .review(REVIEW)
                        .listener(narrator.listener()))
                .build();
        step.detail("instances", test.id() + " (test): MySQL Test, " + servers.mysqlTest.description());
        step.detail("instances", prod.id() + " (prod): MySQL Prod, " + servers.mysqlProd.description());
        step.detail("review", "table.require-pk ERROR, statement.where.require-update-delete ERROR");
        step.detail("review", "column.no-null WARNING");
        step.detail("approval", "defaults: schema and data changes need no approval; a ROLLBACK needs a DBA");
        step.detail("people", People.cast());
        return "test rolls out automatically, prod waits for a rollout by OWNER";
    }

    private String createDatabaseAndTable(Narrator.Step step) throws Exception {
        ChangeRequest create = submit(
                pipeline,
                PROJECT,
                ChangeType.CREATE_DATABASE,
                "Create db_demo",
                "CREATE DATABASE db_demo",
                People.ALICE,
                testDb,
                prodDb);
        settle(pipeline);
        expectState(pipeline, create.id(), testDb, "DONE");
        expectState(pipeline, create.id(), prodDb, "WAITING MANUAL_ROLLOUT");
        String refusal = Expect.refused(
                "alice starts the prod rollout",
                PipelineErrorCode.PERMISSION_DENIED,
                Roles.OWNER,
                () -> pipeline.startStage(create.id(), "prod", People.ALICE));
        step.detail("refused", refusal);
        pipeline.startStage(create.id(), "prod", People.OWEN);
        settle(pipeline);
        expectState(pipeline, create.id(), prodDb, "DONE");
        step.detail("database", "CREATE DATABASE db_demo: test DONE, prod DONE after owen's rollout");

        ChangeRequest table =
                submit(pipeline, PROJECT, ChangeType.SCHEMA, "Create t1", CREATE_T1, People.ALICE, testDb, prodDb);
        settle(pipeline);
        Task testTask = expectState(pipeline, table.id(), testDb, "DONE");
        expectState(pipeline, table.id(), prodDb, "WAITING MANUAL_ROLLOUT");
        List<CheckResult> findings = Changes.findings(pipeline, testTask.id());
        Expect.equal(
                "review findings",
                List.of("WARNING column.no-null"),
                findings.stream().map(f -> f.level() + " " + f.code()).toList());
        findings.forEach(f -> step.detail("review", Changes.describe(f)));
        step.detail("rollout", "test DONE automatically; prod WAITING MANUAL_ROLLOUT until owen (OWNER) starts it");
        pipeline.startStage(table.id(), "prod", People.OWEN);
        settle(pipeline);
        expectState(pipeline, table.id(), prodDb, "DONE");
        SchemaDiff diff = Changes.lastChange(pipeline, prodDb);
        Expect.contains("the schema diff in prod's history", "+ table t1", diff.report());
        step.detail("history", prodDb + ": " + diff.report());
        return "review warned, test ran at once, prod ran after owen's rollout; history shows + table t1";
    }

    private String rollBackADataChange(Narrator.Step step) throws Exception {
        Sql rows = Sql.on(test.connection(), testDb.name());
        String names = "SELECT name FROM t1 ORDER BY id";
        ChangeRequest insert =
                submit(pipeline, PROJECT, ChangeType.DATA, "Add Adela and Bella", INSERT_ROWS, People.ALICE, testDb);
        settle(pipeline);
        Task task = expectState(pipeline, insert.id(), testDb, "DONE");
        Expect.equal("rows after the data change", List.of("Adela", "Bella"), rows.column(names));
        step.detail("data", INSERT_ROWS + " (rollback enabled): DONE, rows Adela, Bella");

        Task undone = Changes.rollBack(step, pipeline, rollbacks, "rollback", task);
        Expect.equal("rows after the rollback", List.of(), rows.column(names));
        Changes.rollBack(step, pipeline, rollbacks, "redo", undone);
        Expect.equal("rows after the rollback of the rollback", List.of("Adela", "Bella"), rows.column(names));
        return "Adela and Bella inserted, removed by the DBA-approved rollback, back after the rollback of it";
    }

    private String findDrift(Narrator.Step step) throws Exception {
        Sql sql = Sql.on(prod.connection(), prodDb.name());
        DriftDetector drift = DriftDetector.configure()
                .metadataStore(pipeline.store())
                .target(DriftTarget.of(prodDb, DatabaseEngines.forName("mysql"), sql::connect))
                .build();
        Expect.equal(
                "drift before anyone touched prod", false, drift.check(prodDb).isPresent());

        sql.execute("ALTER TABLE t1 ADD COLUMN age integer"); // outside dbchange, as someone in a hurry would
        step.detail("by hand", "ALTER TABLE t1 ADD COLUMN age integer  (on " + prodDb + ", outside dbchange)");
        DriftReport report = drift.check(prodDb)
                .orElseThrow(() -> new Expect.Mismatch("expected drift on " + prodDb + " but the check was clean"));
        Expect.equal(
                "drift",
                List.of("+ column t1.age"),
                report.changes().stream().map(Object::toString).toList());
        Expect.equal("restore DDL", "ALTER TABLE `t1` DROP COLUMN `age`;\n", report.restoreDdl());
        step.detail("drift", report.diff().report());
        step.detail("restore", report.restoreDdl());

        HistoryEntry baseline = drift.baseline(prodDb, People.DANA, "age is wanted; keep it");
        Expect.equal(
                "baseline record", MigrationType.BASELINE, baseline.record().type());
        step.detail("baseline", baseline.record().version() + " by dana: age is wanted; keep it");
        Expect.equal("drift after the baseline", false, drift.check(prodDb).isPresent());
        return "drift reported exactly column t1.age with its DDL; after dana's baseline the check is clean";
    }
}
