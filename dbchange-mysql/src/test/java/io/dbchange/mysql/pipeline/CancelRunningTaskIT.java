package io.dbchange.mysql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.approval.Roles;
import io.dbchange.api.change.ChangeOptions;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.TaskRun;
import io.dbchange.api.change.TaskRunStatus;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.engine.StatementOutcome;
import io.dbchange.api.engine.StatementResult;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.store.AuditEntry;
import io.dbchange.api.store.MetadataStore;
import io.dbchange.core.approval.InMemoryRoleResolver;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.core.store.InMemoryMetadataStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Canceling a RUNNING task on MariaDB: the statement in flight ({@code SELECT SLEEP(30)}) is killed on the server
 * ({@code KILL QUERY}), no further statement starts, and the task ends CANCELED with the statements that took effect
 * in its run; from the node that runs it, and from another node through the store.
 */
class CancelRunningTaskIT {

    private static final Duration WAIT = Duration.ofMinutes(2);
    // SLEEP alone returns 1 when killed; reading a table it fails with "Query execution was interrupted"
    private static final String SCRIPT =
            "CREATE TABLE a (id INT);\nINSERT INTO a VALUES (1);\nSELECT SLEEP(30) FROM a;\nCREATE TABLE b (id INT);";

    private final Estate estate = new Estate();
    private final InMemoryRoleResolver roles =
            new InMemoryRoleResolver().grant("dana", Roles.DBA).grant("eve", "DEVELOPER");

    @AfterEach
    void dropDatabases() {
        estate.close();
    }

    @Test
    void aRunningStatementIsKilledAndTheTaskEndsCanceledWithWhatTookEffect() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        try (Pipeline p =
                estate.pipeline().environments("test").roleResolver(roles).build()) {
            Started s = startAndWaitForTheSleep(p, db);
            String taskId = s.taskId();
            long start = System.nanoTime();

            assertThatThrownBy(() -> p.cancelTask(taskId, "eve", "wrong tenant"))
                    .isInstanceOfSatisfying(
                            DbChangeException.class,
                            e -> assertThat(e.code()).isEqualTo(PipelineErrorCode.PERMISSION_DENIED));
            p.cancelTask(taskId, "dana", "locks the table in business hours");
            assertThat(p.awaitIdle(WAIT)).isTrue();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertCanceled(p, db, s, "dana");
        }
    }

    @Test
    void aCancelAskedOnAnotherNodeReachesTheRunnerThroughTheStore() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        MetadataStore store = new InMemoryMetadataStore();
        try (Pipeline runner = estate.pipeline()
                        .environments("test")
                        .roleResolver(roles)
                        .store(store)
                        .nodeId("node-a")
                        .leaseDuration(Duration.ofSeconds(3))
                        .build();
                Pipeline other = estate.pipeline()
                        .environments("test")
                        .roleResolver(roles)
                        .store(store)
                        .nodeId("node-b")
                        .leaseDuration(Duration.ofSeconds(3))
                        .build()) {
            Started s = startAndWaitForTheSleep(runner, db);
            long start = System.nanoTime();

            other.cancelTask(s.taskId(), "dana", "asked on node b");
            assertThat(runner.awaitIdle(WAIT)).isTrue();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertCanceled(runner, db, s, "dana");
        }
    }

    private record Started(String requestId, String taskId) {}

    /** Submits the script, starts the scheduler and returns once the third statement (the sleep) is running. */
    private static Started startAndWaitForTheSleep(Pipeline p, DatabaseRef db) throws Exception {
        ChangeRequest cr = p.create(NewChangeRequest.of(
                        Estate.PROJECT,
                        "slow",
                        ChangeType.SCHEMA,
                        SCRIPT,
                        TargetSelector.databases(List.of(db)),
                        "alice")
                .withOptions(ChangeOptions.DEFAULTS));
        p.submit(cr.id(), "alice");
        p.start();
        String taskId = p.plan(cr.id()).tasks().get(0).id();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<TaskRun> runs = p.runs(taskId);
            if (!runs.isEmpty() && runs.get(0).results().size() == 2) {
                Thread.sleep(300); // the sleep has started on the server
                return new Started(cr.id(), taskId);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the first statement did not complete within 30 s");
    }

    private void assertCanceled(Pipeline p, DatabaseRef db, Started s, String principal) throws Exception {
        String taskId = s.taskId();
        assertThat(p.plan(s.requestId()).tasks().get(0).status()).isEqualTo(TaskStatus.CANCELED);
        TaskRun run = p.runs(taskId).get(0);
        assertThat(run.status()).isEqualTo(TaskRunStatus.CANCELED);
        assertThat(run.results())
                .extracting(StatementResult::outcome)
                .containsExactly(
                        StatementOutcome.SUCCEEDED,
                        StatementOutcome.SUCCEEDED,
                        StatementOutcome.FAILED,
                        StatementOutcome.NOT_RUN);
        assertThat(run.error())
                .hasValueSatisfying(e ->
                        assertThat(e).contains("canceled by " + principal).contains("statements [1, 2] took effect"));
        assertThat(estate.tableExists(db, "a")).isTrue();
        assertThat(estate.tableExists(db, "b")).isFalse();
        assertThat(p.auditLog(taskId)).extracting(AuditEntry::action).contains("task.cancel-requested", "task.cancel");
    }
}
