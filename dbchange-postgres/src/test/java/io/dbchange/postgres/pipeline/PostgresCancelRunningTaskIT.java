package io.dbchange.postgres.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.approval.Roles;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.TaskRun;
import io.dbchange.api.change.TaskRunStatus;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.engine.StatementOutcome;
import io.dbchange.api.engine.StatementResult;
import io.dbchange.api.history.MigrationStatus;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Instance;
import io.dbchange.api.project.Project;
import io.dbchange.api.store.AuditEntry;
import io.dbchange.core.approval.InMemoryRoleResolver;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Canceling a RUNNING task on PostgreSQL: {@code pg_sleep(30)} is canceled on the server ({@code pg_cancel_backend}),
 * the task's transaction rolls back (the table its first statement created is gone), and the task ends CANCELED.
 */
class PostgresCancelRunningTaskIT {

    private TestDatabase db;
    private DatabaseRef ref;
    private Pipeline pipeline;

    @BeforeEach
    void setUp() {
        db = TestServers.postgres().createDatabase();
        ref = new DatabaseRef("pg-test", db.name());
        String serverUrl = db.jdbcUrl().replace("/" + db.name(), "/postgres");
        pipeline = Pipeline.configure()
                .project(Project.of("shop", "Shop"))
                .environments("test")
                .instance(new Instance(
                        "pg-test", "test", "postgresql", ConnectionSettings.of(serverUrl, db.user(), db.password())))
                .database(new Database(ref, "shop", "test"))
                .roleResolver(new InMemoryRoleResolver().grant("dana", Roles.DBA))
                .build();
    }

    @AfterEach
    void tearDown() {
        pipeline.close();
        db.close();
    }

    @Test
    void aRunningStatementIsCanceledAndTheTransactionRollsBack() throws Exception {
        ChangeRequest cr = pipeline.create(NewChangeRequest.of(
                "shop",
                "slow",
                ChangeType.SCHEMA,
                "CREATE TABLE a (id int);\nSELECT pg_sleep(30);",
                TargetSelector.databases(ref),
                "alice"));
        pipeline.submit(cr.id(), "alice");
        pipeline.start();
        String taskId = pipeline.plan(cr.id()).tasks().get(0).id();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep(30)%'"
                        + " AND pid <> pg_backend_pid()")
                == 0) {
            assertThat(System.nanoTime()).as("pg_sleep started within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        long start = System.nanoTime();

        pipeline.cancelTask(taskId, "dana", "wrong window");
        assertThat(pipeline.awaitIdle(Duration.ofMinutes(2))).isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(pipeline.plan(cr.id()).tasks().get(0).status()).isEqualTo(TaskStatus.CANCELED);
        TaskRun run = pipeline.runs(taskId).get(0);
        assertThat(run.status()).isEqualTo(TaskRunStatus.CANCELED);
        assertThat(run.results())
                .extracting(StatementResult::outcome)
                .containsExactly(StatementOutcome.ROLLED_BACK, StatementOutcome.FAILED);
        assertThat(run.error())
                .hasValueSatisfying(
                        e -> assertThat(e).contains("canceled by dana").contains("no statement took effect"));
        assertThat(count("SELECT count(*) FROM pg_tables WHERE tablename = 'a'"))
                .isZero();
        assertThat(pipeline.history(ref))
                .singleElement()
                .satisfies(h -> assertThat(h.record().status()).isEqualTo(MigrationStatus.FAILED));
        assertThat(pipeline.auditLog(taskId))
                .extracting(AuditEntry::action)
                .contains("task.cancel-requested", "task.cancel");
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.openConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
