package io.dbchange.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.TaskState;
import io.dbchange.api.history.MigrationRecord;
import io.dbchange.api.history.MigrationStatus;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.pipeline.Progress;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.sql.Dialect;
import io.dbchange.api.store.EventEntry;
import io.dbchange.api.store.HistoryEntry;
import io.dbchange.api.store.Lease;
import io.dbchange.api.store.MetadataStore;
import io.dbchange.api.store.RequestEntry;
import io.dbchange.api.store.StoreErrorCode;
import io.dbchange.api.store.TaskEntry;
import io.dbchange.core.store.internal.StoreDialect;
import io.dbchange.core.store.internal.StoreJson;
import io.dbchange.core.store.internal.StoreMigrations;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link MetadataStoreContract} for {@link JdbcMetadataStore}, plus what only a store in a shared database has: its
 * own schema migrations (several nodes starting at once, an upgrade from an older version, a newer version refused),
 * table prefixes side by side, and no transaction left open between calls. Each test gets a fresh database on the
 * embedded server of {@link #server()}; each "node" is a store with its own connection pool.
 */
abstract class JdbcMetadataStoreContract extends MetadataStoreContract {

    private StoreDatabase database;

    /** The server the stores run on. */
    protected abstract TestServer server();

    @Override
    protected MetadataStore newStore() {
        database = new StoreDatabase(server(), 8);
        return JdbcMetadataStore.configure().dataSource(pool()).build();
    }

    @Override
    protected MetadataStore secondNode() {
        return JdbcMetadataStore.configure().dataSource(pool()).build();
    }

    @AfterEach
    void closePoolsAndDropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    /** A new pool on this test's database: one node. */
    protected HikariDataSource pool() {
        return database.pool();
    }

    // ---- schema migrations ---------------------------------------------------------------------------------

    @Test
    void createsItsTablesOnceWhenManyNodesStartAtOnce() throws Exception {
        // the store of newStore() used the default prefix; these nodes start a second store from nothing
        int nodes = 6;
        List<Callable<JdbcMetadataStore>> starts = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            DataSource pool = pool();
            starts.add(() -> JdbcMetadataStore.configure()
                    .dataSource(pool)
                    .tablePrefix("fleet_")
                    .build());
        }
        List<JdbcMetadataStore> started = race(starts);

        assertThat(started)
                .allSatisfy(s -> assertThat(s.schemaUpgrade().toVersion()).isEqualTo(JdbcMetadataStore.SCHEMA_VERSION));
        assertThat(started.stream().filter(s -> s.schemaUpgrade().applied()))
                .singleElement()
                .satisfies(s -> assertThat(s.schemaUpgrade().fromVersion()).isZero());
        assertThat(recordedVersions("fleet_")).containsExactlyElementsOf(allVersions());
        // and they work together
        assertThat(started.get(0).tryLock(DB1, new Lease("a", T0.plusSeconds(9)), T0))
                .isTrue();
        assertThat(started.get(nodes - 1).tryLock(DB1, new Lease("b", T0.plusSeconds(9)), T0))
                .isFalse();
    }

    @Test
    void buildingAgainFindsNothingToDo() {
        JdbcMetadataStore again =
                JdbcMetadataStore.configure().dataSource(pool()).build();
        assertThat(again.schemaUpgrade())
                .isEqualTo(new JdbcMetadataStore.SchemaUpgrade(
                        JdbcMetadataStore.SCHEMA_VERSION, JdbcMetadataStore.SCHEMA_VERSION));
        assertThat(recordedVersions(JdbcMetadataStore.DEFAULT_TABLE_PREFIX)).containsExactlyElementsOf(allVersions());
    }

    @Test
    void upgradesAVersion1StoreAndKeepsItsHistory() throws SQLException {
        DataSource pool = pool();
        StoreDialect dialect;
        try (Connection c = pool.getConnection()) {
            dialect = StoreDialect.of(c);
        }
        assertThat(StoreMigrations.migrate(pool, dialect, "old_", 1, Duration.ofSeconds(30)))
                .isEqualTo(new StoreMigrations.Result(0, 1));
        // a DONE record written by a version-1 node, in the version-1 layout
        MigrationRecord done = finished(pending(DB1, "41", T0), MigrationStatus.DONE, T0.plusSeconds(2));
        String id = store.newId();
        try (Connection c = pool.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO old_history"
                                + " (id, instance_id, db_name, version, status, started_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, DB1.instanceId());
            s.setString(3, DB1.name());
            s.setString(4, "41");
            s.setString(5, "DONE");
            s.setLong(6, T0.getEpochSecond() * 1_000_000_000L);
            s.setString(7, StoreJson.write(done));
            s.executeUpdate();
        }

        JdbcMetadataStore upgraded = JdbcMetadataStore.configure()
                .dataSource(pool)
                .tablePrefix("old_")
                .build();

        assertThat(upgraded.schemaUpgrade())
                .isEqualTo(new JdbcMetadataStore.SchemaUpgrade(1, JdbcMetadataStore.SCHEMA_VERSION));
        assertThat(recordedVersions("old_")).containsExactlyElementsOf(allVersions());
        assertThat(upgraded.history(DB1)).containsExactly(new HistoryEntry(id, done));
        assertThatThrownBy(() -> upgraded.beginMigration(pending(DB1, "41", T0.plusSeconds(5)), true))
                .satisfies(e -> assertThat(((DbChangeException) e).code())
                        .isEqualTo(PipelineErrorCode.MIGRATION_ALREADY_APPLIED));
        assertThat(upgraded.beginMigration(pending(DB1, "42", T0.plusSeconds(6)), false)
                        .record()
                        .version())
                .isEqualTo("42");
    }

    @Test
    void refusesTablesOfANewerSchemaVersion() throws SQLException {
        try (Connection c = pool().getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO dbchange_schema_version (version, description, checksum, installed_at)"
                    + " VALUES (" + (JdbcMetadataStore.SCHEMA_VERSION + 1) + ", 'from the future', 'x', 'now')");
        }
        assertThatThrownBy(
                        () -> JdbcMetadataStore.configure().dataSource(pool()).build())
                .isInstanceOf(DbChangeException.class)
                .satisfies(
                        e -> assertThat(((DbChangeException) e).code()).isEqualTo(StoreErrorCode.STORE_SCHEMA_TOO_NEW))
                .hasMessageContaining("schema version " + (JdbcMetadataStore.SCHEMA_VERSION + 1));
    }

    private void recordFutureMigration(int version, Integer compatibleFrom) throws SQLException {
        try (Connection c = pool().getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO dbchange_schema_version"
                    + " (version, description, checksum, installed_at, compatible_from)"
                    + " VALUES (" + version + ", 'from the future', 'x', 'now', " + compatibleFrom + ")");
        }
    }

    @Test
    void keepsWorkingOnANewerStoreWhoseNewerMigrationsDeclareItCompatible() throws SQLException {
        int latest = JdbcMetadataStore.SCHEMA_VERSION;
        recordFutureMigration(latest + 1, latest);
        recordFutureMigration(latest + 2, 1);

        JdbcMetadataStore older =
                JdbcMetadataStore.configure().dataSource(pool()).build();

        assertThat(older.schemaUpgrade()).isEqualTo(new JdbcMetadataStore.SchemaUpgrade(latest + 2, latest + 2));
        String id = older.newId();
        older.createRequest(
                requestEntry(id, List.of(DB1), ChangeRequestStatus.DRAFT), taskEntries(id, List.of(DB1), 1));
        assertThat(store.request(id)).isPresent();
        assertThat(recordedVersions("dbchange_")).endsWith(latest + 1, latest + 2);
    }

    @Test
    void refusesANewerStoreWithAMigrationItCannotWorkWith() throws SQLException {
        int latest = JdbcMetadataStore.SCHEMA_VERSION;
        recordFutureMigration(latest + 1, latest);
        recordFutureMigration(latest + 2, latest + 2);

        assertThatThrownBy(
                        () -> JdbcMetadataStore.configure().dataSource(pool()).build())
                .isInstanceOf(DbChangeException.class)
                .satisfies(
                        e -> assertThat(((DbChangeException) e).code()).isEqualTo(StoreErrorCode.STORE_SCHEMA_TOO_NEW))
                .hasMessageContaining("migration " + (latest + 2) + " needs version " + (latest + 2));
    }

    @Test
    void aVersionTableFromBeforeCompatibilityGetsTheColumnAndItsOldRowsCountAsIncompatible() throws SQLException {
        try (Connection c = pool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("ALTER TABLE dbchange_schema_version DROP COLUMN compatible_from");
            s.executeUpdate("INSERT INTO dbchange_schema_version (version, description, checksum, installed_at)"
                    + " VALUES (" + (JdbcMetadataStore.SCHEMA_VERSION + 1) + ", 'from the future', 'x', 'now')");
        }
        assertThatThrownBy(
                        () -> JdbcMetadataStore.configure().dataSource(pool()).build())
                .satisfies(
                        e -> assertThat(((DbChangeException) e).code()).isEqualTo(StoreErrorCode.STORE_SCHEMA_TOO_NEW));
        try (Connection c = pool().getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM dbchange_schema_version WHERE version > " + JdbcMetadataStore.SCHEMA_VERSION);
        }
        // the column is there again, and a store of this version builds on it
        JdbcMetadataStore.configure().dataSource(pool()).build();
        try (Connection c = pool().getConnection();
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery("SELECT count(*) FROM dbchange_schema_version WHERE compatible_from IS NULL")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(JdbcMetadataStore.SCHEMA_VERSION);
        }
    }

    // ---- prefixes ------------------------------------------------------------------------------------------

    @Test
    void twoPrefixesAreTwoIndependentStoresInOneSchema() {
        JdbcMetadataStore a = JdbcMetadataStore.configure()
                .dataSource(pool())
                .tablePrefix("a_")
                .build();
        JdbcMetadataStore b = JdbcMetadataStore.configure()
                .dataSource(pool())
                .tablePrefix("b_")
                .build();
        String id = a.newId();
        a.createRequest(requestEntry(id, List.of(DB1), ChangeRequestStatus.DRAFT), taskEntries(id, List.of(DB1), 1));

        assertThat(b.request(id)).isEmpty();
        assertThat(store.request(id)).isEmpty();
        assertThat(a.tryLock(DB1, new Lease("node-a", T0.plusSeconds(10)), T0)).isTrue();
        assertThat(b.tryLock(DB1, new Lease("node-b", T0.plusSeconds(10)), T0)).isTrue();
        assertThat(a.lock(DB1).orElseThrow().owner()).isEqualTo("node-a");
        // the same id in the other store is a new request, not a duplicate
        RequestEntry inB = b.createRequest(
                requestEntry(id, List.of(DB2), ChangeRequestStatus.DRAFT), taskEntries(id, List.of(DB2), 1));
        assertThat(b.request(id)).contains(inB);
        assertThat(a.request(id).orElseThrow().targets()).containsExactly(DB1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A_", "1x_", "x-y_", "x;drop table t;--", "x y", "abcdefghijabcdefghijabcdefghijk"})
    void rejectsATablePrefixThatIsNotAPlainLowerCaseName(String prefix) {
        assertThatThrownBy(() -> JdbcMetadataStore.configure().tablePrefix(prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tablePrefix'");
    }

    // ---- values and transactions ---------------------------------------------------------------------------

    @Test
    void keepsSchemaSnapshotsOfHistoryCompressed() throws SQLException {
        List<Schema> schemas = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            schemas.add(Schema.of("tenant_schema_" + i, List.of()));
        }
        SchemaSnapshot before = new SchemaSnapshot(Dialect.POSTGRESQL, "shop", T0, schemas);
        SchemaSnapshot after =
                new SchemaSnapshot(Dialect.POSTGRESQL, "shop", T0.plusSeconds(1), schemas.subList(0, 10));
        MigrationRecord p = pending(DB1, "9", T0);
        MigrationRecord withBefore = new MigrationRecord(
                p.database(),
                p.version(),
                p.type(),
                p.description(),
                p.statement(),
                p.checksum(),
                Optional.of(before),
                Optional.empty(),
                p.status(),
                p.startedAt(),
                p.endedAt(),
                p.duration(),
                p.affectedRows(),
                p.principal(),
                p.requestId(),
                p.taskId());
        HistoryEntry begun = store.beginMigration(withBefore, false);
        MigrationRecord done = finished(withBefore, MigrationStatus.DONE, T0.plusSeconds(3));
        MigrationRecord doneWithAfter = new MigrationRecord(
                done.database(),
                done.version(),
                done.type(),
                done.description(),
                done.statement(),
                done.checksum(),
                done.schemaBefore(),
                Optional.of(after),
                done.status(),
                done.startedAt(),
                done.endedAt(),
                done.duration(),
                done.affectedRows(),
                done.principal(),
                done.requestId(),
                done.taskId());
        assertThat(store.finishMigration(begun.id(), doneWithAfter)).isTrue();

        assertThat(secondNode().migration(begun.id())).contains(new HistoryEntry(begun.id(), doneWithAfter));
        try (Connection c = pool().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT schema_before FROM dbchange_history WHERE id = ?")) {
            s.setString(1, begun.id());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                int stored = r.getBytes(1).length;
                int json = io.dbchange.core.schema.SchemaJson.write(before).length();
                assertThat(stored).as("gzip of %s bytes of JSON", json).isLessThan(json / 5);
            }
        }
    }

    @Test
    void leavesNoTransactionOpenBetweenCalls() throws Exception {
        TaskEntryWorkload.run(this);
        assertThat(openTransactions()).isZero();
    }

    /**
     * The outbox row is the last write of the state change's transaction: when the database refuses it (here a CHECK
     * constraint that the test adds), the state change rolls back with it, and neither is visible.
     */
    @Test
    void whenTheEventCannotBeWrittenTheStateChangeItReportsRollsBack() throws SQLException {
        TaskEntry task = createOneTask();
        RequestEntry request = store.request(task.requestId()).orElseThrow();
        try (Connection c = pool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + JdbcMetadataStore.DEFAULT_TABLE_PREFIX + "event ADD CONSTRAINT refuse_poison"
                    + " CHECK (request_id <> 'poison')");
        }
        PipelineEvent poison = new PipelineEvent.TaskFailed(T0, "poison", task.id(), DB1, "boom", new Progress(0, 1));
        PipelineEvent fine =
                new PipelineEvent.TaskFailed(T0, task.requestId(), task.id(), DB1, "boom", new Progress(0, 1));

        assertThatThrownBy(
                        () -> store.compareAndSetTask(task, task.withState(TaskState.CANCELED), List.of(fine, poison)))
                .isInstanceOf(DbChangeException.class)
                .satisfies(e -> assertThat(((DbChangeException) e).code()).isEqualTo(StoreErrorCode.STORE_UNAVAILABLE));
        assertThatThrownBy(() -> store.compareAndSetRequest(request, request, List.of(poison)))
                .isInstanceOf(DbChangeException.class);
        assertThatThrownBy(() -> store.saveCheckResults(
                        task.id(), List.of(CheckResult.success("connection", "ok")), List.of(poison)))
                .isInstanceOf(DbChangeException.class);
        String other = store.newId();
        assertThatThrownBy(() -> store.createRequest(
                        requestEntry(other, List.of(DB2), ChangeRequestStatus.DRAFT),
                        taskEntries(other, List.of(DB2), 1),
                        List.of(poison)))
                .isInstanceOf(DbChangeException.class);

        MetadataStore reader = secondNode();
        assertThat(reader.task(task.id())).as("task unchanged").contains(task);
        assertThat(reader.request(request.id())).as("request unchanged").contains(request);
        assertThat(reader.checkResults(task.id())).isEmpty();
        assertThat(reader.request(other)).isEmpty();
        assertThat(reader.events(0, 10))
                .as("not even the event before the refused one")
                .isEmpty();
        // the head row was rolled back too: the next event takes sequence 1
        assertThat(reader.compareAndSetTask(task, task.withState(TaskState.CANCELED), List.of(fine)))
                .isPresent();
        assertThat(reader.events(0, 10)).extracting(EventEntry::sequence).containsExactly(1L);
        assertThat(openTransactions()).isZero();
    }

    /** Sessions of this test's database (other than the asking one) inside an open transaction. */
    protected abstract int openTransactions() throws SQLException;

    protected TestDatabase database() {
        return database.database();
    }

    /** Every store migration this library knows, 1 to the latest: a new migration needs no edit here. */
    private static List<Integer> allVersions() {
        return java.util.stream.IntStream.rangeClosed(1, JdbcMetadataStore.SCHEMA_VERSION)
                .boxed()
                .toList();
    }

    private List<Integer> recordedVersions(String prefix) {
        try (Connection c = pool().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT version FROM " + prefix + "schema_version ORDER BY version")) {
            List<Integer> versions = new ArrayList<>();
            while (r.next()) {
                versions.add(r.getInt(1));
            }
            return versions;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bit of everything the pipeline does, from two nodes. */
    private static final class TaskEntryWorkload {
        static void run(JdbcMetadataStoreContract test) {
            MetadataStore a = test.store;
            MetadataStore b = test.secondNode();
            for (int i = 0; i < 5; i++) {
                var entry = test.waiting(test.createOneTask());
                var running = b.compareAndSetTask(
                                entry,
                                entry.running(new Lease("b", T0.plusSeconds(5))),
                                List.of(new PipelineEvent.TaskStarted(
                                        T0, entry.requestId(), entry.id(), DB1, 1, new Progress(0, 1))))
                        .orElseThrow();
                a.tryLock(DB1, new Lease("b", T0.plusSeconds(5)), T0);
                HistoryEntry h = b.beginMigration(pending(DB1, "v" + i, T0), false);
                b.finishMigration(h.id(), finished(h.record(), MigrationStatus.DONE, T0.plusSeconds(1)));
                a.compareAndSetTask(running, running.withState(io.dbchange.api.change.TaskState.DONE))
                        .orElseThrow();
                a.unlock(DB1, "b");
            }
        }
    }
}
