package io.dbchange.mysql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.approval.Roles;
import io.dbchange.api.change.ChangeOptions;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.Task;
import io.dbchange.api.change.TaskState;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.change.WaitReason;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.pipeline.TaskCheck;
import io.dbchange.api.pipeline.TaskContext;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Environment;
import io.dbchange.api.project.RolloutPolicy;
import io.dbchange.api.store.AuditEntry;
import io.dbchange.core.approval.InMemoryRoleResolver;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each execution rule of the rollout, proven on its own against real MariaDB databases (issue 5, "Execution rules").
 */
class PipelineRulesIT {

    private static final Duration WAIT = Duration.ofMinutes(2);

    private final Estate estate = new Estate();
    private final InMemoryRoleResolver roles =
            new InMemoryRoleResolver().grant("dana", Roles.DBA).grant(Estate.PROJECT, "rob", Roles.PROJECT_RELEASER);

    @AfterEach
    void dropDatabases() {
        estate.close();
    }

    private static Environment auto(String id, int order) {
        return new Environment(id, id, order, RolloutPolicy.AUTOMATIC);
    }

    private static ChangeRequest submit(Pipeline p, String sql, TargetSelector targets) {
        return submit(p, sql, targets, ChangeOptions.DEFAULTS);
    }

    private static ChangeRequest submit(Pipeline p, String sql, TargetSelector targets, ChangeOptions options) {
        ChangeRequest cr =
                p.create(NewChangeRequest.of(Estate.PROJECT, "change", ChangeType.SCHEMA, sql, targets, "alice")
                        .withOptions(options));
        return p.submit(cr.id(), "alice");
    }

    private static Task task(Pipeline p, String requestId, DatabaseRef db) {
        return p.plan(requestId).tasks().stream()
                .filter(t -> t.database().equals(db))
                .findFirst()
                .orElseThrow();
    }

    private static WaitReason reason(Task t) {
        assertThat(t.state()).isInstanceOf(TaskState.Waiting.class);
        return ((TaskState.Waiting) t.state()).reason();
    }

    // ---- stage order ---------------------------------------------------------------------------------------

    @Test
    void aFailedTaskHoldsTheNextStageUntilItIsSkippedWithAReason() throws Exception {
        DatabaseRef test = estate.instance("mysql-test", "test", 1).get(0);
        DatabaseRef prod = estate.instance("mysql-prod", "prod", 1).get(0);
        estate.execute(prod, "CREATE TABLE t (id INT)");
        try (Pipeline p = estate.pipeline()
                .environment(auto("test", 0))
                .environment(auto("prod", 1))
                .roleResolver(roles)
                .build()) {
            // t exists on prod only: the test task fails
            ChangeRequest cr = submit(p, "INSERT INTO t VALUES (1)", TargetSelector.databases(test, prod));
            assertThat(p.awaitIdle(WAIT)).isTrue();

            assertThat(task(p, cr.id(), test).status()).isEqualTo(TaskStatus.FAILED);
            assertThat(reason(task(p, cr.id(), prod))).isEqualTo(WaitReason.PREVIOUS_STAGE);
            assertThat(estate.count(prod, "SELECT COUNT(*) FROM t")).isZero();

            p.skip(task(p, cr.id(), test).id(), "dana", "table not needed on test");
            assertThat(p.awaitIdle(WAIT)).isTrue();

            assertThat(task(p, cr.id(), test).state()).isInstanceOf(TaskState.Skipped.class);
            assertThat(task(p, cr.id(), prod).status()).isEqualTo(TaskStatus.DONE);
            assertThat(estate.count(prod, "SELECT COUNT(*) FROM t")).isEqualTo(1);
            assertThat(p.request(cr.id()).orElseThrow().status()).isEqualTo(ChangeRequestStatus.DONE);
        }
    }

