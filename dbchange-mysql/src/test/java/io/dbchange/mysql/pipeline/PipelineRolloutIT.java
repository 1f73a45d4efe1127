package io.dbchange.mysql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.change.ChangeOptions;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.Plan;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.Task;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.engine.ExecutionOptions;
import io.dbchange.api.engine.ScriptResult;
import io.dbchange.api.engine.StatementResult;
import io.dbchange.api.history.MigrationRecord;
import io.dbchange.api.history.MigrationStatus;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.pipeline.TaskContext;
import io.dbchange.api.pipeline.TaskExecutor;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.core.pipeline.Pipeline;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A request rolled out end to end on real MariaDB databases: plan, execution, history, events, progress. */
class PipelineRolloutIT {

    private final Estate estate = new Estate();

    @AfterEach
    void dropDatabases() {
        estate.close();
    }

    @Test
    void rollsOutASelectorToEveryMatchingDatabaseWithHistoryAndEvents() throws Exception {
        List<DatabaseRef> dbs = estate.instance("mysql-test", "test", 4);
        List<PipelineEvent> events = new CopyOnWriteArrayList<>();
        try (Pipeline pipeline =
                estate.pipeline().environments("test").listener(events::add).build()) {
            ChangeRequest cr = pipeline.create(NewChangeRequest.of(
                            Estate.PROJECT,
                            "Create orders",
                            ChangeType.SCHEMA,
                            "CREATE TABLE orders (id INT PRIMARY KEY);\nINSERT INTO orders VALUES (1), (2);",
                            TargetSelector.matching("test", ".*"),
                            "alice")
                    .withOptions(ChangeOptions.DEFAULTS.withVersion("1.0")));
            assertThat(cr.status()).isEqualTo(ChangeRequestStatus.DRAFT);
            assertThat(cr.targets()).containsExactlyInAnyOrderElementsOf(dbs);
            assertThat(pipeline.plan(cr.id()).tasks()).hasSize(4);

            assertThat(pipeline.submit(cr.id(), "alice").status()).isEqualTo(ChangeRequestStatus.APPROVED);
            assertThat(pipeline.awaitIdle(Duration.ofMinutes(2))).isTrue();

            Plan plan = pipeline.plan(cr.id());
            assertThat(plan.tasks()).extracting(Task::status).containsOnly(TaskStatus.DONE);
            assertThat(pipeline.request(cr.id()).orElseThrow().status()).isEqualTo(ChangeRequestStatus.DONE);
            for (DatabaseRef db : dbs) {
                assertThat(estate.count(db, "SELECT COUNT(*) FROM orders")).isEqualTo(2);
                List<MigrationRecord> history =
                        pipeline.history(db).stream().map(h -> h.record()).toList();
                assertThat(history).hasSize(1);
                MigrationRecord record = history.get(0);
                assertThat(record.status()).isEqualTo(MigrationStatus.DONE);
                assertThat(record.version()).isEqualTo("1.0");
                assertThat(record.checksum()).startsWith("sha256:");
                assertThat(record.affectedRows()).isEqualTo(2);
                assertThat(record.principal()).isEqualTo("alice");
                assertThat(record.requestId()).contains(cr.id());
                assertThat(record.schemaBefore().orElseThrow().schemas().stream()
                                .flatMap(s -> s.tables().stream()))
                        .isEmpty();
                assertThat(record.schemaAfter().orElseThrow().schemas().stream().flatMap(s -> s.tables().stream()))
                        .extracting(t -> t.name())
                        .containsExactly("orders");
            }
            Task first = plan.tasks().get(0);
            assertThat(pipeline.runs(first.id())).singleElement().satisfies(run -> {
                assertThat(run.attempt()).isEqualTo(1);
                assertThat(run.results()).hasSize(2);
            });
            assertThat(pipeline.checkResults(first.id()))
                    .anySatisfy(c -> assertThat(c.checkId()).isEqualTo("connection"));
        }
        assertThat(events).first().isInstanceOf(PipelineEvent.RequestCreated.class);
        assertThat(events)
                .filteredOn(e -> e instanceof PipelineEvent.TaskStarted)
                .hasSize(4);
        assertThat(events)
                .filteredOn(e -> e instanceof PipelineEvent.CheckFinished)
                .hasSize(4);
        List<Integer> done = events.stream()
                .filter(e -> e instanceof PipelineEvent.TaskFinished)
                .map(e -> ((PipelineEvent.TaskFinished) e).progress().done())
                .sorted()
                .toList();
        assertThat(done).containsExactly(1, 2, 3, 4);
        assertThat(events)
                .filteredOn(e -> e instanceof PipelineEvent.StageFinished)
                .hasSize(1);
        assertThat(events).last().isInstanceOfSatisfying(PipelineEvent.RequestDone.class, e -> {
            assertThat(e.status()).isEqualTo(ChangeRequestStatus.DONE);
            assertThat(e.progress().done()).isEqualTo(4);
            assertThat(e.progress().total()).isEqualTo(4);
        });
    }

