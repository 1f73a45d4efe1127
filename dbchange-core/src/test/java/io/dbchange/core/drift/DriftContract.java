package io.dbchange.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.drift.Anomaly;
import io.dbchange.api.drift.AnomalyStatus;
import io.dbchange.api.drift.DriftErrorCode;
import io.dbchange.api.drift.DriftEvent;
import io.dbchange.api.drift.Resolution;
import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.engine.ExecutionOptions;
import io.dbchange.api.engine.ScriptResult;
import io.dbchange.api.history.MigrationRecord;
import io.dbchange.api.history.MigrationStatus;
import io.dbchange.api.history.MigrationType;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.api.store.AuditEntry;
import io.dbchange.api.store.HistoryEntry;
import io.dbchange.core.schema.SchemaJson;
import io.dbchange.core.schema.diff.ChangeKind;
import io.dbchange.core.schema.diff.ObjectPath;
import io.dbchange.core.schema.diff.ObjectType;
import io.dbchange.core.schema.diff.SchemaChange;
import io.dbchange.core.store.InMemoryMetadataStore;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Drift detection and baselines against each engine's real server, written once (Debezium's pattern: an abstract
 * suite mixed into each engine's tests). The seed scenario of issue 3, the lifecycle of anomalies, and zero false
 * positives on the real schemas of the corpus: right after recording, after rows are inserted and counters move,
 * after statistics and table rebuilds, and after a server restart.
 */
public abstract class DriftContract {

    /** A corpus schema: its path below the corpus directory and what to change in it for a test database. */
    public record CorpusSchema(String path, UnaryOperator<String> adapt) {
        @Override
        public String toString() {
            return path;
        }
    }

    protected abstract DatabaseEngine engine();

    /** A fresh database on the shared test server. */
    protected abstract TestDatabase newDatabase();

    /** The real schemas of the corpus this engine runs. */
    protected abstract List<CorpusSchema> corpusSchemas();

    /** A script that inserts rows and moves counters in a database holding the given corpus schema. */
    protected abstract String rowsAndCounters(TestDatabase database, CorpusSchema schema);

    /** Statements that refresh statistics and rebuild tables (ANALYZE, OPTIMIZE / VACUUM FULL). */
    protected abstract List<String> statisticsAndRebuilds(TestDatabase database);

    /** A server of this test's own, which {@link #restart(TestServer)} can restart; the caller stops it. */
    protected abstract TestServer startDedicatedServer();

    protected abstract void restart(TestServer server);

    private final InMemoryMetadataStore store = new InMemoryMetadataStore();
    private final List<DriftEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger versions = new AtomicInteger();

    private DriftTarget target(TestDatabase database) {
        return DriftTarget.of(new DatabaseRef("test", database.name()), engine(), database::openConnection);
    }

    private DriftDetector detector(DriftTarget... targets) {
        DriftDetector.Builder builder =
                DriftDetector.configure().metadataStore(store).listener(events::add);
        for (DriftTarget target : targets) {
            builder.target(target);
        }
        return builder.build();
    }

