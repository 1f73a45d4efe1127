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
import io.dbchange.api.history.MigrationRecord;
import io.dbchange.api.history.MigrationStatus;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.core.pipeline.Pipeline;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
}
