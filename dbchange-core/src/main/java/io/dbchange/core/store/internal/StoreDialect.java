package io.dbchange.core.store.internal;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

/**
 * What differs between the store's two databases: column types, the upsert of check results, how a duplicate key is
 * reported, and the session lock that serializes schema migrations across nodes. Everything else the store writes is
 * the SQL both understand.
 *
 * <p>Type mapping (the table is the contract of the migrations):
 *
 * <pre>
 * role                 PostgreSQL                         MySQL / MariaDB
 * id (case-sensitive)  VARCHAR(128) COLLATE "C"           VARCHAR(128), table collation utf8mb4_bin
 * JSON body            TEXT (1 GB)                        LONGTEXT (4 GB; the server's max_allowed_packet limits a row)
 * schema snapshot      BYTEA, gzip                        LONGBLOB, gzip
 * instant              BIGINT nanoseconds since epoch     BIGINT nanoseconds since epoch
 * row order            BIGINT GENERATED ... AS IDENTITY   BIGINT AUTO_INCREMENT
 * </pre>
 *
 * Instants are whole nanoseconds so that lease expiry compares exactly as {@code Lease.expiredAt} does in Java,
 * whatever the server's timestamp precision.
 */
public sealed interface StoreDialect {

    /** The dialect of the database {@code connection} is connected to. */
    static StoreDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String lower = product.toLowerCase(Locale.ROOT);
        if (lower.contains("postgresql")) {
            return new Postgres();
        }
        if (lower.contains("mysql") || lower.contains("mariadb")) {
            return new MySql();
        }
        throw new DbChangeException(
                CoreErrorCode.UNKNOWN_ENGINE,
                "the metadata store's DataSource connects to " + product
                        + ", but the JDBC metadata store runs on PostgreSQL or MySQL/MariaDB only; give it a DataSource"
                        + " of one of those, or use InMemoryMetadataStore");
    }

    /** A short name for messages: {@code postgresql} or {@code mysql}. */
    String name();

    /** Column type of an id. */
    String id();

    /** Column type of a JSON body. */
    String text();

    /** Column type of compressed bytes. */
    String blob();

    /** Column definition of an ever-increasing row number, the primary key. */
    String rowNumber();

    /** What follows {@code CREATE TABLE name (...)}. */
    String tableOptions();

    /** {@code CREATE INDEX IF NOT EXISTS name ON table (columns)} in this dialect. */
    String createIndex(String name, String table, String columns);

    /** Insert-or-replace of one check-results row: parameters task id, body. */
    String upsertCheckResults(String table);

    /**
     * One statement that inserts the row of a database and version into {@code table} unless it exists, and in
     * either case holds the row's lock until the transaction ends: parameters instance id, database name, version.
     * A concurrent caller waits for the holder's commit, then holds the row in turn.
     */
    String lockHeadRow(String table);

    /** Whether {@code e} (or an exception it chains) reports a duplicate primary or unique key. */
    boolean isDuplicateKey(SQLException e);

    /** Whether {@code e} reports a deadlock or serialization failure, after which the whole transaction may be re-run. */
    default boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                for (SQLException n = s; n != null; n = n.getNextException()) {
                    String state = n.getSQLState();
                    if ("40001".equals(state) || "40P01".equals(state) || n.getErrorCode() == 1213) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Identifies the schema (PostgreSQL: database and schema; MySQL: database) the connection writes into. */
    String currentSchema(Connection connection) throws SQLException;

    /**
     * Takes the session lock named by {@code key}, waiting at most {@code timeout}.
     *
     * @return whether it was taken
     */
    boolean lock(Connection connection, long key, Duration timeout) throws SQLException, InterruptedException;

    /** Releases the session lock {@code key}. */
    void unlock(Connection connection, long key) throws SQLException;

    /** Whether DDL takes part in transactions, so a migration can be all or nothing. */
    boolean transactionalDdl();

    /** PostgreSQL 12 or newer. */
    record Postgres() implements StoreDialect {
        @Override
        public String name() {
            return "postgresql";
        }

        @Override
        public String id() {
            // "C" so that ids sort by their bytes, as in Java, whatever the database's collation.
            return "VARCHAR(128) COLLATE \"C\"";
        }

        @Override
        public String text() {
            return "TEXT";
        }

        @Override
        public String blob() {
            return "BYTEA";
        }

        @Override
        public String rowNumber() {
            return "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
        }

        @Override
        public String tableOptions() {
            return "";
        }

        @Override
        public String createIndex(String name, String table, String columns) {
            return "CREATE INDEX IF NOT EXISTS " + name + " ON " + table + " (" + columns + ")";
        }

        @Override
        public String upsertCheckResults(String table) {
            return "INSERT INTO " + table + " (task_id, body) VALUES (?, ?)"
                    + " ON CONFLICT (task_id) DO UPDATE SET body = EXCLUDED.body";
        }

        @Override
        public String lockHeadRow(String table) {
            // DO UPDATE (not DO NOTHING) so that an existing row is locked too.
            return "INSERT INTO " + table + " (instance_id, db_name, version) VALUES (?, ?, ?)"
                    + " ON CONFLICT (instance_id, db_name, version) DO UPDATE SET version = EXCLUDED.version";
        }

        @Override
        public boolean isDuplicateKey(SQLException e) {
            return hasState(e, "23505", 0);
        }

        @Override
        public String currentSchema(Connection connection) throws SQLException {
            return queryString(connection, "SELECT current_database() || '.' || current_schema()");
        }

        @Override
        public boolean lock(Connection connection, long key, Duration timeout)
                throws SQLException, InterruptedException {
            // pg_advisory_lock would wait without bound; polling the try-variant honours the timeout.
            long deadline = System.nanoTime() + timeout.toNanos();
            try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                s.setLong(1, key);
                while (true) {
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        if (r.getBoolean(1)) {
                            return true;
                        }
                    }
                    if (System.nanoTime() > deadline) {
                        return false;
                    }
                    Thread.sleep(50);
                }
            }
        }

        @Override
        public void unlock(Connection connection, long key) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                s.setLong(1, key);
                s.executeQuery().close();
            }
        }

        @Override
        public boolean transactionalDdl() {
            return true;
        }
    }

    /** MySQL 8 or MariaDB 10.6 or newer, InnoDB. */
    record MySql() implements StoreDialect {
        @Override
        public String name() {
            return "mysql";
        }

        @Override
        public String id() {
            return "VARCHAR(128)";
        }

        @Override
        public String text() {
            return "LONGTEXT";
        }

        @Override
        public String blob() {
            return "LONGBLOB";
        }

        @Override
        public String rowNumber() {
            return "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY";
        }

        @Override
        public String tableOptions() {
            // Binary collation: ids and database names are case-sensitive, and they sort as in Java.
            return " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
        }

        @Override
        public String createIndex(String name, String table, String columns) {
            // MySQL 8 has no CREATE INDEX IF NOT EXISTS; the migration runner skips an index that exists.
            return "CREATE INDEX " + name + " ON " + table + " (" + columns + ")";
        }

        @Override
        public String upsertCheckResults(String table) {
            // Alias syntax (MySQL 8.0.19) is not in MariaDB, and VALUES() is deprecated in MySQL only; both run it.
            return "INSERT INTO " + table
                    + " (task_id, body) VALUES (?, ?) ON DUPLICATE KEY UPDATE body = VALUES(body)";
        }

        @Override
        public String lockHeadRow(String table) {
            // The duplicate-key branch takes an exclusive lock on the existing row.
            return "INSERT INTO " + table + " (instance_id, db_name, version) VALUES (?, ?, ?)"
                    + " ON DUPLICATE KEY UPDATE version = VALUES(version)";
        }

        @Override
        public boolean isDuplicateKey(SQLException e) {
            return hasState(e, null, 1062);
        }

        @Override
        public String currentSchema(Connection connection) throws SQLException {
            String database = queryString(connection, "SELECT DATABASE()");
            if (database == null) {
                throw new DbChangeException(
                        CoreErrorCode.INVALID_ARGUMENT,
                        "the metadata store's DataSource selects no database: name the database that holds the"
                                + " store's tables in its JDBC URL (jdbc:mysql://host:3306/DATABASE)");
            }
            return database;
        }

        @Override
        public boolean lock(Connection connection, long key, Duration timeout) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
                s.setString(1, lockName(key));
                s.setLong(2, Math.max(0, timeout.toSeconds()));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1) == 1;
                }
            }
        }

        @Override
        public void unlock(Connection connection, long key) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                s.setString(1, lockName(key));
                s.executeQuery().close();
            }
        }

        private static String lockName(long key) {
            // GET_LOCK names are server-wide (not per database) and at most 64 characters.
            return "dbchange-store-" + Long.toHexString(key);
        }

        @Override
        public boolean transactionalDdl() {
            return false;
        }
    }

    private static boolean hasState(SQLException e, String sqlState, int vendorCode) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                for (SQLException n = s; n != null; n = n.getNextException()) {
                    if ((sqlState != null && sqlState.equals(n.getSQLState()))
                            || (vendorCode != 0 && n.getErrorCode() == vendorCode)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getString(1);
        }
    }
}
