package io.dbchange.mysql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.approval.Roles;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.Task;
import io.dbchange.api.change.TaskState;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.change.WaitReason;
import io.dbchange.api.pipeline.CheckLevel;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.review.Level;
import io.dbchange.api.sql.SourcePosition;
import io.dbchange.api.store.AuditEntry;
import io.dbchange.core.approval.InMemoryRoleResolver;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.core.review.ReviewPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in SQL review check on real MariaDB databases, through the public {@link Pipeline} API: findings block or
 * warn, carry their rule and position, are stored and sent with CHECK_FINISHED, and the catalog is the live schema.
 */
class ReviewCheckIT {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String REQUIRE_WHERE = "statement.where.require-update-delete";
    private static final String WALK_THROUGH = "builtin.walk-through-check";

    private final Estate estate = new Estate();
    private final InMemoryRoleResolver roles = new InMemoryRoleResolver().grant("dana", Roles.DBA);
    private final List<PipelineEvent.CheckFinished> checkEvents = new CopyOnWriteArrayList<>();

    @AfterEach
    void dropDatabases() {
        estate.close();
    }

    private Pipeline.Builder pipeline(ReviewPolicy policy) {
        return estate.pipeline()
                .environments("test")
                .roleResolver(roles)
                .review(policy)
                .listener(e -> {
                    if (e instanceof PipelineEvent.CheckFinished c) {
                        checkEvents.add(c);
                    }
                });
    }

    /** Submits a one-database request, runs the pipeline until idle, and returns the request id. */
    private static String submitAndWait(Pipeline p, String sql, DatabaseRef db) throws InterruptedException {
        ChangeRequest cr = p.create(NewChangeRequest.of(
                Estate.PROJECT, "change", ChangeType.SCHEMA, sql, TargetSelector.databases(db), "alice"));
        p.submit(cr.id(), "alice");
        assertThat(p.awaitIdle(WAIT)).isTrue();
        return cr.id();
    }

    private static Task task(Pipeline p, String requestId) {
        return p.plan(requestId).tasks().get(0);
    }

    private static List<CheckResult> review(List<CheckResult> results) {
        return results.stream().filter(r -> r.checkId().equals("sql-review")).toList();
    }

