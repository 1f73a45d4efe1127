package io.dbchange.postgres.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.dbchange.api.history.MigrationRecord;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.pipeline.TaskCheck;
import io.dbchange.api.pipeline.TaskContext;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Instance;
import io.dbchange.api.project.Project;
import io.dbchange.api.review.Level;
import io.dbchange.api.schema.Column;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.core.approval.InMemoryRoleResolver;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.core.review.ReviewPolicy;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * History's "schema before" when the SQL review has just read the same schema: the review's snapshot stands for it
 * only when PostgreSQL's catalog change marker proves it current, so a reviewed task reads the schema twice (review,
 * after) instead of three times, and a change made by someone else between the review and the execution is never
 * credited to the task.
 */
class PostgresSchemaBeforeIT {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String REQUIRE_WHERE = "statement.where.require-update-delete";

    private TestDatabase db;
    private DatabaseRef ref;
    private Pipeline pipeline;
    /** What the extra check does after the review (a change by hand, on its own connection), or null. */
    private final AtomicReference<String> byHand = new AtomicReference<>();

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.postgres().createDatabase();
        ref = new DatabaseRef("pg-test", db.name());
        execute("CREATE TABLE a (id int PRIMARY KEY, note text)");
        String serverUrl = db.jdbcUrl().replace("/" + db.name(), "/postgres");
        // Runs after the built-in review (custom checks come last): stands for a person or an application changing
        // the database between the review's read and the execution.
        TaskCheck interloper = new TaskCheck() {
            @Override
            public String id() {
                return "by-hand";
            }

            @Override
            public List<CheckResult> check(TaskContext context) {
                String sql = byHand.getAndSet(null);
                if (sql != null) {
                    try {
                        execute(sql);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return List.of();
            }
        };
        pipeline = Pipeline.configure()
                .project(Project.of("shop", "Shop"))
                .environments("test")
                .instance(new Instance(
                        "pg-test",
                        "test",
                        CountingPostgresEngine.NAME,
                        ConnectionSettings.of(serverUrl, db.user(), db.password())))
                .database(new Database(ref, "shop", "test"))
                .roleResolver(new InMemoryRoleResolver().grant("dana", Roles.DBA))
                .review(ReviewPolicy.builder().rule(REQUIRE_WHERE, Level.ERROR).build())
                .check(interloper)
                .build();
        CountingPostgresEngine.reset();
    }

    @AfterEach
    void tearDown() {
        pipeline.close();
        db.close();
    }

    @Test
    void aReviewedTaskReadsTheSchemaOnceBeforeItRunsAndHistoryKeepsThatSchemaAsBefore() throws Exception {
        Task task = run("ALTER TABLE a ADD COLUMN c int");

        assertThat(task.status()).isEqualTo(TaskStatus.DONE);
        // the review's read (reused as "before") and the read after execution
        assertThat(CountingPostgresEngine.READS.get()).isEqualTo(2);
        MigrationRecord record = pipeline.history(ref).get(0).record();
        assertThat(columns(record.schemaBefore().orElseThrow())).containsExactly("id", "note");
        assertThat(columns(record.schemaAfter().orElseThrow())).containsExactly("id", "note", "c");
    }

    @Test
    void aChangeByHandBetweenTheReviewAndTheRunIsInTheSchemaBeforeNotCreditedToTheTask() throws Exception {
        byHand.set("ALTER TABLE a ADD COLUMN by_hand int");

        Task task = run("ALTER TABLE a ADD COLUMN c int");

        assertThat(task.status()).isEqualTo(TaskStatus.DONE);
        MigrationRecord record = pipeline.history(ref).get(0).record();
        assertThat(columns(record.schemaBefore().orElseThrow())).containsExactly("id", "note", "by_hand");
        assertThat(columns(record.schemaAfter().orElseThrow())).containsExactly("id", "note", "by_hand", "c");
        // the marker changed, so "before" was read again
        assertThat(CountingPostgresEngine.READS.get()).isEqualTo(3);
    }

    @Test
    void aChangeByHandWhileATaskWaitsForAnOverrideIsInTheSchemaBeforeOfTheRunThatFollows() throws Exception {
        ChangeRequest cr = submit("ALTER TABLE a ADD COLUMN c int;\nDELETE FROM a;");
        Task blocked = pipeline.plan(cr.id()).tasks().get(0);
        assertThat(blocked.state())
                .isInstanceOfSatisfying(
                        TaskState.Waiting.class, w -> assertThat(w.reason()).isEqualTo(WaitReason.CHECKS));
        execute("ALTER TABLE a ADD COLUMN by_hand int");

        pipeline.overrideChecks(blocked.id(), "dana", "the table is empty in this environment");
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();

        assertThat(pipeline.plan(cr.id()).tasks().get(0).status()).isEqualTo(TaskStatus.DONE);
        MigrationRecord record = pipeline.history(ref).get(0).record();
        assertThat(columns(record.schemaBefore().orElseThrow())).containsExactly("id", "note", "by_hand");
    }

    private Task run(String sql) throws Exception {
        ChangeRequest cr = submit(sql);
        return pipeline.plan(cr.id()).tasks().get(0);
    }

    private ChangeRequest submit(String sql) throws Exception {
        ChangeRequest cr = pipeline.create(
                NewChangeRequest.of("shop", "change", ChangeType.SCHEMA, sql, TargetSelector.databases(ref), "alice"));
        pipeline.submit(cr.id(), "alice");
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        return cr;
    }

    private static List<String> columns(SchemaSnapshot snapshot) {
        return snapshot.schemas().stream()
                .flatMap(s -> s.table("a").stream())
                .flatMap(t -> t.columns().stream())
                .map(Column::name)
                .toList();
    }

    private void execute(String sql) throws Exception {
        try (Connection c = db.openConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
