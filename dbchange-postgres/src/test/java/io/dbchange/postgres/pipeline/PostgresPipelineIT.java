package io.dbchange.postgres.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.Task;
import io.dbchange.api.change.TaskRun;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.engine.StatementOutcome;
import io.dbchange.api.engine.StatementResult;
import io.dbchange.api.history.MigrationRecord;
import io.dbchange.api.history.MigrationStatus;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Instance;
import io.dbchange.api.project.Project;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PostgreSQL execution semantics in the pipeline, on the embedded PostgreSQL: one transaction per task. */
class PostgresPipelineIT {

    private TestDatabase db;
    private DatabaseRef ref;
    private Pipeline pipeline;

    @BeforeEach
    void setUp() {
        db = TestServers.postgres().createDatabase();
        ref = new DatabaseRef("pg-test", db.name());
        // The instance URL names another database on purpose: each task connects to its own database.
        String serverUrl = db.jdbcUrl().replace("/" + db.name(), "/postgres");
        pipeline = Pipeline.configure()
                .project(Project.of("shop", "Shop"))
                .environments("test")
                .instance(new Instance(
                        "pg-test", "test", "postgresql", ConnectionSettings.of(serverUrl, db.user(), db.password())))
                .database(new Database(ref, "shop", "test"))
                .build();
    }

    @AfterEach
    void tearDown() {
        pipeline.close();
        db.close();
    }

    private Task run(String sql) throws Exception {
        ChangeRequest cr = pipeline.create(
                NewChangeRequest.of("shop", "change", ChangeType.SCHEMA, sql, TargetSelector.databases(ref), "alice"));
        pipeline.submit(cr.id(), "alice");
        assertThat(pipeline.awaitIdle(Duration.ofMinutes(2))).isTrue();
        return pipeline.plan(cr.id()).tasks().get(0);
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
    void aTaskRunsInOneTransactionSoAFailureLeavesNothingBehind() throws Exception {
        Task task = run("CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\nINSERT INTO missing VALUES (1);");

        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        TaskRun run = pipeline.runs(task.id()).get(0);
        assertThat(run.results())
                .extracting(StatementResult::outcome)
                .containsExactly(StatementOutcome.ROLLED_BACK, StatementOutcome.ROLLED_BACK, StatementOutcome.FAILED);
        assertThat(run.error()).hasValueSatisfying(e -> assertThat(e).contains("no statement took effect"));
        assertThat(count("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'a'"))
                .isZero();
        MigrationRecord record = pipeline.history(ref).get(0).record();
        assertThat(record.status()).isEqualTo(MigrationStatus.FAILED);
        assertThat(record.affectedRows()).isZero();
    }

    @Test
    void aStatementThatCannotRunInATransactionRunsAloneAndTheTaskSucceeds() throws Exception {
        Task task = run("CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_id ON a (id);");

        assertThat(task.status()).isEqualTo(TaskStatus.DONE);
        assertThat(count("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'a_id'"))
                .isEqualTo(1);
        MigrationRecord record = pipeline.history(ref).get(0).record();
        assertThat(record.status()).isEqualTo(MigrationStatus.DONE);
        List<String> indexes = record.schemaAfter().orElseThrow().schemas().stream()
                .flatMap(s -> s.tables().stream())
                .flatMap(t -> t.indexes().stream())
                .map(i -> i.name())
                .toList();
        assertThat(indexes).containsExactly("a_id");
    }
}