    @Test
    void aDeleteWithoutWhereBlocksTheTaskWithItsPositionUntilAPermittedRoleOverridesItWithAReason() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        estate.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)");
        estate.execute(db, "INSERT INTO t VALUES (1), (2)");
        ReviewPolicy policy =
                ReviewPolicy.builder().rule(REQUIRE_WHERE, Level.ERROR).build();
        try (Pipeline p = pipeline(policy).build()) {
            String cr = submitAndWait(p, "INSERT INTO t VALUES (3);\n  DELETE FROM t;", db);
            Task blocked = task(p, cr);

            assertThat(blocked.state())
                    .isInstanceOfSatisfying(
                            TaskState.Waiting.class, w -> assertThat(w.reason()).isEqualTo(WaitReason.CHECKS));
            assertThat(p.runs(blocked.id())).isEmpty();
            assertThat(estate.count(db, "SELECT COUNT(*) FROM t")).isEqualTo(2);
            assertThat(review(p.checkResults(blocked.id()))).singleElement().satisfies(r -> {
                assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
                assertThat(r.code()).isEqualTo(REQUIRE_WHERE);
                assertThat(r.message()).contains("DELETE FROM t");
                assertThat(r.position()).map(SourcePosition::line).contains(2);
                assertThat(r.position()).map(SourcePosition::column).contains(3);
            });
            assertThat(checkEvents).last().satisfies(e -> {
                assertThat(e.taskId()).isEqualTo(blocked.id());
                assertThat(e.blocked()).isTrue();
                assertThat(review(e.results())).extracting(CheckResult::code).containsExactly(REQUIRE_WHERE);
            });

            assertThatThrownBy(() -> p.overrideChecks(blocked.id(), "alice", "it is a test table"))
                    .isInstanceOfSatisfying(
                            DbChangeException.class,
                            e -> assertThat(e.code()).isEqualTo(PipelineErrorCode.PERMISSION_DENIED));
            assertThat(p.awaitIdle(WAIT)).isTrue();
            assertThat(task(p, cr).status()).isEqualTo(TaskStatus.WAITING);
            assertThat(estate.count(db, "SELECT COUNT(*) FROM t")).isEqualTo(2);

            p.overrideChecks(blocked.id(), "dana", "t is a scratch table, emptied every release");
            assertThat(p.awaitIdle(WAIT)).isTrue();

            assertThat(task(p, cr).status()).isEqualTo(TaskStatus.DONE);
            assertThat(estate.count(db, "SELECT COUNT(*) FROM t")).isZero();
            assertThat(p.auditLog(blocked.id()))
                    .extracting(AuditEntry::action, AuditEntry::principal, AuditEntry::reason)
                    .contains(tuple("task.override-checks", "dana", "t is a scratch table, emptied every release"));
            // the checks ran again before the overridden run and the ERROR is still on record
            assertThat(checkEvents).last().satisfies(e -> {
                assertThat(e.blocked()).isFalse();
                assertThat(review(e.results())).extracting(CheckResult::code).containsExactly(REQUIRE_WHERE);
            });
        }
    }

    @Test
    void aRolloutHeldByAFindingIsFixedByEditingTheRequestIntoANewRevision() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        estate.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)");
        estate.execute(db, "INSERT INTO t VALUES (1), (2)");
        ReviewPolicy policy =
                ReviewPolicy.builder().rule(REQUIRE_WHERE, Level.ERROR).build();
        try (Pipeline p = pipeline(policy).build()) {
            String cr = submitAndWait(p, "DELETE FROM t", db);
            Task blocked = task(p, cr);
            assertThat(blocked.status()).isEqualTo(TaskStatus.WAITING);
            assertThat(p.runs(blocked.id())).isEmpty();

            ChangeRequest edited = p.edit(cr, "alice", "DELETE FROM t WHERE id = 2", TargetSelector.databases(db));
            assertThat(edited.revision()).isEqualTo(2);
            assertThat(p.awaitIdle(WAIT)).isTrue();

            Task fixed = task(p, cr);
            assertThat(fixed.id()).isNotEqualTo(blocked.id());
            assertThat(fixed.status()).isEqualTo(TaskStatus.DONE);
            assertThat(review(p.checkResults(fixed.id())))
                    .extracting(CheckResult::level)
                    .containsExactly(CheckLevel.SUCCESS);
            assertThat(estate.count(db, "SELECT COUNT(*) FROM t")).isEqualTo(1);
            assertThat(p.request(cr).orElseThrow().status()).isEqualTo(ChangeRequestStatus.DONE);
        }
    }

    @Test
    void aRequestWhoseTaskHasRunCannotBeEditedAndIsLeftAsItWas() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        DatabaseRef prodDb = estate.instance("mysql-prod", "prod", 1).get(0);
        estate.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)");
        estate.execute(prodDb, "CREATE TABLE t (id INT PRIMARY KEY)");
        try (Pipeline p = estate.pipeline()
                .environments("test", "prod")
                .roleResolver(roles)
                .build()) {
            ChangeRequest created = p.create(NewChangeRequest.of(
                    Estate.PROJECT,
                    "change",
                    ChangeType.SCHEMA,
                    "ALTER TABLE t ADD COLUMN a INT",
                    TargetSelector.databases(db, prodDb),
                    "alice"));
            p.submit(created.id(), "alice");
            assertThat(p.awaitIdle(WAIT)).isTrue();
            Task ran = task(p, created.id());
            assertThat(ran.status()).isEqualTo(TaskStatus.DONE);
            ChangeRequest before = p.request(created.id()).orElseThrow();
            assertThat(before.status()).isEqualTo(ChangeRequestStatus.ROLLING_OUT);

            assertThatThrownBy(() -> p.edit(
                            created.id(),
                            "alice",
                            "ALTER TABLE t ADD COLUMN b INT",
                            TargetSelector.databases(db, prodDb)))
                    .isInstanceOfSatisfying(DbChangeException.class, e -> {
                        assertThat(e.code()).isEqualTo(PipelineErrorCode.ILLEGAL_ACTION);
                        assertThat(e.getMessage()).contains(ran.id()).contains("has started");
                    });
            assertThat(p.request(created.id())).contains(before);
            assertThat(task(p, created.id()).id()).isEqualTo(ran.id());
        }
    }

    @Test
    void reviewWalksThroughTheLiveSchemaAndRunsAgainOnRetry() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        estate.execute(db, "CREATE TABLE t (id INT PRIMARY KEY)");
        ReviewPolicy policy =
                ReviewPolicy.builder().rule(WALK_THROUGH, Level.ERROR).build();
        try (Pipeline p = pipeline(policy).build()) {
            String cr = submitAndWait(p, "ALTER TABLE t DROP COLUMN legacy", db);
            Task blocked = task(p, cr);

            assertThat(blocked.status()).isEqualTo(TaskStatus.WAITING);
            assertThat(review(p.checkResults(blocked.id()))).singleElement().satisfies(r -> {
                assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
                assertThat(r.code()).isEqualTo(WALK_THROUGH);
                assertThat(r.message()).contains("legacy").contains("does not exist");
                assertThat(r.position()).map(SourcePosition::line).contains(1);
                assertThat(r.position()).map(SourcePosition::column).contains(15);
            });

            // The column appears in the live database only (no migration of ours created it); the retried check
            // reads the schema again and the review sees it.
            estate.execute(db, "ALTER TABLE t ADD COLUMN legacy INT");
            p.retry(blocked.id(), "dana");
            assertThat(p.awaitIdle(WAIT)).isTrue();

            assertThat(task(p, cr).status()).isEqualTo(TaskStatus.DONE);
            assertThat(review(p.checkResults(blocked.id())))
                    .extracting(CheckResult::level, CheckResult::code)
                    .containsExactly(tuple(CheckLevel.SUCCESS, "OK"));
            assertThat(estate.count(
                            db,
                            "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()"
                                    + " AND table_name = 't' AND column_name = 'legacy'"))
                    .isZero();
        }
    }

    @Test
    void aWarningIsRecordedAndDoesNotBlockAndAnEnvironmentPolicyReplacesThePipelineWideOne() throws Exception {
        DatabaseRef test = estate.instance("mysql-test", "test", 1).get(0);
        estate.execute(test, "CREATE TABLE t (id INT PRIMARY KEY)");
        ReviewPolicy blocking =
                ReviewPolicy.builder().rule(REQUIRE_WHERE, Level.ERROR).build();
        ReviewPolicy warning =
                ReviewPolicy.builder().rule(REQUIRE_WHERE, Level.WARNING).build();
        try (Pipeline p = pipeline(blocking).review("test", warning).build()) {
            Task task = task(p, submitAndWait(p, "UPDATE t SET id = id + 1", test));

            assertThat(task.status()).isEqualTo(TaskStatus.DONE);
            assertThat(review(p.checkResults(task.id())))
                    .extracting(CheckResult::level, CheckResult::code)
                    .containsExactly(tuple(CheckLevel.WARNING, REQUIRE_WHERE));
            assertThat(checkEvents)
                    .last()
                    .satisfies(e -> assertThat(e.blocked()).isFalse());
        }
    }

    @Test
    void aPolicyForAnUnknownEnvironmentIsRejectedAtBuild() {
        ReviewPolicy policy =
                ReviewPolicy.builder().rule(REQUIRE_WHERE, Level.ERROR).build();
        assertThatThrownBy(() -> estate.pipeline()
                        .environments("test")
                        .review("prdo", policy)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'prdo'");
    }
}
