package io.dbchange.mysql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.approval.Roles;
import io.dbchange.api.change.ChangeOptions;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.Task;
import io.dbchange.api.change.TaskRun;
import io.dbchange.api.change.TaskRunStatus;
import io.dbchange.api.change.TaskState;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.change.WaitReason;
import io.dbchange.api.engine.StatementOutcome;
import io.dbchange.api.engine.StatementResult;
import io.dbchange.api.history.MigrationRecord;
import io.dbchange.api.history.MigrationStatus;
import io.dbchange.api.history.MigrationType;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.store.AuditEntry;
import io.dbchange.api.store.HistoryEntry;
import io.dbchange.api.store.Lease;
import io.dbchange.api.store.MetadataStore;
import io.dbchange.api.store.TaskEntry;
import io.dbchange.core.approval.InMemoryRoleResolver;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.core.store.InMemoryMetadataStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * MySQL execution semantics (each statement recorded as it completes, exact report of what took effect, resume from
 * statement N), interrupted runs, history rules and two nodes on one store, against real MariaDB databases.
 */
class PipelineExecutionIT {

    private static final Duration WAIT = Duration.ofMinutes(2);

    private final Estate estate = new Estate();
    private final InMemoryRoleResolver roles = new InMemoryRoleResolver().grant("dana", Roles.DBA);

    @AfterEach
    void dropDatabases() {
        estate.close();
    }

    private static ChangeRequest submit(Pipeline p, String sql, List<DatabaseRef> targets, ChangeOptions options) {
        ChangeRequest cr = p.create(NewChangeRequest.of(
                        Estate.PROJECT, "change", ChangeType.SCHEMA, sql, TargetSelector.databases(targets), "alice")
                .withOptions(options));
        return p.submit(cr.id(), "alice");
    }

    private static Task only(Pipeline p, String requestId) {
        return p.plan(requestId).tasks().get(0);
    }

