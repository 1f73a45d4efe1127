package io.dbchange.core.store.internal;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.store.StoreErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC store's own schema, as numbered migrations applied once each, in order, and recorded in
 * {@code <prefix>schema_version} (version, description, checksum, when). We do not use Flyway or Liquibase for this: a
 * host may run either for its own tables in the same database, and a library that brings its own copy (and its own
 * history table conventions) would collide with the host's version.
 *
 * <p><b>Several nodes starting at once.</b> The runner holds a session lock for the whole upgrade (PostgreSQL advisory
 * lock, MySQL {@code GET_LOCK}), keyed by the schema and the table prefix, and reads the recorded versions only after
 * taking it; so one node applies each migration and the others wait, then find nothing left to do. The lock is a
 * session lock, so a node that dies mid-upgrade releases it with its connection.
 *
 * <p><b>Half-applied migrations.</b> On PostgreSQL each migration and its version row commit in one transaction. MySQL
 * commits every DDL statement on its own, so a crash can leave part of a migration applied without its version row;
 * every statement is therefore written to be re-run safely ({@code CREATE TABLE IF NOT EXISTS}, an index that exists
 * already is skipped), and the next start completes it.
 *
 * <p><b>Compatibility and rolling upgrades.</b> Each migration records, with its version, the oldest schema version
 * whose dbchange keeps working correctly after it ({@code compatible_from}, see {@link Migration}). A node whose
 * {@link #LATEST} is below the store's version goes on working when every newer migration recorded declares it
 * compatible with {@link #LATEST} (logged at WARN: upgrade that node), so nodes can be upgraded one at a time;
 * otherwise it is refused ({@code STORE_SCHEMA_TOO_NEW}, naming the first migration it cannot work with): an older
 * node must not write rows a newer schema defines differently, or skip a lock, approval or event the newer nodes
 * rely on. Migrations recorded before the column existed count as incompatible. Of this library's migrations, 2
 * (migration locks), 3 (approvals), 4 (rollback captures) and 6 (events) are incompatible with older versions, and
 * 5 (drift) keeps version 4 working.
 */
public final class StoreMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(StoreMigrations.class);

    /**
     * One migration: its number, the oldest schema version whose dbchange keeps working correctly on a store with
     * this migration applied, what it does, and its statements with {@code {p}} for the table prefix.
     *
     * <p>{@code compatibleFrom} is what lets a rolling upgrade go on: a migration that only adds what older versions
     * neither read nor must write (a table of a capability they lack, a nullable column, an index) declares the
     * oldest version it keeps working (e.g. {@code 1}); one that older versions would misuse or bypass (a lock they
     * would not take, an approval they would not check, events they would not write) declares its own version.
     */
    record Migration(
            int version, int compatibleFrom, String description, Function<StoreDialect, List<String>> statements) {}

    private static final List<Migration> MIGRATIONS = List.of(
            new Migration(
                    1,
                    1,
                    "requests, tasks, runs, check results, database locks, history, audit",
                    d -> List.of(
                            "CREATE TABLE IF NOT EXISTS {p}request ("
                                    + "seq " + d.rowNumber() + ", "
                                    + "id " + d.id() + " NOT NULL, "
                                    + "status VARCHAR(32) NOT NULL, "
                                    + "version BIGINT NOT NULL, "
                                    + "body " + d.text() + " NOT NULL, "
                                    + "CONSTRAINT {p}request_id UNIQUE (id))" + d.tableOptions(),
                            d.createIndex("{p}request_status", "{p}request", "status, seq"),
                            "CREATE TABLE IF NOT EXISTS {p}task ("
                                    + "id " + d.id() + " NOT NULL PRIMARY KEY, "
                                    + "request_id " + d.id() + " NOT NULL, "
                                    + "plan_seq INT NOT NULL, "
                                    + "status VARCHAR(32) NOT NULL, "
                                    + "lease_owner VARCHAR(200), "
                                    + "lease_until BIGINT, "
                                    + "version BIGINT NOT NULL, "
                                    + "body " + d.text() + " NOT NULL)" + d.tableOptions(),
                            d.createIndex("{p}task_request", "{p}task", "request_id, plan_seq"),
                            d.createIndex("{p}task_lease", "{p}task", "status, lease_until"),
                            "CREATE TABLE IF NOT EXISTS {p}task_run ("
                                    + "id " + d.id() + " NOT NULL PRIMARY KEY, "
                                    + "task_id " + d.id() + " NOT NULL, "
                                    + "attempt INT NOT NULL, "
                                    + "status VARCHAR(32) NOT NULL, "
                                    + "body " + d.text() + " NOT NULL, "
                                    + "CONSTRAINT {p}task_run_attempt UNIQUE (task_id, attempt))" + d.tableOptions(),
                            "CREATE TABLE IF NOT EXISTS {p}check_result ("
                                    + "task_id " + d.id() + " NOT NULL PRIMARY KEY, "
                                    + "body " + d.text() + " NOT NULL)" + d.tableOptions(),
                            "CREATE TABLE IF NOT EXISTS {p}db_lock ("
                                    + "instance_id VARCHAR(64) NOT NULL, "
                                    + "db_name VARCHAR(64) NOT NULL, "
                                    + "owner VARCHAR(200) NOT NULL, "
                                    + "lease_until BIGINT NOT NULL, "
                                    + "version BIGINT NOT NULL, "
                                    + "PRIMARY KEY (instance_id, db_name))" + d.tableOptions(),
                            "CREATE TABLE IF NOT EXISTS {p}history ("
                                    + "seq " + d.rowNumber() + ", "
                                    + "id " + d.id() + " NOT NULL, "
                                    + "instance_id VARCHAR(64) NOT NULL, "
                                    + "db_name VARCHAR(64) NOT NULL, "
                                    + "version VARCHAR(64) NOT NULL, "
                                    + "status VARCHAR(16) NOT NULL, "
                                    + "started_at BIGINT NOT NULL, "
                                    + "body " + d.text() + " NOT NULL, "
                                    + "schema_before " + d.blob() + ", "
                                    + "schema_after " + d.blob() + ", "
                                    + "CONSTRAINT {p}history_id UNIQUE (id))" + d.tableOptions(),
                            d.createIndex("{p}history_version", "{p}history", "instance_id, db_name, version, seq"),
                            d.createIndex("{p}history_start", "{p}history", "instance_id, db_name, started_at, seq"),
                            "CREATE TABLE IF NOT EXISTS {p}audit ("
                                    + "seq " + d.rowNumber() + ", "
                                    + "object_id " + d.id() + " NOT NULL, "
                                    + "body " + d.text() + " NOT NULL)" + d.tableOptions(),
                            d.createIndex("{p}audit_object", "{p}audit", "object_id, seq"))),
            new Migration(
                    2,
                    2,
                    "one row per database and version that serializes the start of a migration",
                    d -> List.of(
                            // beginMigration locks this row (creating it on first use) before it reads the latest
                            // history
                            // record, so two nodes cannot both find "not applied" and both start the same version.
                            "CREATE TABLE IF NOT EXISTS {p}migration_head ("
                                    + "instance_id VARCHAR(64) NOT NULL, "
                                    + "db_name VARCHAR(64) NOT NULL, "
                                    + "version VARCHAR(64) NOT NULL, "
                                    + "PRIMARY KEY (instance_id, db_name, version))" + d.tableOptions())),
            new Migration(
                    3,
                    3,
                    "the approval process of each change request",
                    d -> List.of(
                            // One row per request; body is the approval engine's JSON, replaced by compare-and-set
                            // on version so two approvers deciding at once on two nodes cannot both count.
                            "CREATE TABLE IF NOT EXISTS {p}approval ("
                                    + "request_id " + d.id() + " NOT NULL PRIMARY KEY, "
                                    + "version BIGINT NOT NULL, "
                                    + "body " + d.text() + " NOT NULL)" + d.tableOptions())),
            new Migration(
                    4,
                    4,
                    "rollback captures, generated rollback scripts and run-without-rollback choices",
                    d -> List.of("CREATE TABLE IF NOT EXISTS {p}rollback ("
                            + "kind VARCHAR(16) NOT NULL, "
                            + "id " + d.id() + " NOT NULL, "
                            + "body " + d.text() + " NOT NULL, "
                            + "PRIMARY KEY (kind, id))" + d.tableOptions())),
            new Migration(
                    5,
                    4,
                    "drift anomalies and the recorded schema of databases without history",
                    d -> List.of(
                            // open_flag is 1 while the anomaly is OPEN and NULL once it is RESOLVED: a unique key
                            // admits any number of NULLs on both databases, so this is "at most one OPEN anomaly per
                            // database" without a partial index (which MySQL lacks). Two nodes raising the same drift
                            // at once: the key lets one INSERT in.
                            "CREATE TABLE IF NOT EXISTS {p}anomaly ("
                                    + "seq " + d.rowNumber() + ", "
                                    + "id " + d.id() + " NOT NULL, "
                                    + "instance_id VARCHAR(64) NOT NULL, "
                                    + "db_name VARCHAR(64) NOT NULL, "
                                    + "status VARCHAR(16) NOT NULL, "
                                    + "open_flag SMALLINT, "
                                    + "first_seen_at BIGINT NOT NULL, "
                                    + "version BIGINT NOT NULL, "
                                    + "body " + d.text() + " NOT NULL, "
                                    + "CONSTRAINT {p}anomaly_id UNIQUE (id), "
                                    + "CONSTRAINT {p}anomaly_open UNIQUE (instance_id, db_name, open_flag))"
                                    + d.tableOptions(),
                            d.createIndex("{p}anomaly_database", "{p}anomaly", "instance_id, db_name, first_seen_at"),
                            "CREATE TABLE IF NOT EXISTS {p}snapshot ("
                                    + "instance_id VARCHAR(64) NOT NULL, "
                                    + "db_name VARCHAR(64) NOT NULL, "
                                    + "saved_at BIGINT NOT NULL, "
                                    + "snapshot " + d.blob() + " NOT NULL, "
                                    + "PRIMARY KEY (instance_id, db_name))" + d.tableOptions())),
            // ---- migration 6: the event outbox (events across nodes)
            new Migration(
                    6,
                    6,
                    "the event outbox: events by sequence, the sequence head, consumer cursors and leases",
                    d -> List.of(
                            // seq is given by appendEvent under the lock of the one event_head row (not an
                            // auto-increment), so sequences commit in their order; see JdbcMetadataStore.appendEvent.
                            "CREATE TABLE IF NOT EXISTS {p}event ("
                                    + "seq BIGINT NOT NULL PRIMARY KEY, "
                                    + "id " + d.id() + " NOT NULL, "
                                    + "request_id " + d.id() + " NOT NULL, "
                                    + "kind VARCHAR(40) NOT NULL, "
                                    + "at_nanos BIGINT NOT NULL, "
                                    + "body " + d.text() + " NOT NULL, "
                                    + "CONSTRAINT {p}event_id UNIQUE (id))" + d.tableOptions(),
                            d.createIndex("{p}event_at", "{p}event", "at_nanos"),
                            "CREATE TABLE IF NOT EXISTS {p}event_head ("
                                    + "id INT NOT NULL PRIMARY KEY, "
                                    + "last_seq BIGINT NOT NULL)" + d.tableOptions(),
                            // Re-runnable (MySQL commits DDL on its own, so a migration may be run again).
                            d instanceof StoreDialect.MySql
                                    ? "INSERT IGNORE INTO {p}event_head (id, last_seq) VALUES (1, 0)"
                                    : "INSERT INTO {p}event_head (id, last_seq) VALUES (1, 0) ON CONFLICT (id) DO NOTHING",
                            "CREATE TABLE IF NOT EXISTS {p}event_cursor ("
                                    + "consumer VARCHAR(200) NOT NULL PRIMARY KEY, "
                                    + "last_seq BIGINT NOT NULL, "
                                    + "lease_owner VARCHAR(200), "
                                    + "lease_until BIGINT, "
                                    + "version BIGINT NOT NULL)" + d.tableOptions()))
            // ---- end of migration 6
            );

    /** The schema version this library writes and reads: the highest migration's. */
    public static final int LATEST = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    private StoreMigrations() {}

    /**
     * What one {@link #migrate} call found and did.
     *
     * @param fromVersion the recorded version before (0: no tables)
     * @param toVersion the recorded version after
     */
    public record Result(int fromVersion, int toVersion) {
        /** Whether this call applied any migration. */
        public boolean applied() {
            return toVersion > fromVersion;
        }
    }

    /**
     * Brings the store's tables to {@code target}, waiting at most {@code lockTimeout} for another node's upgrade.
     *
     * @throws DbChangeException {@code STORE_SCHEMA_TOO_NEW} if the recorded version is above {@link #LATEST} and a
     *     migration above it does not keep {@link #LATEST} working;
     *     {@code STORE_UNAVAILABLE} if the lock is not free in time or a statement fails
     */
    public static Result migrate(
            DataSource dataSource, StoreDialect dialect, String prefix, int target, Duration lockTimeout) {
        if (target < 0 || target > LATEST) {
            throw new IllegalArgumentException("'target' must be 0 to " + LATEST + " but was " + target);
        }
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            String schema = dialect.currentSchema(c);
            long key = lockKey(schema, prefix);
            boolean locked;
            try {
                locked = dialect.lock(c, key, lockTimeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DbChangeException(StoreErrorCode.STORE_UNAVAILABLE, "interrupted while waiting", e);
            }
            if (!locked) {
                throw new DbChangeException(
                        StoreErrorCode.STORE_UNAVAILABLE,
                        "metadata store '" + prefix + "*' in " + schema + ": another node has been upgrading its tables"
                                + " for more than " + lockTimeout.toSeconds() + " s; wait for it, or raise"
                                + " migrationLockTimeout");
            }
            try {
                return migrateLocked(c, dialect, prefix, schema, target);
            } finally {
                dialect.unlock(c, key);
            }
        } catch (SQLException e) {
            throw new DbChangeException(
                    StoreErrorCode.STORE_UNAVAILABLE,
                    "metadata store '" + prefix + "*' (" + dialect.name() + "): creating or upgrading its tables failed"
                            + " [" + e.getSQLState() + "] " + e.getMessage()
                            + "; the DataSource's user needs CREATE, ALTER and INDEX privileges on its schema",
                    e);
        }
    }

    private static Result migrateLocked(Connection c, StoreDialect dialect, String prefix, String schema, int target)
            throws SQLException {
        String versionTable = prefix + "schema_version";
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + versionTable + " ("
                    + "version INT NOT NULL PRIMARY KEY, "
                    + "description VARCHAR(200) NOT NULL, "
                    + "checksum VARCHAR(64) NOT NULL, "
                    + "installed_at VARCHAR(40) NOT NULL, "
                    + "compatible_from INT)" + dialect.tableOptions());
        }
        addCompatibilityColumn(c, versionTable);
        Map<Integer, String> applied = new LinkedHashMap<>();
        Map<Integer, Integer> compatibleFrom = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT version, checksum, compatible_from FROM " + versionTable + " ORDER BY version")) {
            while (r.next()) {
                int version = r.getInt(1);
                applied.put(version, r.getString(2));
                int from = r.getInt(3);
                // recorded before the column existed: compatible with nothing older
                compatibleFrom.put(version, r.wasNull() ? version : from);
            }
        }
        int current =
                applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (current > LATEST) {
            for (Map.Entry<Integer, String> newer : applied.entrySet()) {
                int version = newer.getKey();
                if (version > LATEST && compatibleFrom.get(version) > LATEST) {
                    throw new DbChangeException(
                            StoreErrorCode.STORE_SCHEMA_TOO_NEW,
                            "metadata store '" + prefix + "*' in " + schema + " is at schema version " + current
                                    + ", newer than this dbchange's " + LATEST + ", and its migration " + version
                                    + " needs version " + compatibleFrom.get(version) + " or later: a newer"
                                    + " dbchange upgraded it; run that version on this node too");
                }
            }
            LOG.warn(
                    "store={} schema={} - the store is at schema version {}, newer than this dbchange's {}; its"
                            + " migrations above {} keep this version working, but upgrade this node",
                    prefix,
                    schema,
                    current,
                    LATEST,
                    LATEST);
            return new Result(current, current);
        }
        for (Migration m : MIGRATIONS) {
            String recorded = applied.get(m.version());
            if (recorded != null && !recorded.equals(checksum(m, dialect))) {
                // Informational: the statements were edited after they shipped. The tables are what the recorded
                // version made them, so nothing is re-run.
                LOG.warn(
                        "store={} schema={} - migration {} was applied with checksum {} but this dbchange has {}",
                        prefix,
                        schema,
                        m.version(),
                        recorded,
                        checksum(m, dialect));
            }
        }
        for (Migration m : MIGRATIONS) {
            if (m.version() <= current || m.version() > target) {
                continue;
            }
            apply(c, dialect, prefix, versionTable, m);
            LOG.info(
                    "store={} schema={} - applied store migration {}: {}",
                    prefix,
                    schema,
                    m.version(),
                    m.description());
        }
        return new Result(current, Math.max(current, target));
    }

    /** Adds {@code compatible_from} to a version table created before it existed (its rows keep null). */
    private static void addCompatibilityColumn(Connection c, String versionTable) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT compatible_from FROM " + versionTable + " WHERE 1 = 0")
                    .close();
            return;
        } catch (SQLException missing) {
            // the column does not exist yet (autocommit: nothing to roll back)
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + versionTable + " ADD COLUMN compatible_from INT");
        }
    }

    private static void apply(Connection c, StoreDialect dialect, String prefix, String versionTable, Migration m)
            throws SQLException {
        boolean transactional = dialect.transactionalDdl();
        if (transactional) {
            c.setAutoCommit(false);
        }
        try {
            for (String template : m.statements().apply(dialect)) {
                String sql = template.replace("{p}", prefix);
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                } catch (SQLException e) {
                    // MySQL: the index exists from an earlier, interrupted run of this migration.
                    if (!(dialect instanceof StoreDialect.MySql && e.getErrorCode() == 1061)) {
                        throw e;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + versionTable
                    + " (version, description, checksum, installed_at, compatible_from) VALUES (?, ?, ?, ?, ?)")) {
                s.setInt(1, m.version());
                s.setString(2, m.description());
                s.setString(3, checksum(m, dialect));
                s.setString(4, Instant.now().toString());
                s.setInt(5, m.compatibleFrom());
                s.executeUpdate();
            }
            if (transactional) {
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            if (transactional) {
                c.rollback();
            }
            throw e;
        } finally {
            if (transactional) {
                c.setAutoCommit(true);
            }
        }
    }

    static String checksum(Migration m, StoreDialect dialect) {
        return HexFormat.of().formatHex(sha256(String.join(";\n", m.statements().apply(dialect))));
    }

    static long lockKey(String schema, String prefix) {
        byte[] hash = sha256("dbchange-store:" + schema + ":" + prefix);
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = (key << 8) | (hash[i] & 0xff);
        }
        return key;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
