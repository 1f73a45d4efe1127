package io.dbchange.postgres.rollback.internal;

import io.dbchange.api.DbChangeException;
import io.dbchange.postgres.rollback.CapturedChange;
import io.dbchange.postgres.rollback.CapturedTable;
import io.dbchange.postgres.rollback.RollbackErrorCode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The backup schema: one row per capture ({@code capture}), one per captured table ({@code capture_table}), the
 * generated script in chunks ({@code script_chunk}) and two tables of rows per captured table ({@code <id>_<n>_b}
 * before-images, {@code <id>_<n>_a} after-images). Everything is written in the change's own transaction, so a change
 * never commits without its capture. Nothing is removed except by {@link #purgeExpired} (after the retention the
 * capture was taken with) or {@link #discard} (asked for by id).
 */
public final class BackupStore {

    private final String schema;

    public BackupStore(String schema) {
        this.schema = schema;
    }

    public String schema() {
        return schema;
    }

    String table(String name) {
        return Sql.ident(schema) + "." + Sql.ident(name);
    }

    static String beforeTable(String id, int n) {
        return id + "_" + n + "_b";
    }

    static String afterTable(String id, int n) {
        return id + "_" + n + "_a";
    }

    /**
     * Creates the schema and its bookkeeping tables if missing, in a transaction of its own (so that two first
     * captures do not both fail on a half-created schema); one retry covers a concurrent creator.
     */
    void ensureSchema(Connection c) throws SQLException {
        if (exists(c)) {
            return;
        }
        boolean auto = c.getAutoCommit();
        try {
            c.setAutoCommit(true);
            for (int attempt = 0; ; attempt++) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.ident(schema));
                    s.execute("CREATE TABLE IF NOT EXISTS " + table("capture") + " (id text PRIMARY KEY,"
                            + " created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL, rollback_of text,"
                            + " status text NOT NULL, statements integer NOT NULL, rows_changed bigint NOT NULL,"
                            + " uncovered text[] NOT NULL, rolled_back_by text, script_statements integer,"
                            + " script_rows bigint, script_sha256 text)");
                    s.execute("CREATE TABLE IF NOT EXISTS " + table("capture_table") + " (capture_id text NOT NULL,"
                            + " n integer NOT NULL, table_oid oid NOT NULL, qualified text NOT NULL,"
                            + " key_columns text[] NOT NULL, columns text[] NOT NULL, type_oids oid[] NOT NULL,"
                            + " typmods integer[] NOT NULL, generated boolean[] NOT NULL,"
                            + " identity_always boolean[] NOT NULL, before_rows bigint NOT NULL,"
                            + " after_rows bigint NOT NULL, PRIMARY KEY (capture_id, n))");
                    s.execute("CREATE TABLE IF NOT EXISTS " + table("script_chunk") + " (capture_id text NOT NULL,"
                            + " seq integer NOT NULL, expected_rows integer NOT NULL, sql text NOT NULL,"
                            + " PRIMARY KEY (capture_id, seq))");
                    return;
                } catch (SQLException e) {
                    if (attempt > 0 || !"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Whether the bookkeeping exists yet (reads must not create it). */
    boolean exists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table("capture"));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** One captured table's stored description. */
    record StoredTable(
            int n,
            long oid,
            String qualified,
            List<String> key,
            List<TableMeta.ColumnMeta> columns,
            long beforeRows,
            long afterRows) {

        /** One attribute of every column, in column order, as a SQL array of {@code sqlType} for a parameter. */
        Array columnArray(Connection c, String sqlType, Function<TableMeta.ColumnMeta, ?> attribute)
                throws SQLException {
            return c.createArrayOf(sqlType, columns.stream().map(attribute).toArray());
        }
    }

    /** A capture's stored row. */
    record StoredCapture(
            String id,
            Instant createdAt,
            Instant expiresAt,
            Optional<String> rollbackOf,
            String status,
            int statements,
            long rowsChanged,
            List<String> uncovered,
            Optional<String> rolledBackBy,
            Optional<Integer> scriptStatements,
            long scriptRows,
            Optional<String> scriptSha256,
            List<StoredTable> tables) {

        CapturedChange toChange() {
            return new CapturedChange(
                    id,
                    rollbackOf,
                    statements,
                    rowsChanged,
                    tables.stream()
                            .map(t -> new CapturedTable(t.qualified(), t.key(), t.beforeRows(), t.afterRows()))
                            .toList(),
                    uncovered,
                    createdAt,
                    expiresAt);
        }
    }

    void insertCapture(Connection c, StoredCapture capture) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table("capture") + " (id, created_at,"
                + " expires_at, rollback_of, status, statements, rows_changed, uncovered)"
                + " VALUES (?, ?, ?, ?, 'CAPTURED', ?, ?, ?)")) {
            ps.setString(1, capture.id());
            ps.setObject(2, java.time.OffsetDateTime.ofInstant(capture.createdAt(), java.time.ZoneOffset.UTC));
            ps.setObject(3, java.time.OffsetDateTime.ofInstant(capture.expiresAt(), java.time.ZoneOffset.UTC));
            ps.setString(4, capture.rollbackOf().orElse(null));
            ps.setInt(5, capture.statements());
            ps.setLong(6, capture.rowsChanged());
            ps.setArray(7, c.createArrayOf("text", capture.uncovered().toArray()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table("capture_table") + " (capture_id, n,"
                + " table_oid, qualified, key_columns, columns, type_oids, typmods, generated, identity_always,"
                + " before_rows, after_rows) VALUES (?, ?, ?::oid, ?, ?, ?, ?::oid[], ?, ?, ?, ?, ?)")) {
            for (StoredTable t : capture.tables()) {
                ps.setString(1, capture.id());
                ps.setInt(2, t.n());
                ps.setLong(3, t.oid());
                ps.setString(4, t.qualified());
                ps.setArray(5, c.createArrayOf("text", t.key().toArray()));
                ps.setArray(6, t.columnArray(c, "text", TableMeta.ColumnMeta::name));
                ps.setArray(7, t.columnArray(c, "int8", TableMeta.ColumnMeta::typeOid));
                ps.setArray(8, t.columnArray(c, "int4", TableMeta.ColumnMeta::typmod));
                ps.setArray(9, t.columnArray(c, "bool", TableMeta.ColumnMeta::generated));
                ps.setArray(10, t.columnArray(c, "bool", TableMeta.ColumnMeta::identityAlways));
                ps.setLong(11, t.beforeRows());
                ps.setLong(12, t.afterRows());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    Optional<StoredCapture> find(Connection c, String id) throws SQLException {
        if (!exists(c)) {
            return Optional.empty();
        }
        StoredCapture head;
        try (PreparedStatement ps = c.prepareStatement("SELECT created_at, expires_at, rollback_of, status,"
                + " statements, rows_changed, uncovered, rolled_back_by, script_statements, script_rows,"
                + " script_sha256 FROM " + table("capture") + " WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int scriptStatements = rs.getInt(9);
                boolean noScript = rs.wasNull();
                head = new StoredCapture(
                        id,
                        rs.getObject(1, java.time.OffsetDateTime.class).toInstant(),
                        rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getString(3)),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getLong(6),
                        Catalog.strings(rs.getArray(7)),
                        Optional.ofNullable(rs.getString(8)),
                        noScript ? Optional.empty() : Optional.of(scriptStatements),
                        rs.getLong(10),
                        Optional.ofNullable(rs.getString(11)),
                        List.of());
            }
        }
        List<StoredTable> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT n, table_oid::bigint, qualified, key_columns, columns,"
                + " type_oids::bigint[], typmods, generated, identity_always, before_rows, after_rows FROM "
                + table("capture_table") + " WHERE capture_id = ? ORDER BY n")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> names = Catalog.strings(rs.getArray(5));
                    Object[] types = (Object[]) rs.getArray(6).getArray();
                    Object[] typmods = (Object[]) rs.getArray(7).getArray();
                    Object[] generated = (Object[]) rs.getArray(8).getArray();
                    Object[] identity = (Object[]) rs.getArray(9).getArray();
                    List<TableMeta.ColumnMeta> columns = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) {
                        columns.add(new TableMeta.ColumnMeta(
                                names.get(i),
                                ((Number) types[i]).longValue(),
                                ((Number) typmods[i]).intValue(),
                                (Boolean) generated[i],
                                (Boolean) identity[i]));
                    }
                    tables.add(new StoredTable(
                            rs.getInt(1),
                            rs.getLong(2),
                            rs.getString(3),
                            Catalog.strings(rs.getArray(4)),
                            columns,
                            rs.getLong(10),
                            rs.getLong(11)));
                }
            }
        }
        return Optional.of(new StoredCapture(
                head.id(),
                head.createdAt(),
                head.expiresAt(),
                head.rollbackOf(),
                head.status(),
                head.statements(),
                head.rowsChanged(),
                head.uncovered(),
                head.rolledBackBy(),
                head.scriptStatements(),
                head.scriptRows(),
                head.scriptSha256(),
                tables));
    }

    StoredCapture require(Connection c, String id) throws SQLException {
        return find(c, id)
                .orElseThrow(() -> new DbChangeException(
                        RollbackErrorCode.ROLLBACK_NOT_FOUND,
                        "no capture '" + id + "' in schema " + schema + " of this database: it was never taken"
                                + " here or was purged after its retention; check the id and the database"));
    }

    /** Drops a capture's backup tables and bookkeeping rows; returns whether it existed. */
    boolean discard(Connection c, String id) throws SQLException {
        Optional<StoredCapture> capture = find(c, id);
        if (capture.isEmpty()) {
            return false;
        }
        try (Statement s = c.createStatement()) {
            for (StoredTable t : capture.get().tables()) {
                s.execute(
                        "DROP TABLE IF EXISTS " + table(beforeTable(id, t.n())) + ", " + table(afterTable(id, t.n())));
            }
        }
        for (String t : List.of("script_chunk", "capture_table")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table(t) + " WHERE capture_id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table("capture") + " WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
        return true;
    }

    /** Ids of captures whose retention has passed, oldest first. */
    List<String> expired(Connection c) throws SQLException {
        if (!exists(c)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT id FROM " + table("capture") + " WHERE expires_at <= now() ORDER BY created_at, id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
