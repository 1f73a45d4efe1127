package io.dbchange.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbchange.api.drift.Anomaly;
import io.dbchange.api.drift.AnomalyStatus;
import io.dbchange.api.drift.DriftEvent;
import io.dbchange.api.drift.Resolution;
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
import io.dbchange.core.drift.DriftDetector;
import io.dbchange.core.drift.DriftReport;
import io.dbchange.core.drift.DriftTarget;
import io.dbchange.core.store.JdbcMetadataStore;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServer;
import io.dbchange.testing.TestServers;
import io.dbchange.testing.internal.EmbeddedMariaDbServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drift detection with the JDBC anomaly and snapshot stores, as several nodes of a host service run it: each node is
 * a {@link JdbcMetadataStore} over its own connection pool and a {@link DriftDetector} built from the store's
 * factories. The watched database is on the embedded MariaDB; the store is on embedded MariaDB or PostgreSQL.
 */
class DriftJdbcStoresIT {

    private final MySqlEngine engine = new MySqlEngine();
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<AutoCloseable> closeLast = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        pools.forEach(HikariDataSource::close);
        for (AutoCloseable c : closeLast) {
            c.close();
        }
    }

    /** One node: a store over a new pool and a detector of {@code target} using the store's drift stores. */
    private record Node(JdbcMetadataStore store, DriftDetector drift, List<DriftEvent> events) {}

    private Node node(TestDatabase storeDatabase, DriftTarget target) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(storeDatabase.jdbcUrl());
        config.setUsername(storeDatabase.user());
        config.setPassword(storeDatabase.password());
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        JdbcMetadataStore store = JdbcMetadataStore.configure().dataSource(pool).build();
        List<DriftEvent> events = Collections.synchronizedList(new ArrayList<>());
        DriftDetector drift = DriftDetector.configure()
                .metadataStore(store)
                .anomalyStore(store.anomalyStore())
                .snapshotStore(store.snapshotStore())
                .target(target)
                .listener(events::add)
                .build();
        return new Node(store, drift, events);
    }

    private TestDatabase watched() {
        TestDatabase database = TestServers.mysql().createDatabase();
        closeLast.add(database);
        return database;
    }

    private DriftTarget target(TestDatabase database) {
        return DriftTarget.of(new DatabaseRef("prod", database.name()), engine, database::openConnection);
    }

    @Test
    void anAnomalyRaisedOnNodeAStaysOpenAcrossAStoreRestartAndABaselineOnNodeBResolvesIt() {
        EmbeddedMariaDbServer storeServer = EmbeddedMariaDbServer.start();
        closeLast.add(storeServer::stop);
        TestDatabase storeDatabase = storeServer.createDatabase();
        TestDatabase database = watched();
        DriftTarget target = target(database);
        DatabaseRef ref = target.database();

        Node a = node(storeDatabase, target);
        applyThroughTheLibrary(a.store(), target, "CREATE TABLE t1 (id integer PRIMARY KEY, name varchar(100))");
        execute(database, "ALTER TABLE t1 ADD COLUMN age integer");
        Anomaly raised = a.drift().check(ref).orElseThrow().anomaly();
        assertThat(a.events()).containsExactly(new DriftEvent.AnomalyRaised(raised));

        pools.get(0).close(); // node A goes away
        storeServer.restart();

        Node b = node(storeDatabase, target);
        assertThat(b.drift().openAnomaly(ref)).as("after the restart").contains(raised);
        DriftReport again = b.drift().check(ref).orElseThrow();
        assertThat(again.anomaly().id()).as("the same anomaly, seen again").isEqualTo(raised.id());
        assertThat(again.anomaly().firstSeenAt()).isEqualTo(raised.firstSeenAt());
        assertThat(b.events()).as("nothing new was raised").isEmpty();

        HistoryEntry baseline = b.drift().baseline(ref, "bob", "age was added by hand during incident 42");

        Anomaly resolved = b.drift().anomalies(ref).get(0);
        assertThat(resolved.id()).isEqualTo(raised.id());
        assertThat(resolved.status()).isEqualTo(AnomalyStatus.RESOLVED);
        assertThat(resolved.resolution()).contains(Resolution.BASELINE);
        assertThat(b.events()).containsExactly(new DriftEvent.AnomalyResolved(resolved));
        List<AuditEntry> audit = b.store().auditLog(ref.toString());
        assertThat(audit)
                .singleElement()
                .satisfies(e -> assertThat(e.details())
                        .containsEntry("history", baseline.id())
                        .containsEntry("anomaly", raised.id()));
        assertThat(b.drift().check(ref)).as("after the baseline").isEmpty();
    }

    @ParameterizedTest(name = "store on {0}")
    @ValueSource(strings = {"mariadb", "postgresql"})
    void twoNodesCheckingOneDriftAtOnceRaiseOneAnomalyAndResolveItOnce(String storeKind) throws Exception {
        TestServer server = storeKind.equals("mariadb") ? TestServers.mysql() : TestServers.postgres();
        TestDatabase storeDatabase = server.createDatabase();
        closeLast.add(storeDatabase);
        TestDatabase database = watched();
        DriftTarget target = target(database);
        DatabaseRef ref = target.database();
        Node a = node(storeDatabase, target);
        Node b = node(storeDatabase, target);

        // Before any history: both nodes see the database for the first time, and a later check compares with the
        // snapshot one of them stored.
        execute(database, "CREATE TABLE legacy (id integer PRIMARY KEY)");
        race(a, b, ref);
        execute(database, "ALTER TABLE legacy ADD COLUMN note varchar(20)");

        race(a, b, ref);

        List<Anomaly> anomalies = a.drift().anomalies(ref);
        assertThat(anomalies)
                .singleElement()
                .satisfies(x -> assertThat(x.isOpen()).isTrue());
        assertThat(raisedEvents(a, b))
                .as("AnomalyRaised events over both nodes")
                .isEqualTo(1);
        assertThat(anomalies.get(0).reference()).isEqualTo(DriftDetector.SNAPSHOT_REFERENCE);

        execute(database, "ALTER TABLE legacy DROP COLUMN note");
        race(a, b, ref);

        assertThat(b.drift().anomalies(ref))
                .singleElement()
                .satisfies(x -> assertThat(x.resolution()).contains(Resolution.SCHEMA_RESTORED));
        long resolvedEvents = events(a, b).stream()
                .filter(DriftEvent.AnomalyResolved.class::isInstance)
                .count();
        assertThat(resolvedEvents).as("AnomalyResolved events over both nodes").isEqualTo(1);
    }

    /** Both nodes check the database from four threads each, released together. */
    private static void race(Node a, Node b, DatabaseRef ref) throws Exception {
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Optional<DriftReport>>> checks = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                DriftDetector drift = (i % 2 == 0 ? a : b).drift();
                checks.add(() -> {
                    start.await();
                    return drift.check(ref);
                });
            }
            for (Future<Optional<DriftReport>> f : pool.invokeAll(checks)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long raisedEvents(Node a, Node b) {
        return events(a, b).stream()
                .filter(DriftEvent.AnomalyRaised.class::isInstance)
                .count();
    }

    private static List<DriftEvent> events(Node a, Node b) {
        List<DriftEvent> all = new ArrayList<>(a.events());
        all.addAll(b.events());
        return all;
    }

    /** Applies a script as the pipeline does: PENDING record, statements, DONE record with the schema after. */
    private void applyThroughTheLibrary(JdbcMetadataStore store, DriftTarget target, String script) {
        Instant started = Instant.now();
        HistoryEntry pending = store.beginMigration(record(target.database(), MigrationStatus.PENDING, started), false);
        try (Connection c = target.connections().open()) {
            ScriptResult result = engine.execute(c, engine.split(script), ExecutionOptions.DEFAULTS);
            assertThat(result.failure()).isEmpty();
            SchemaSnapshot after = engine.readSchema(c, SnapshotOptions.DEFAULTS);
            MigrationRecord begun = pending.record();
            store.finishMigration(
                    pending.id(),
                    new MigrationRecord(
                            begun.database(),
                            begun.version(),
                            MigrationType.SCHEMA,
                            "",
                            begun.statement(),
                            begun.checksum(),
                            Optional.empty(),
                            Optional.of(after),
                            MigrationStatus.DONE,
                            started,
                            Optional.of(Instant.now()),
                            Duration.ZERO,
                            0,
                            "test",
                            Optional.empty(),
                            Optional.empty()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MigrationRecord record(DatabaseRef database, MigrationStatus status, Instant started) {
        return new MigrationRecord(
                database,
                "1",
                MigrationType.SCHEMA,
                "",
                "-- script",
                "checksum",
                Optional.empty(),
                Optional.empty(),
                status,
                started,
                Optional.empty(),
                Duration.ZERO,
                0,
                "test",
                Optional.empty(),
                Optional.empty());
    }

    private void execute(TestDatabase database, String script) {
        try (Connection c = database.openConnection()) {
            ScriptResult result = engine.execute(c, engine.split(script), ExecutionOptions.DEFAULTS);
            assertThat(result.failure()).as("script:%n%s", script).isEmpty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