    @Test
    void aRetriedTaskThatSucceedsReleasesTheNextStage() throws Exception {
        DatabaseRef test = estate.instance("mysql-test", "test", 1).get(0);
        DatabaseRef prod = estate.instance("mysql-prod", "prod", 1).get(0);
        estate.execute(prod, "CREATE TABLE t (id INT)");
        try (Pipeline p = estate.pipeline()
                .environment(auto("test", 0))
                .environment(auto("prod", 1))
                .roleResolver(roles)
                .build()) {
            ChangeRequest cr = submit(p, "INSERT INTO t VALUES (1)", TargetSelector.databases(test, prod));
            assertThat(p.awaitIdle(WAIT)).isTrue();
            Task failed = task(p, cr.id(), test);
            assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);

            estate.execute(test, "CREATE TABLE t (id INT)");
            p.retry(failed.id(), "rob");
            assertThat(p.awaitIdle(WAIT)).isTrue();

            assertThat(task(p, cr.id(), test).status()).isEqualTo(TaskStatus.DONE);
            assertThat(p.runs(failed.id())).extracting(r -> r.attempt()).containsExactly(1, 2);
            assertThat(task(p, cr.id(), prod).status()).isEqualTo(TaskStatus.DONE);
        }
    }

    @Test
    void withRelaxedStageOrderAFailedTaskDoesNotHoldTheNextStage() throws Exception {
        DatabaseRef test = estate.instance("mysql-test", "test", 1).get(0);
        DatabaseRef prod = estate.instance("mysql-prod", "prod", 1).get(0);
        estate.execute(prod, "CREATE TABLE t (id INT)");
        try (Pipeline p = estate.pipeline()
                .environment(auto("test", 0))
                .environment(auto("prod", 1))
                .relaxedStageOrder(Estate.PROJECT)
                .build()) {
            ChangeRequest cr = submit(p, "INSERT INTO t VALUES (1)", TargetSelector.databases(test, prod));
            assertThat(p.awaitIdle(WAIT)).isTrue();

            assertThat(task(p, cr.id(), test).status()).isEqualTo(TaskStatus.FAILED);
            assertThat(task(p, cr.id(), prod).status()).isEqualTo(TaskStatus.DONE);
            // not DONE: a FAILED task is not an end
            assertThat(p.request(cr.id()).orElseThrow().status()).isEqualTo(ChangeRequestStatus.ROLLING_OUT);
        }
    }

    // ---- same database, different databases ---------------------------------------------------------------

    @Test
    void tasksOnOneDatabaseRunOneAtATimeInOrderAndAFailureDoesNotBlockTheNext() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        estate.execute(db, "CREATE TABLE log (label VARCHAR(10), at TIMESTAMP(6))");
        try (Pipeline p =
                estate.pipeline().environments("test").maxConcurrentTasks(8).build()) {
            List<String> ids = new ArrayList<>();
            for (String label : List.of("a", "b", "c")) {
                String sql = "INSERT INTO log VALUES ('" + label + "-start', NOW(6));\nDO SLEEP(0.3);\n"
                        + ("b".equals(label) ? "INSERT INTO missing VALUES (1);\n" : "")
                        + "INSERT INTO log VALUES ('" + label + "-end', NOW(6));";
                ids.add(submit(p, sql, TargetSelector.databases(db)).id());
            }
            assertThat(p.awaitIdle(WAIT)).isTrue();

            assertThat(p.plan(ids.get(0)).tasks().get(0).status()).isEqualTo(TaskStatus.DONE);
            assertThat(p.plan(ids.get(1)).tasks().get(0).status()).isEqualTo(TaskStatus.FAILED);
            assertThat(p.plan(ids.get(2)).tasks().get(0).status()).isEqualTo(TaskStatus.DONE);
            List<String> labels = new ArrayList<>();
            try (Connection c = estate.test(db).openConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT label FROM log ORDER BY at, label")) {
                while (rs.next()) {
                    labels.add(rs.getString(1));
                }
            }
            // one at a time, in request order; b failed after its start row (MySQL commits each statement)
            assertThat(labels).containsExactly("a-start", "a-end", "b-start", "c-start", "c-end");
        }
    }

    @Test
    void differentDatabasesRunConcurrentlyBoundedByTheGlobalLimit() throws Exception {
        List<DatabaseRef> dbs = estate.instance("mysql-test", "test", 6);
        TestDatabase monitor = monitor();
        try (Pipeline p =
                estate.pipeline().environments("test").maxConcurrentTasks(2).build()) {
            submit(p, intervalScript(monitor), TargetSelector.databases(dbs));
            assertThat(p.awaitIdle(WAIT)).isTrue();
        }
        List<Instant[]> intervals = intervals(monitor, null);
        assertThat(intervals).hasSize(6);
        assertThat(maxOverlap(intervals)).isEqualTo(2);
    }

    @Test
    void thePerInstanceLimitBoundsTasksOnOneInstance() throws Exception {
        List<DatabaseRef> a = estate.instance("mysql-a", "test", 3);
        List<DatabaseRef> b = estate.instance("mysql-b", "test", 3);
        TestDatabase monitor = monitor();
        try (Pipeline p = estate.pipeline()
                .environments("test")
                .maxConcurrentTasks(8)
                .maxConcurrentTasksPerInstance(1)
                .build()) {
            List<DatabaseRef> all = new ArrayList<>(a);
            all.addAll(b);
            submit(p, intervalScript(monitor), TargetSelector.databases(all));
            assertThat(p.awaitIdle(WAIT)).isTrue();
        }
        Set<String> aNames = a.stream().map(DatabaseRef::name).collect(Collectors.toSet());
        Set<String> bNames = b.stream().map(DatabaseRef::name).collect(Collectors.toSet());
        assertThat(maxOverlap(intervals(monitor, aNames))).isEqualTo(1);
        assertThat(maxOverlap(intervals(monitor, bNames))).isEqualTo(1);
        // the two instances did run side by side
        assertThat(maxOverlap(intervals(monitor, null))).isEqualTo(2);
    }

    /**
     * A node collects only a few ready tasks per pass: tasks of an instance at its limit must not hide, pass after
     * pass, the ready task of another instance listed after them. Here the other instance's tasks are slow: while its
     * first runs, the fast ones of the first instance pass by; once it ends, its second starts at the next pass.
     */
    @Test
    void tasksOfAnInstanceAtItsLimitDoNotHoldBackAnotherInstancesTaskListedAfterThem() throws Exception {
        List<DatabaseRef> a = estate.instance("mysql-many", "test", 60);
        List<DatabaseRef> b = estate.instance("mysql-slow", "test", 2);
        TestDatabase monitor = monitor();
        String slow = b.stream().map(d -> "'" + d.name() + "'").collect(Collectors.joining(", "));
        try (Pipeline p = estate.pipeline()
                .environments("test")
                .maxConcurrentTasks(8)
                .maxConcurrentTasksPerInstance(1)
                .build()) {
            List<DatabaseRef> all = new ArrayList<>(a);
            all.addAll(b);
            String table = "`" + monitor.name() + "`.runs";
            submit(
                    p,
                    "SET @started = NOW(6);\nDO SLEEP(IF(DATABASE() IN (" + slow + "), 0.6, 0.02));\nINSERT INTO "
                            + table + " VALUES (DATABASE(), @started, NOW(6));",
                    TargetSelector.databases(all));
            assertThat(p.awaitIdle(WAIT)).isTrue();
        }
        List<Instant[]> ofB =
                intervals(monitor, b.stream().map(DatabaseRef::name).collect(Collectors.toSet()));
        ofB.sort(java.util.Comparator.comparing(i -> i[0]));
        List<Instant[]> ofA =
                intervals(monitor, a.stream().map(DatabaseRef::name).collect(Collectors.toSet()));
        assertThat(ofA).hasSize(60);
        assertThat(ofB).hasSize(2);
        long aBetween = ofA.stream()
                .filter(i -> i[0].isAfter(ofB.get(0)[1]) && i[0].isBefore(ofB.get(1)[0]))
                .count();
        assertThat(aBetween)
                .as("tasks of mysql-many that started after mysql-slow's first task ended and before its second began")
                .isLessThan(5);
    }

    /** A database whose table {@code runs} the tasks' scripts write their start and end into. */
    private TestDatabase monitor() throws Exception {
        TestDatabase monitor = TestServers.mysql().createDatabase();
        estate.created.add(monitor);
        exec(monitor, "CREATE TABLE runs (db VARCHAR(64), started TIMESTAMP(6), ended TIMESTAMP(6))");
        return monitor;
    }

    private static String intervalScript(TestDatabase monitor) {
        String table = "`" + monitor.name() + "`.runs";
        return "SET @started = NOW(6);\nDO SLEEP(0.4);\nINSERT INTO " + table
                + " VALUES (DATABASE(), @started, NOW(6));";
    }

    private static void exec(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.openConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<Instant[]> intervals(TestDatabase monitor, Set<String> only) throws Exception {
        List<Instant[]> list = new ArrayList<>();
        try (Connection c = monitor.openConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT db, started, ended FROM runs")) {
            while (rs.next()) {
                if (only == null || only.contains(rs.getString(1))) {
                    Timestamp st = rs.getTimestamp(2);
                    Timestamp en = rs.getTimestamp(3);
                    list.add(new Instant[] {st.toInstant(), en.toInstant()});
                }
            }
        }
        return list;
    }

    /** The largest number of intervals open at one instant. */
    private static int maxOverlap(List<Instant[]> intervals) {
        int max = 0;
        for (Instant[] i : intervals) {
            Instant at = i[0];
            int open = (int) intervals.stream()
                    .filter(j -> !j[0].isAfter(at) && j[1].isAfter(at))
                    .count();
            max = Math.max(max, open);
        }
        return max;
    }

    // ---- rollout policies and time -------------------------------------------------------------------------

    @Test
    void byDefaultTheFirstEnvironmentRollsOutAutomaticallyAndLaterOnesWaitForAPersonWithTheRole() throws Exception {
        DatabaseRef test = estate.instance("mysql-test", "test", 1).get(0);
        DatabaseRef prod = estate.instance("mysql-prod", "prod", 1).get(0);
        try (Pipeline p = estate.pipeline()
                .environments("test", "prod")
                .roleResolver(roles)
                .build()) {
            ChangeRequest cr = submit(p, "CREATE TABLE t (id INT)", TargetSelector.databases(test, prod));
            assertThat(p.awaitIdle(WAIT)).isTrue();

            assertThat(task(p, cr.id(), test).status()).isEqualTo(TaskStatus.DONE);
            assertThat(reason(task(p, cr.id(), prod))).isEqualTo(WaitReason.MANUAL_ROLLOUT);
            assertThat(estate.tableExists(prod, "t")).isFalse();

            assertThatThrownBy(() -> p.startStage(cr.id(), "prod", "alice"))
                    .isInstanceOfSatisfying(
                            DbChangeException.class,
                            e -> assertThat(e.code()).isEqualTo(PipelineErrorCode.PERMISSION_DENIED))
                    .hasMessageContaining("alice")
                    .hasMessageContaining(Roles.PROJECT_RELEASER);
            assertThat(p.awaitIdle(WAIT)).isTrue();
            assertThat(estate.tableExists(prod, "t")).isFalse();

            p.startStage(cr.id(), "prod", "rob");
            assertThat(p.awaitIdle(WAIT)).isTrue();
            assertThat(task(p, cr.id(), prod).status()).isEqualTo(TaskStatus.DONE);
            assertThat(estate.tableExists(prod, "t")).isTrue();
            assertThat(p.auditLog(cr.id()))
                    .anySatisfy(
                            a -> assertThat(a.action() + " " + a.principal()).isEqualTo("stage.rollout rob"));
            // the history names who started the stage
            assertThat(p.history(prod).get(0).record().principal()).isEqualTo("rob");
        }
    }

    @Test
    void noTaskStartsBeforeTheScheduledRolloutTime() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        Estate.MovableClock clock = new Estate.MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (Pipeline p = estate.pipeline().environments("test").clock(clock).build()) {
            ChangeRequest cr = submit(
                    p,
                    "CREATE TABLE t (id INT)",
                    TargetSelector.databases(db),
                    ChangeOptions.DEFAULTS.withRolloutAt(Instant.parse("2026-03-01T22:00:00Z")));
            assertThat(p.awaitIdle(WAIT)).isTrue();
            Task waiting = task(p, cr.id(), db);
            assertThat(reason(waiting)).isEqualTo(WaitReason.ROLLOUT_TIME);
            assertThat(((TaskState.Waiting) waiting.state()).detail()).contains("2026-03-01T22:00:00Z");
            assertThat(estate.tableExists(db, "t")).isFalse();

            clock.advance(Duration.ofHours(12));
            assertThat(p.awaitIdle(WAIT)).isTrue();
            assertThat(task(p, cr.id(), db).status()).isEqualTo(TaskStatus.DONE);
            assertThat(estate.tableExists(db, "t")).isTrue();
        }
    }

    // ---- checks --------------------------------------------------------------------------------------------

    /** A check that finds an ERROR in every script that drops something. */
    static final class NoDrop implements TaskCheck {
        @Override
        public String id() {
            return "no-drop";
        }

        @Override
        public List<CheckResult> check(TaskContext context) {
            boolean drops = context.statements().stream()
                    .anyMatch(s -> s.sql().toUpperCase(java.util.Locale.ROOT).startsWith("DROP"));
            return drops
                    ? List.of(CheckResult.error(
                            id(),
                            "DROP",
                            "the script drops an object in "
                                    + context.database().ref()))
                    : List.of(CheckResult.success(id(), "no drop"));
        }
    }

    @Test
    void anErrorCheckBlocksTheTaskUntilAPermittedRoleOverridesItWithAReason() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        estate.execute(db, "CREATE TABLE t (id INT)");
        try (Pipeline p = estate.pipeline()
                .environments("test")
                .roleResolver(roles)
                .check(new NoDrop())
                .build()) {
            ChangeRequest cr = submit(p, "DROP TABLE t", TargetSelector.databases(db));
            assertThat(p.awaitIdle(WAIT)).isTrue();
            Task blocked = task(p, cr.id(), db);
            assertThat(reason(blocked)).isEqualTo(WaitReason.CHECKS);
            assertThat(p.checkResults(blocked.id()))
                    .extracting(CheckResult::checkId, r -> r.level().name())
                    .contains(
                            org.assertj.core.groups.Tuple.tuple("connection", "SUCCESS"),
                            org.assertj.core.groups.Tuple.tuple("no-drop", "ERROR"));
            assertThat(estate.tableExists(db, "t")).isTrue();

            assertThatThrownBy(() -> p.overrideChecks(blocked.id(), "alice", "trust me"))
                    .isInstanceOfSatisfying(
                            DbChangeException.class,
                            e -> assertThat(e.code()).isEqualTo(PipelineErrorCode.PERMISSION_DENIED));
            assertThat(p.awaitIdle(WAIT)).isTrue();
            assertThat(estate.tableExists(db, "t")).isTrue();

            p.overrideChecks(blocked.id(), "dana", "t was replaced by t2 last release");
            assertThat(p.awaitIdle(WAIT)).isTrue();
            assertThat(task(p, cr.id(), db).status()).isEqualTo(TaskStatus.DONE);
            assertThat(estate.tableExists(db, "t")).isFalse();
            assertThat(p.auditLog(blocked.id()))
                    .extracting(AuditEntry::action, AuditEntry::principal, AuditEntry::reason)
                    .contains(org.assertj.core.groups.Tuple.tuple(
                            "task.override-checks", "dana", "t was replaced by t2 last release"));
        }
    }

    @Test
    void theConnectionCheckBlocksATaskWhoseDatabaseCannotBeReached() throws Exception {
        DatabaseRef db = estate.unreachable("mysql-bad", "test");
        try (Pipeline p =
                estate.pipeline().environments("test").roleResolver(roles).build()) {
            ChangeRequest cr = submit(p, "CREATE TABLE t (id INT)", TargetSelector.databases(db));
            assertThat(p.awaitIdle(WAIT)).isTrue();
            Task blocked = task(p, cr.id(), db);
            assertThat(reason(blocked)).isEqualTo(WaitReason.CHECKS);
            assertThat(p.checkResults(blocked.id())).singleElement().satisfies(r -> {
                assertThat(r.checkId()).isEqualTo("connection");
                assertThat(r.blocks()).isTrue();
                assertThat(r.code()).isEqualTo("CONNECTION_FAILED");
                assertThat(r.message()).doesNotContain("wrong");
            });
            assertThat(p.runs(blocked.id())).isEmpty();
        }
    }

    // ---- people's actions ----------------------------------------------------------------------------------

    @Test
    void retrySkipAndCancelArePermissionCheckedAndAudited() throws Exception {
        List<DatabaseRef> dbs = estate.instance("mysql-test", "test", 3);
        try (Pipeline p =
                estate.pipeline().environments("test").roleResolver(roles).build()) {
            ChangeRequest cr = submit(p, "INSERT INTO missing VALUES (1)", TargetSelector.databases(dbs));
            assertThat(p.awaitIdle(WAIT)).isTrue();
            List<Task> failed = p.plan(cr.id()).tasks();
            assertThat(failed).extracting(Task::status).containsOnly(TaskStatus.FAILED);

            for (Runnable denied : List.<Runnable>of(
                    () -> p.retry(failed.get(0).id(), "alice"),
                    () -> p.skip(failed.get(1).id(), "alice", "no"),
                    () -> p.cancelTask(failed.get(2).id(), "mallory", "no"))) {
                assertThatThrownBy(denied::run)
                        .isInstanceOfSatisfying(
                                DbChangeException.class,
                                e -> assertThat(e.code()).isEqualTo(PipelineErrorCode.PERMISSION_DENIED));
            }
            assertThat(p.plan(cr.id()).tasks()).extracting(Task::status).containsOnly(TaskStatus.FAILED);

            estate.execute(dbs.get(0), "CREATE TABLE missing (id INT)");
            p.retry(failed.get(0).id(), "dana");
            p.skip(failed.get(1).id(), "rob", "tenant is being decommissioned");
            p.cancelTask(failed.get(2).id(), "dana", "duplicate of another request");
            assertThat(p.awaitIdle(WAIT)).isTrue();

            assertThat(p.plan(cr.id()).tasks())
                    .extracting(Task::status)
                    .containsExactly(TaskStatus.DONE, TaskStatus.SKIPPED, TaskStatus.CANCELED);
            assertThat(p.request(cr.id()).orElseThrow().status()).isEqualTo(ChangeRequestStatus.DONE);
            assertThat(p.auditLog(failed.get(0).id()))
                    .extracting(AuditEntry::action)
                    .contains("task.retry");
            assertThat(p.auditLog(failed.get(1).id()))
                    .extracting(AuditEntry::action, AuditEntry::reason)
                    .contains(org.assertj.core.groups.Tuple.tuple("task.skip", "tenant is being decommissioned"));
            assertThat(p.auditLog(failed.get(2).id()))
                    .extracting(AuditEntry::principal)
                    .contains("dana");
            // a finished task cannot be retried
            assertThatThrownBy(() -> p.retry(failed.get(0).id(), "dana"))
                    .isInstanceOfSatisfying(
                            DbChangeException.class,
                            e -> assertThat(e.code()).isEqualTo(PipelineErrorCode.ILLEGAL_ACTION));
        }
    }

    @Test
    void theCreatorMayCancelTheirOwnRequestAndNothingRunsAfterwards() throws Exception {
        DatabaseRef test = estate.instance("mysql-test", "test", 1).get(0);
        DatabaseRef prod = estate.instance("mysql-prod", "prod", 1).get(0);
        try (Pipeline p = estate.pipeline()
                .environments("test", "prod")
                .roleResolver(roles)
                .build()) {
            ChangeRequest cr = submit(p, "CREATE TABLE t (id INT)", TargetSelector.databases(test, prod));
            assertThat(p.awaitIdle(WAIT)).isTrue();
            assertThat(p.cancel(cr.id(), "alice", "wrong table name").status()).isEqualTo(ChangeRequestStatus.CANCELED);
            p.startStage(cr.id(), "prod", "dana");
            assertThat(p.awaitIdle(WAIT)).isTrue();
            assertThat(task(p, cr.id(), prod).status()).isEqualTo(TaskStatus.CANCELED);
            assertThat(estate.tableExists(prod, "t")).isFalse();
            assertThat(p.auditLog(cr.id()))
                    .extracting(AuditEntry::action, AuditEntry::reason)
                    .contains(org.assertj.core.groups.Tuple.tuple("request.cancel", "wrong table name"));
        }
    }
}
