package io.dbchange.postgres.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.approval.Roles;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.Task;
import io.dbchange.api.change.TaskState;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.change.WaitReason;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.pipeline.CheckLevel;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Instance;
import io.dbchange.api.project.Project;
import io.dbchange.api.review.Level;
import io.dbchange.api.sql.SourcePosition;
import io.dbchange.api.store.AuditEntry;
import io.dbchange.core.approval.InMemoryRoleResolver;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.core.review.ReviewPolicy;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The built-in SQL review check on the embedded PostgreSQL, through the public {@link Pipeline} API. */
class PostgresReviewCheckIT {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String REQUIRE_WHERE = "statement.where.require-update-delete";
    private static final String CONCURRENT_INDEX = "pg.require-concurrent-index";

    private final List<PipelineEvent.CheckFinished> checkEvents = new CopyOnWriteArrayList<>();
    private TestDatabase db;
    private DatabaseRef ref;
    private Pipeline pipeline;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.postgres().createDatabase();
        ref = new DatabaseRef("pg-test", db.name());
        // created outside any change request: only the live schema knows table a
        execute("CREATE TABLE a (id int PRIMARY KEY, note text)");
        execute("INSERT INTO a VALUES (1, 'x'), (2, 'y')");
        String serverUrl = db.jdbcUrl().replace("/" + db.name(), "/postgres");
        ReviewPolicy policy = ReviewPolicy.builder()
                .rule(REQUIRE_WHERE, Level.ERROR)
                .rule(CONCURRENT_INDEX, Level.WARNING)
                .build();
        pipeline = Pipeline.configure()
                .project(Project.of("shop", "Shop"))
                .environments("test")
                .instance(new Instance(
                        "pg-test", "test", "postgresql", ConnectionSettings.of(serverUrl, db.user(), db.password())))
                .database(new Database(ref, "shop", "test"))
                .roleResolver(new InMemoryRoleResolver().grant("dana", Roles.DBA))
                .review(policy)
                .listener(e -> {
                    if (e instanceof PipelineEvent.CheckFinished c) {
                        checkEvents.add(c);
                    }
                })
                .build();
    }

    @AfterEach
    void tearDown() {
        pipeline.close();
        db.close();
    }

    private String submitAndWait(String sql) throws Exception {
        ChangeRequest cr = pipeline.create(
                NewChangeRequest.of("shop", "change", ChangeType.SCHEMA, sql, TargetSelector.databases(ref), "alice"));
        pipeline.submit(cr.id(), "alice");
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        return cr.id();
    }

    private Task task(String requestId) {
        return pipeline.plan(requestId).tasks().get(0);
    }

    private List<CheckResult> review(String taskId) {
        return pipeline.checkResults(taskId).stream()
                .filter(r -> r.checkId().equals("sql-review"))
                .toList();
    }

    private void execute(String sql) throws Exception {
        try (Connection c = db.openConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.openConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aDeleteWithoutWhereBlocksUntilAPermittedRoleOverridesAndANonPermittedOneIsRefused() throws Exception {
        String cr = submitAndWait("UPDATE a SET note = 'z' WHERE id = 1;\nDELETE FROM a;");
        Task blocked = task(cr);

        assertThat(blocked.state())
                .isInstanceOfSatisfying(
                        TaskState.Waiting.class, w -> assertThat(w.reason()).isEqualTo(WaitReason.CHECKS));
        assertThat(review(blocked.id())).singleElement().satisfies(r -> {
            assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
            assertThat(r.code()).isEqualTo(REQUIRE_WHERE);
            assertThat(r.position()).map(SourcePosition::line).contains(2);
            assertThat(r.position()).map(SourcePosition::column).contains(1);
        });
        assertThat(checkEvents).last().satisfies(e -> assertThat(e.blocked()).isTrue());
        assertThat(count("SELECT COUNT(*) FROM a")).isEqualTo(2);

        assertThatThrownBy(() -> pipeline.overrideChecks(blocked.id(), "alice", "please"))
                .isInstanceOfSatisfying(
                        DbChangeException.class,
                        e -> assertThat(e.code()).isEqualTo(PipelineErrorCode.PERMISSION_DENIED));
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        assertThat(task(cr).status()).isEqualTo(TaskStatus.WAITING);
        assertThat(count("SELECT COUNT(*) FROM a")).isEqualTo(2);

        pipeline.overrideChecks(blocked.id(), "dana", "a is reloaded from the source nightly");
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();

        assertThat(task(cr).status()).isEqualTo(TaskStatus.DONE);
        assertThat(count("SELECT COUNT(*) FROM a")).isZero();
        assertThat(pipeline.auditLog(blocked.id()))
                .extracting(AuditEntry::action, AuditEntry::principal, AuditEntry::reason)
                .contains(tuple("task.override-checks", "dana", "a is reloaded from the source nightly"));
    }

    @Test
    void aCreateIndexWithoutConcurrentlyOnALiveTableWarnsAndDoesNotBlock() throws Exception {
        String cr = submitAndWait("CREATE INDEX a_note ON a (note);");
        Task task = task(cr);

        assertThat(task.status()).isEqualTo(TaskStatus.DONE);
        assertThat(count("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'a_note'"))
                .isEqualTo(1);
        // the rule only fires for a table that already exists: here it exists only in the live schema
        assertThat(review(task.id())).singleElement().satisfies(r -> {
            assertThat(r.level()).isEqualTo(CheckLevel.WARNING);
            assertThat(r.code()).isEqualTo(CONCURRENT_INDEX);
            assertThat(r.message()).contains("CONCURRENTLY");
            assertThat(r.position()).map(SourcePosition::line).contains(1);
        });
        assertThat(checkEvents).last().satisfies(e -> {
            assertThat(e.blocked()).isFalse();
            assertThat(e.results())
                    .extracting(CheckResult::checkId, CheckResult::level)
                    .contains(tuple("sql-review", CheckLevel.WARNING));
        });
    }
}