    @Test
    void theSeedScenarioReportsTheColumnBaselinesAndRaisesANewAnomaly() {
        try (TestDatabase database = newDatabase()) {
            DriftTarget target = target(database);
            DriftDetector drift = detector(target);
            DatabaseRef ref = target.database();
            applyThroughTheLibrary(target, "CREATE TABLE t1 (id integer PRIMARY KEY, name varchar(100))");

            assertThat(drift.check(ref))
                    .as("right after the change was recorded")
                    .isEmpty();

            execute(database, "ALTER TABLE t1 ADD COLUMN age integer");
            DriftReport report = drift.check(ref).orElseThrow();

            assertThat(report.changes()).hasSize(1);
            SchemaChange change = report.changes().get(0);
            assertThat(change.kind()).isEqualTo(ChangeKind.ADDED);
            assertThat(change.path().type()).isEqualTo(ObjectType.COLUMN);
            assertThat(change.path().table()).isEqualTo("t1");
            assertThat(change.path().name()).isEqualTo("age");
            assertThat(report.restoreDdl()).containsIgnoringCase("DROP").contains("age");
            assertThat(report.reference()).startsWith("history:");
            Anomaly first = report.anomaly();
            assertThat(first.status()).isEqualTo(AnomalyStatus.OPEN);
            assertThat(first.changeCount()).isEqualTo(1);
            assertThat(first.report()).contains("+ " + new ObjectPath(ObjectType.COLUMN, pathSchema(), "t1", "age"));
            assertThat(events).containsExactly(new DriftEvent.AnomalyRaised(first));

            // Seen again unchanged: same anomaly, later last-seen, no new event.
            DriftReport again = drift.check(ref).orElseThrow();
            assertThat(again.anomaly().id()).isEqualTo(first.id());
            assertThat(again.anomaly().lastSeenAt()).isAfterOrEqualTo(first.lastSeenAt());
            assertThat(again.anomaly().firstSeenAt()).isEqualTo(first.firstSeenAt());
            assertThat(events).hasSize(1);

            HistoryEntry baseline = drift.baseline(ref, "alice", "age was added by hand during incident 42");

            assertThat(baseline.record().type()).isEqualTo(MigrationType.BASELINE);
            assertThat(baseline.record().status()).isEqualTo(MigrationStatus.DONE);
            assertThat(baseline.record().principal()).isEqualTo("alice");
            assertThat(baseline.record()
                            .schemaAfter()
                            .orElseThrow()
                            .schemas()
                            .get(0)
                            .table("t1")
                            .orElseThrow()
                            .column("age"))
                    .isPresent();
            assertThat(store.history(ref)).last().isEqualTo(baseline);
            List<AuditEntry> audit = store.auditLog(ref.toString());
            assertThat(audit).hasSize(1);
            assertThat(audit.get(0).action()).isEqualTo(DriftDetector.BASELINE_ACTION);
            assertThat(audit.get(0).principal()).isEqualTo("alice");
            assertThat(audit.get(0).reason()).isEqualTo("age was added by hand during incident 42");
            assertThat(audit.get(0).details())
                    .containsEntry("history", baseline.id())
                    .containsEntry("anomaly", first.id());
            Anomaly resolved = drift.anomalies(ref).get(0);
            assertThat(resolved.status()).isEqualTo(AnomalyStatus.RESOLVED);
            assertThat(resolved.resolution()).contains(Resolution.BASELINE);
            assertThat(events).last().isEqualTo(new DriftEvent.AnomalyResolved(resolved));
            assertThat(drift.openAnomaly(ref)).isEmpty();
            assertThat(drift.check(ref)).as("after the baseline").isEmpty();

            execute(database, "CREATE INDEX ix_t1_name ON t1 (name)");
            DriftReport second = drift.check(ref).orElseThrow();

            assertThat(second.changes())
                    .extracting(SchemaChange::path, SchemaChange::kind)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(
                            new ObjectPath(ObjectType.INDEX, pathSchema(), "t1", "ix_t1_name"), ChangeKind.ADDED));
            assertThat(second.reference()).isEqualTo("history:" + baseline.id());
            assertThat(second.anomaly().id()).isNotEqualTo(first.id());
            assertThat(events).last().isEqualTo(new DriftEvent.AnomalyRaised(second.anomaly()));
            assertThat(drift.anomalies(ref))
                    .extracting(Anomaly::id)
                    .containsExactly(first.id(), second.anomaly().id());
        }
    }

    /** The schema part of an object path: {@code ""} in MySQL/MariaDB, {@code public} in PostgreSQL. */
    protected abstract String pathSchema();

    @Test
    void aChangedDriftUpdatesTheAnomalyAndRestoringTheSchemaResolvesIt() {
        try (TestDatabase database = newDatabase()) {
            DriftTarget target = target(database);
            DriftDetector drift = detector(target);
            DatabaseRef ref = target.database();
            applyThroughTheLibrary(target, "CREATE TABLE t1 (id integer PRIMARY KEY, name varchar(100))");
            execute(database, "ALTER TABLE t1 ADD COLUMN age integer");
            Anomaly raised = drift.check(ref).orElseThrow().anomaly();

            execute(database, "CREATE TABLE t2 (id integer PRIMARY KEY)");
            DriftReport changed = drift.check(ref).orElseThrow();

            assertThat(changed.anomaly().id()).isEqualTo(raised.id());
            assertThat(changed.anomaly().fingerprint()).isNotEqualTo(raised.fingerprint());
            assertThat(changed.anomaly().changeCount()).isEqualTo(2);
            assertThat(changed.anomaly().firstSeenAt()).isEqualTo(raised.firstSeenAt());
            assertThat(events).last().isEqualTo(new DriftEvent.AnomalyUpdated(changed.anomaly()));

            // The DDL of the report brings the live schema back to the recorded one.
            execute(database, changed.restoreDdl());

            assertThat(drift.check(ref)).isEmpty();
            Anomaly resolved = drift.anomalies(ref).get(0);
            assertThat(resolved.resolution()).contains(Resolution.SCHEMA_RESTORED);
            assertThat(events).last().isEqualTo(new DriftEvent.AnomalyResolved(resolved));
        }
    }

    @Test
    void beforeAnyHistoryTheFirstCheckRecordsASnapshotThatLaterChecksCompareWith() {
        try (TestDatabase database = newDatabase()) {
            execute(database, "CREATE TABLE legacy (id integer PRIMARY KEY)");
            DriftTarget target = target(database);
            DriftDetector drift = detector(target);

            assertThat(drift.check(target.database())).as("first sight").isEmpty();
            assertThat(drift.check(target.database())).as("unchanged").isEmpty();

            execute(database, "ALTER TABLE legacy ADD COLUMN note varchar(20)");
            DriftReport report = drift.check(target.database()).orElseThrow();

            assertThat(report.reference()).isEqualTo(DriftDetector.SNAPSHOT_REFERENCE);
            assertThat(report.changes()).extracting(c -> c.path().name()).containsExactly("note");

            // A baseline puts the database under history: from then on, history is the reference.
            HistoryEntry baseline = drift.baseline(target.database(), "bob", "adopting the legacy schema");
            execute(database, "DROP TABLE legacy");
            assertThat(drift.check(target.database()).orElseThrow().reference()).isEqualTo("history:" + baseline.id());
        }
    }

    @Test
    void checksAndBaselinesWaitWhileAMigrationIsPending() {
        try (TestDatabase database = newDatabase()) {
            DriftTarget target = target(database);
            DriftDetector drift = detector(target);
            store.beginMigration(record(target.database(), "1", Optional.empty(), MigrationStatus.PENDING), false);

            assertThatThrownBy(() -> drift.check(target.database()))
                    .isInstanceOf(DbChangeException.class)
                    .satisfies(e ->
                            assertThat(((DbChangeException) e).code()).isEqualTo(DriftErrorCode.MIGRATION_IN_PROGRESS))
                    .hasMessageContaining("PENDING");
            assertThatThrownBy(() -> drift.baseline(target.database(), "alice", "why"))
                    .isInstanceOf(DbChangeException.class)
                    .hasMessageContaining("PENDING");
            assertThatThrownBy(() -> drift.check(new DatabaseRef("test", "unknown")))
                    .isInstanceOf(DbChangeException.class)
                    .satisfies(
                            e -> assertThat(((DbChangeException) e).code()).isEqualTo(DriftErrorCode.UNKNOWN_DATABASE));
        }
    }

    @Test
    void theSchedulerChecksPeriodicallyUntilStopped() throws InterruptedException {
        try (TestDatabase database = newDatabase()) {
            DriftTarget target = target(database);
            DriftDetector drift = detector(target);
            applyThroughTheLibrary(target, "CREATE TABLE t1 (id integer PRIMARY KEY)");
            execute(database, "ALTER TABLE t1 ADD COLUMN age integer");

            try (DriftScheduler scheduler = DriftScheduler.of(drift, Duration.ofMillis(200), 0.2, 1)) {
                scheduler.start();
                assertThat(scheduler.isRunning()).isTrue();
                awaitEvent(DriftEvent.AnomalyRaised.class);
                execute(database, "ALTER TABLE t1 DROP COLUMN age");
                awaitEvent(DriftEvent.AnomalyResolved.class);
                scheduler.stop();
                assertThat(scheduler.isRunning()).isFalse();
            }
            int seen = events.size();
            execute(database, "ALTER TABLE t1 ADD COLUMN again integer");
            Thread.sleep(600);
            assertThat(events).as("no check after stop()").hasSize(seen);
        }
    }

    private void awaitEvent(Class<? extends DriftEvent> type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (events) {
                if (events.stream().anyMatch(type::isInstance)) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + type.getSimpleName() + " within 30 s; events: " + events);
    }

    // ---- zero false positives on the corpus ---------------------------------------------------------------------

    @Test
    void corpusSchemasShowNoDriftAfterRecordingRowsStatisticsAndRebuilds() {
        for (CorpusSchema schema : availableCorpusSchemas()) {
            try (TestDatabase database = newDatabase()) {
                DriftTarget target = target(database);
                DriftDetector drift = detector(target);
                applyThroughTheLibrary(target, schema.adapt().apply(read(schema)));

                assertThat(drift.check(target.database()))
                        .as("%s right after recording", schema)
                        .isEmpty();

                execute(database, rowsAndCounters(database, schema));
                assertThat(drift.check(target.database()))
                        .as("%s after inserting rows and moving counters", schema)
                        .isEmpty();

                execute(database, statisticsAndRebuilds(database));
                assertThat(drift.check(target.database()))
                        .as("%s after statistics and rebuilds", schema)
                        .isEmpty();
                assertThat(events).as("%s", schema).isEmpty();
            }
        }
    }

    @Test
    void corpusSchemasShowNoDriftAfterAServerRestart() {
        List<CorpusSchema> schemas = availableCorpusSchemas();
        TestServer server = startDedicatedServer();
        List<TestDatabase> databases = new ArrayList<>();
        try {
            List<DriftTarget> targets = new ArrayList<>();
            for (CorpusSchema schema : schemas) {
                TestDatabase database = server.createDatabase();
                databases.add(database);
                DriftTarget target = target(database);
                targets.add(target);
                applyThroughTheLibrary(target, schema.adapt().apply(read(schema)));
                execute(database, rowsAndCounters(database, schema));
            }
            DriftDetector drift = detector(targets.toArray(DriftTarget[]::new));
            for (DriftTarget target : targets) {
                assertThat(drift.check(target.database()))
                        .as("%s before the restart", target.database())
                        .isEmpty();
            }

            try (Connection before = databases.get(0).openConnection()) {
                restart(server);
                // Proves that the server really went down: a connection from before does not survive it.
                assertThat(before.isValid(5))
                        .as("a connection opened before the restart")
                        .isFalse();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }

            for (int i = 0; i < targets.size(); i++) {
                assertThat(drift.check(targets.get(i).database()))
                        .as("%s after the restart", schemas.get(i))
                        .isEmpty();
            }
            assertThat(events).isEmpty();
        } finally {
            server.stop();
        }
    }

    private List<CorpusSchema> availableCorpusSchemas() {
        String corpus = System.getProperty("dbchange.corpus.dir");
        assumeThat(corpus)
                .as("system property dbchange.corpus.dir names the SQL corpus (../shared/corpus); skipping the corpus"
                        + " drift tests")
                .isNotNull();
        List<CorpusSchema> present = corpusSchemas().stream()
                .filter(s -> Files.exists(Path.of(corpus, s.path())))
                .toList();
        assumeThat(present).as("corpus schemas under " + corpus).isNotEmpty();
        return present;
    }

    private static String read(CorpusSchema schema) {
        try {
            return Files.readString(Path.of(System.getProperty("dbchange.corpus.dir"), schema.path()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /**
     * Applies a script as the pipeline does: schema before, PENDING record, statements, schema after, DONE record.
     * The snapshots go through their JSON form, as a persistent store keeps them.
     */
    protected void applyThroughTheLibrary(DriftTarget target, String script) {
        SchemaSnapshot before = readStored(target);
        String version = Integer.toString(versions.incrementAndGet());
        HistoryEntry pending = store.beginMigration(
                record(target.database(), version, Optional.of(before), MigrationStatus.PENDING), false);
        try (Connection c = target.connections().open()) {
            ScriptResult result = engine().execute(c, engine().split(script), ExecutionOptions.DEFAULTS);
            assertThat(result.failure()).as("script:%n%s", script).isEmpty();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        MigrationRecord begun = pending.record();
        Instant now = Instant.now();
        store.finishMigration(
                pending.id(),
                new MigrationRecord(
                        begun.database(),
                        version,
                        MigrationType.SCHEMA,
                        "",
                        script,
                        begun.checksum(),
                        begun.schemaBefore(),
                        Optional.of(readStored(target)),
                        MigrationStatus.DONE,
                        begun.startedAt(),
                        Optional.of(now.isBefore(begun.startedAt()) ? begun.startedAt() : now),
                        Duration.ZERO,
                        0,
                        "test",
                        Optional.empty(),
                        Optional.empty()));
    }

    private SchemaSnapshot readStored(DriftTarget target) {
        try (Connection c = target.connections().open()) {
            return SchemaJson.read(SchemaJson.write(engine().readSchema(c, SnapshotOptions.DEFAULTS)));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MigrationRecord record(
            DatabaseRef database, String version, Optional<SchemaSnapshot> before, MigrationStatus status) {
        return new MigrationRecord(
                database,
                version,
                MigrationType.SCHEMA,
                "",
                "-- script",
                "checksum",
                before,
                Optional.empty(),
                status,
                Instant.now(),
                Optional.empty(),
                Duration.ZERO,
                0,
                "test",
                Optional.empty(),
                Optional.empty());
    }

    protected void execute(TestDatabase database, String script) {
        try (Connection c = database.openConnection()) {
            ScriptResult result = engine().execute(c, engine().split(script), ExecutionOptions.DEFAULTS);
            assertThat(result.failure()).as("script:%n%s", script).isEmpty();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs each statement on its own, in auto-commit (VACUUM and OPTIMIZE cannot run in a transaction block). */
    protected void execute(TestDatabase database, List<String> statements) {
        try (Connection c = database.openConnection();
                java.sql.Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