    @Test
    void mySqlRecordsEveryStatementAsItCompletes() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        try (Pipeline p = estate.pipeline().environments("test").build()) {
            ChangeRequest cr = submit(
                    p,
                    "CREATE TABLE a (id INT);\nDO SLEEP(2);\nCREATE TABLE b (id INT);",
                    List.of(db),
                    ChangeOptions.DEFAULTS);
            p.start();
            String taskId = only(p, cr.id()).id();
            // while the second statement sleeps, the first one's result is already in the store
            List<StatementResult> seenWhileRunning = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seenWhileRunning == null && System.nanoTime() < deadline) {
                for (TaskRun run : p.runs(taskId)) {
                    if (run.status() == TaskRunStatus.RUNNING && !run.results().isEmpty()) {
                        seenWhileRunning = run.results();
                    }
                }
                Thread.sleep(20);
            }
            assertThat(seenWhileRunning).isNotNull();
            assertThat(seenWhileRunning.get(0).outcome()).isEqualTo(StatementOutcome.SUCCEEDED);
            assertThat(seenWhileRunning.get(0).statement().sql()).startsWith("CREATE TABLE a");
            assertThat(p.awaitIdle(WAIT)).isTrue();
            assertThat(p.runs(taskId).get(0).results()).hasSize(3);
        }
    }

    @Test
    void aPartialFailureReportsWhichStatementsTookEffectAndResumesFromStatementN() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        try (Pipeline p =
                estate.pipeline().environments("test").roleResolver(roles).build()) {
            ChangeRequest cr = submit(
                    p,
                    "CREATE TABLE a (id INT);\nINSERT INTO b VALUES (1);\nCREATE TABLE c (id INT);",
                    List.of(db),
                    ChangeOptions.DEFAULTS.withVersion("7"));
            assertThat(p.awaitIdle(WAIT)).isTrue();
            Task task = only(p, cr.id());
            assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
            TaskRun first = p.runs(task.id()).get(0);
            assertThat(first.status()).isEqualTo(TaskRunStatus.FAILED);
            assertThat(first.results())
                    .extracting(StatementResult::outcome)
                    .containsExactly(StatementOutcome.SUCCEEDED, StatementOutcome.FAILED, StatementOutcome.NOT_RUN);
            assertThat(first.error())
                    .hasValueSatisfying(
                            e -> assertThat(e).contains("statement #2").contains("statements [1] took effect"));
            assertThat(estate.tableExists(db, "a")).isTrue();
            assertThat(p.history(db))
                    .singleElement()
                    .satisfies(h -> assertThat(h.record().status()).isEqualTo(MigrationStatus.FAILED));

            // a person fixes the cause and resumes from statement 2: statement 1 (CREATE TABLE a) must not run again
            estate.execute(db, "CREATE TABLE b (id INT)");
            p.resume(task.id(), "dana", 2);
            assertThat(p.awaitIdle(WAIT)).isTrue();

            assertThat(only(p, cr.id()).status()).isEqualTo(TaskStatus.DONE);
            TaskRun second = p.runs(task.id()).get(1);
            assertThat(second.attempt()).isEqualTo(2);
            assertThat(second.results())
                    .extracting(r -> r.statement().index() + 1)
                    .containsExactly(2, 3);
            assertThat(estate.count(db, "SELECT COUNT(*) FROM b")).isEqualTo(1);
            assertThat(estate.tableExists(db, "c")).isTrue();
            assertThat(p.history(db))
                    .extracting(h -> h.record().version(), h -> h.record().status())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("7", MigrationStatus.FAILED),
                            org.assertj.core.groups.Tuple.tuple("7", MigrationStatus.DONE));
            assertThat(p.auditLog(task.id()))
                    .anySatisfy(a -> assertThat(a.details()).containsEntry("fromStatement", "2"));
        }
    }

    /** Leaves what a node that died mid-task leaves: RUNNING with a lease, a RUNNING run, a PENDING record. */
    private static TaskEntry dieWhileRunning(MetadataStore store, Task task, Instant leaseUntil) {
        TaskEntry entry = store.task(task.id()).orElseThrow();
        TaskEntry waiting = entry.status() == TaskStatus.WAITING
                ? entry
                : store.compareAndSetTask(entry, entry.withState(TaskState.waiting(WaitReason.QUEUED, "ready")))
                        .orElseThrow();
        TaskEntry running = store.compareAndSetTask(waiting, waiting.running(new Lease("node-dead", leaseUntil)))
                .orElseThrow();
        store.insertRun(TaskRun.started(store.newId(), task.id(), 1, Instant.now(), "node-dead"));
        store.tryLock(task.database(), new Lease("node-dead:" + task.id(), leaseUntil), Instant.now());
        store.beginMigration(
                new MigrationRecord(
                        task.database(),
                        "9",
                        MigrationType.SCHEMA,
                        "change",
                        task.statement(),
                        "sha256:x",
                        Optional.empty(),
                        Optional.empty(),
                        MigrationStatus.PENDING,
                        Instant.now(),
                        Optional.empty(),
                        Duration.ZERO,
                        0,
                        "alice",
                        Optional.of(running.requestId()),
                        Optional.of(task.id())),
                false);
        return running;
    }

    @Test
    void aRunningTaskWhoseLeaseExpiredBecomesInterruptedAndIsNeverRunAgainOnItsOwn() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        MetadataStore store = new InMemoryMetadataStore();
        List<PipelineEvent> events = new CopyOnWriteArrayList<>();
        try (Pipeline p = estate.pipeline()
                .environments("test")
                .store(store)
                .roleResolver(roles)
                .listener(events::add)
                .build()) {
            ChangeRequest cr =
                    submit(p, "CREATE TABLE t (id INT)", List.of(db), ChangeOptions.DEFAULTS.withVersion("9"));
            Task task = only(p, cr.id());
            dieWhileRunning(store, task, Instant.now().plusMillis(300));

            // the lease still runs: nothing happens
            p.runOnce();
            assertThat(only(p, cr.id()).status()).isEqualTo(TaskStatus.RUNNING);
            Thread.sleep(400);
            assertThat(p.awaitIdle(WAIT)).isTrue();

            assertThat(only(p, cr.id()).status()).isEqualTo(TaskStatus.INTERRUPTED);
            assertThat(p.runs(task.id())).singleElement().satisfies(run -> {
                assertThat(run.status()).isEqualTo(TaskRunStatus.INTERRUPTED);
                assertThat(run.error()).hasValueSatisfying(e -> assertThat(e).contains("node-dead"));
            });
            assertThat(p.auditLog(task.id()))
                    .extracting(AuditEntry::action, AuditEntry::principal)
                    .contains(org.assertj.core.groups.Tuple.tuple("task.interrupted", "system"));
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(PipelineEvent.TaskInterrupted.class));
            assertThat(p.history(db))
                    .singleElement()
                    .satisfies(h -> assertThat(h.record().status()).isEqualTo(MigrationStatus.PENDING));

            // more passes later: still waiting for a person, the statement never ran
            Thread.sleep(200);
            assertThat(p.awaitIdle(WAIT)).isTrue();
            assertThat(only(p, cr.id()).status()).isEqualTo(TaskStatus.INTERRUPTED);
            assertThat(estate.tableExists(db, "t")).isFalse();

            // the person checked the database (say the node had created t before dying) and marks it done
            estate.execute(db, "CREATE TABLE t (id INT)");
            p.markDone(task.id(), "dana", "t exists with the expected columns");
            assertThat(only(p, cr.id()).status()).isEqualTo(TaskStatus.DONE);
            assertThat(p.history(db)).singleElement().satisfies(h -> {
                assertThat(h.record().status()).isEqualTo(MigrationStatus.DONE);
                assertThat(h.record().principal()).isEqualTo("dana");
            });
            assertThat(p.request(cr.id()).orElseThrow().status()).isEqualTo(ChangeRequestStatus.DONE);
        }
    }

    @Test
    void anInterruptedTaskRunsAgainOnlyWhenAPersonRetriesIt() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        MetadataStore store = new InMemoryMetadataStore();
        try (Pipeline p = estate.pipeline()
                .environments("test")
                .store(store)
                .roleResolver(roles)
                .build()) {
            ChangeRequest cr =
                    submit(p, "CREATE TABLE t (id INT)", List.of(db), ChangeOptions.DEFAULTS.withVersion("9"));
            Task task = only(p, cr.id());
            dieWhileRunning(store, task, Instant.now().minusMillis(1));
            assertThat(p.awaitIdle(WAIT)).isTrue();
            assertThat(only(p, cr.id()).status()).isEqualTo(TaskStatus.INTERRUPTED);

            p.retry(task.id(), "dana");
            assertThat(p.awaitIdle(WAIT)).isTrue();
            assertThat(only(p, cr.id()).status()).isEqualTo(TaskStatus.DONE);
            assertThat(estate.tableExists(db, "t")).isTrue();
            assertThat(p.runs(task.id()))
                    .extracting(TaskRun::attempt, TaskRun::status)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1, TaskRunStatus.INTERRUPTED),
                            org.assertj.core.groups.Tuple.tuple(2, TaskRunStatus.DONE));
            // the crash stays visible in history next to the successful retry
            assertThat(p.history(db))
                    .extracting(h -> h.record().status())
                    .containsExactly(MigrationStatus.PENDING, MigrationStatus.DONE);
        }
    }

    @Test
    void aVersionAlreadyDoneIsNotAppliedAgain() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        try (Pipeline p = estate.pipeline().environments("test").build()) {
            submit(p, "CREATE TABLE t (id INT)", List.of(db), ChangeOptions.DEFAULTS.withVersion("1"));
            assertThat(p.awaitIdle(WAIT)).isTrue();
            ChangeRequest again =
                    submit(p, "INSERT INTO t VALUES (1)", List.of(db), ChangeOptions.DEFAULTS.withVersion("1"));
            assertThat(p.awaitIdle(WAIT)).isTrue();

            Task skipped = only(p, again.id());
            assertThat(skipped.state())
                    .isInstanceOfSatisfying(
                            TaskState.Skipped.class, s -> assertThat(s.reason()).contains("version 1 is already DONE"));
            assertThat(estate.count(db, "SELECT COUNT(*) FROM t")).isZero();
            assertThat(p.runs(skipped.id())).isEmpty();
            assertThat(p.history(db)).hasSize(1);
        }
    }

    @Test
    void aFailedVersionRunsAgainOnlyOnAnExplicitRetry() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        try (Pipeline p =
                estate.pipeline().environments("test").roleResolver(roles).build()) {
            submit(p, "INSERT INTO missing VALUES (1)", List.of(db), ChangeOptions.DEFAULTS.withVersion("2"));
            assertThat(p.awaitIdle(WAIT)).isTrue();
            ChangeRequest second =
                    submit(p, "CREATE TABLE x (id INT)", List.of(db), ChangeOptions.DEFAULTS.withVersion("2"));
            assertThat(p.awaitIdle(WAIT)).isTrue();

            Task task = only(p, second.id());
            assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(p.runs(task.id()).get(0).error())
                    .hasValueSatisfying(e -> assertThat(e).contains("MIGRATION_FAILED_BEFORE"));
            assertThat(estate.tableExists(db, "x")).isFalse();

            p.retry(task.id(), "dana");
            assertThat(p.awaitIdle(WAIT)).isTrue();
            assertThat(only(p, second.id()).status()).isEqualTo(TaskStatus.DONE);
            assertThat(estate.tableExists(db, "x")).isTrue();
        }
    }

    @Test
    void withoutAGivenVersionHistoryUsesASortableTimestamp() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        try (Pipeline p = estate.pipeline().environments("test").build()) {
            submit(p, "CREATE TABLE t1 (id INT)", List.of(db), ChangeOptions.DEFAULTS);
            Thread.sleep(5);
            submit(p, "CREATE TABLE t2 (id INT)", List.of(db), ChangeOptions.DEFAULTS);
            assertThat(p.awaitIdle(WAIT)).isTrue();
            List<String> versions =
                    p.history(db).stream().map(h -> h.record().version()).toList();
            assertThat(versions).hasSize(2).allSatisfy(v -> assertThat(v).matches("\\d{17}\\.[0-9A-Za-z_-]+"));
            assertThat(MigrationRecord.VERSION_ORDER.compare(versions.get(0), versions.get(1)))
                    .isNegative();
        }
    }

    @Test
    void twoNodesOnOneStoreRunEveryTaskExactlyOnce() throws Exception {
        List<DatabaseRef> dbs = estate.instance("mysql-test", "test", 8);
        for (DatabaseRef db : dbs) {
            estate.execute(db, "CREATE TABLE marker (request VARCHAR(32))");
        }
        MetadataStore store = new InMemoryMetadataStore();
        List<String> requests = new ArrayList<>();
        try (Pipeline a = estate.pipeline()
                        .environments("test")
                        .store(store)
                        .nodeId("node-a")
                        .maxConcurrentTasks(3)
                        .build();
                Pipeline b = estate.pipeline()
                        .environments("test")
                        .store(store)
                        .nodeId("node-b")
                        .maxConcurrentTasks(3)
                        .build()) {
            a.start();
            b.start();
            for (int i = 0; i < 6; i++) {
                ChangeRequest cr = a.create(NewChangeRequest.of(
                        Estate.PROJECT,
                        "marker " + i,
                        ChangeType.DATA,
                        "INSERT INTO marker VALUES ('r" + i + "');\nDO SLEEP(0.05);",
                        TargetSelector.databases(dbs),
                        "alice"));
                requests.add(cr.id());
                (i % 2 == 0 ? a : b).submit(cr.id(), "alice");
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline
                    && !requests.stream()
                            .allMatch(r -> a.request(r).orElseThrow().status() == ChangeRequestStatus.DONE)) {
                Thread.sleep(50);
            }
            for (String r : requests) {
                assertThat(a.request(r).orElseThrow().status()).isEqualTo(ChangeRequestStatus.DONE);
                for (Task t : a.plan(r).tasks()) {
                    assertThat(a.runs(t.id())).hasSize(1);
                }
            }
            List<String> owners = requests.stream()
                    .flatMap(r -> a.plan(r).tasks().stream())
                    .map(t -> a.runs(t.id()).get(0).owner().split(":")[0])
                    .distinct()
                    .toList();
            assertThat(owners).containsExactlyInAnyOrder("node-a", "node-b");
        }
        for (DatabaseRef db : dbs) {
            assertThat(estate.count(db, "SELECT COUNT(*) FROM marker")).isEqualTo(6);
            assertThat(estate.count(db, "SELECT COUNT(DISTINCT request) FROM marker"))
                    .isEqualTo(6);
        }
        for (DatabaseRef db : dbs) {
            assertThat(store.history(db))
                    .extracting(HistoryEntry::record)
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo(MigrationStatus.DONE));
        }
    }
}