    /** Claims DATA tasks with rollback enabled, as a rollback-capturing executor will; runs them one by one. */
    static final class CapturingExecutor implements TaskExecutor {
        final List<String> claimed = new CopyOnWriteArrayList<>();

        @Override
        public boolean handles(TaskContext context) {
            return context.request().type() == ChangeType.DATA
                    && context.options().rollbackEnabled();
        }

        @Override
        public ScriptResult execute(TaskContext context, int fromStatement, Consumer<StatementResult> progress) {
            claimed.add(context.task().id());
            ScriptResult result =
                    context.engine().execute(context.connection(), context.statements(), ExecutionOptions.DEFAULTS);
            result.statements().forEach(progress);
            return result;
        }
    }

    @Test
    void aRegisteredExecutorRunsTheTasksItClaimsAndTheBuiltInOneTheRest() throws Exception {
        DatabaseRef db = estate.instance("mysql-test", "test", 1).get(0);
        estate.execute(db, "CREATE TABLE t (id INT)");
        CapturingExecutor capturing = new CapturingExecutor();
        try (Pipeline pipeline =
                estate.pipeline().environments("test").executor(capturing).build()) {
            ChangeRequest plain = pipeline.create(NewChangeRequest.of(
                    Estate.PROJECT,
                    "plain",
                    ChangeType.DATA,
                    "INSERT INTO t VALUES (1)",
                    TargetSelector.databases(db),
                    "alice"));
            ChangeRequest withRollback = pipeline.create(NewChangeRequest.of(
                            Estate.PROJECT,
                            "capture",
                            ChangeType.DATA,
                            "INSERT INTO t VALUES (2)",
                            TargetSelector.databases(db),
                            "alice")
                    .withOptions(ChangeOptions.DEFAULTS.withRollbackEnabled(true)));
            pipeline.submit(plain.id(), "alice");
            pipeline.submit(withRollback.id(), "alice");
            assertThat(pipeline.awaitIdle(Duration.ofMinutes(2))).isTrue();

            assertThat(capturing.claimed)
                    .containsExactly(
                            pipeline.plan(withRollback.id()).tasks().get(0).id());
            assertThat(estate.count(db, "SELECT COUNT(*) FROM t")).isEqualTo(2);
            assertThat(pipeline.history(db))
                    .extracting(h -> h.record().type())
                    .containsOnly(io.dbchange.api.history.MigrationType.DATA);
        }
    }

    @Test
    void aCreateDatabaseTaskRunsOnTheInstanceAndABaselineOnlyRecordsTheSchema() throws Exception {
        DatabaseRef existing = estate.instance("mysql-test", "test", 1).get(0);
        estate.execute(existing, "CREATE TABLE legacy (id INT)");
        String fresh = "t_new_" + Long.toString(System.nanoTime(), 36);
        DatabaseRef created = new DatabaseRef("mysql-test", fresh);
        estate.databases.add(new io.dbchange.api.project.Database(created, Estate.PROJECT, "test"));
        try (Pipeline pipeline = estate.pipeline().environments("test").build()) {
            ChangeRequest create = pipeline.create(NewChangeRequest.of(
                    Estate.PROJECT,
                    "new tenant",
                    ChangeType.CREATE_DATABASE,
                    "CREATE DATABASE " + fresh,
                    TargetSelector.databases(created),
                    "alice"));
            ChangeRequest baseline = pipeline.create(NewChangeRequest.of(
                    Estate.PROJECT,
                    "adopt",
                    ChangeType.BASELINE,
                    "-- baseline of the existing schema",
                    TargetSelector.databases(existing),
                    "alice"));
            pipeline.submit(create.id(), "alice");
            pipeline.submit(baseline.id(), "alice");
            assertThat(pipeline.awaitIdle(Duration.ofMinutes(2))).isTrue();

            assertThat(pipeline.plan(create.id()).tasks().get(0).status()).isEqualTo(TaskStatus.DONE);
            assertThat(estate.count(
                            existing,
                            "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '" + fresh + "'"))
                    .isEqualTo(1);
            MigrationRecord record = pipeline.history(existing).get(0).record();
            assertThat(record.type()).isEqualTo(io.dbchange.api.history.MigrationType.BASELINE);
            assertThat(record.status()).isEqualTo(MigrationStatus.DONE);
            assertThat(record.schemaAfter().orElseThrow().schemas().stream().flatMap(s -> s.tables().stream()))
                    .extracting(t -> t.name())
                    .containsExactly("legacy");
        } finally {
            estate.execute(existing, "DROP DATABASE IF EXISTS " + fresh);
        }
    }
}
