package io.dbchange.mysql.rollback.internal;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.mysql.MySqlEngine;
import io.dbchange.mysql.internal.MySqlTransactionSemantics;
import io.dbchange.mysql.rollback.BinlogPosition;
import io.dbchange.mysql.rollback.CapturedChange;
import io.dbchange.mysql.rollback.PrerequisiteProblem;
import io.dbchange.mysql.rollback.RollbackErrorCode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs statements in one transaction on one connection and records what identifies that transaction in the binary
 * log: the log's end before {@code START TRANSACTION} and after {@code COMMIT}, the connection's thread id and, on
 * MariaDB, {@code @@last_gtid} after the commit. The schema is read before the transaction begins.
 *
 * <p>The transaction must stay one transaction: the server's in-transaction flag is checked after every statement,
 * so a statement that commits implicitly fails the capture (the statements before it have then been committed, and
 * the error says so).
 */
public final class Capture {

    /** Judges each statement's outcome; the verified apply uses it to find conflicts. */
    public interface Outcomes {
        /** Called after statement {@code number} (1-based) ran, with its update count, or with the error it raised. */
        void statement(long number, String sql, long updateCount, SQLException error);

        /** Called before the commit: throw to roll the transaction back instead. */
        void beforeCommit();
    }

    /** The first keyword of a statement a captured data change may contain. */
    private static final Pattern DATA_CHANGE = Pattern.compile(
            "(?is)^(?:\\s|/\\*.*?\\*/|--[^\\n]*\\n|#[^\\n]*\\n)*(INSERT|UPDATE|DELETE|REPLACE|WITH|SELECT)\\b.*");

    /** Generation maps rows through tables only; every table counts, shadow tables of online DDL too. */
    private static final SnapshotOptions TABLES_ONLY = SnapshotOptions.DEFAULTS
            .withoutIgnoredNames()
            .ignoring(
                    SnapshotOptions.ObjectKind.VIEW,
                    SnapshotOptions.ObjectKind.SEQUENCE,
                    SnapshotOptions.ObjectKind.ROUTINE,
                    SnapshotOptions.ObjectKind.TRIGGER,
                    SnapshotOptions.ObjectKind.EVENT);

    private final MySqlTransactionSemantics transactions = new MySqlTransactionSemantics();
    private final MySqlEngine engine = new MySqlEngine();

    /**
     * Runs the statements with capture.
     *
     * @param dataChangeOnly whether to refuse, before running anything, a statement that is not a data change
     * @param sessionSettings statements run before the transaction (and undone after it)
     * @param outcomes judges statements; {@code null} to fail on the first statement error
     * @param knownSchema the schema to record instead of reading it, or {@code null} to read it
     */
    public CapturedChange run(
            Connection c,
            Iterator<String> statements,
            boolean dataChangeOnly,
            List<String> sessionSettings,
            Duration minimumRetention,
            Outcomes outcomes,
            SchemaSnapshot knownSchema) {
        try {
            List<PrerequisiteProblem> problems = Prerequisites.check(c, minimumRetention);
            if (!problems.isEmpty()) {
                throw new DbChangeException(
                        RollbackErrorCode.ROLLBACK_PREREQUISITE_FAILED,
                        "binlog rollback cannot capture changes on this connection, nothing was executed: "
                                + problems.stream().map(Object::toString).collect(Collectors.joining("; "))
                                + "; fix these or run the change without rollback");
            }
            String database = c.getCatalog();
            if (database == null || database.isEmpty()) {
                throw new DbChangeException(
                        CoreErrorCode.INVALID_ARGUMENT,
                        "the connection has no current database; connect to the database the change is for");
            }
            boolean mariaDb;
            long threadId;
            String gtidBefore = null;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT VERSION(), CONNECTION_ID()")) {
                rs.next();
                mariaDb = rs.getString(1).toLowerCase(Locale.ROOT).contains("mariadb");
                threadId = rs.getLong(2);
            }
            if (mariaDb) {
                gtidBefore = single(c, "SELECT @@last_gtid");
            }
            SchemaSnapshot schema = knownSchema != null ? knownSchema : engine.readSchema(c, TABLES_ONLY);
            String savedTimeZone = null;
            String savedSqlMode = null;
            if (!sessionSettings.isEmpty()) {
                savedTimeZone = single(c, "SELECT @@SESSION.time_zone");
                savedSqlMode = single(c, "SELECT @@SESSION.sql_mode");
            }
            boolean autoCommit = c.getAutoCommit();
            BinlogPosition start = position(c, mariaDb);
            long count = 0;
            long rows = 0;
            try (Statement s = c.createStatement()) {
                for (String setting : sessionSettings) {
                    s.execute(setting);
                }
                c.setAutoCommit(false);
                s.execute("START TRANSACTION");
                boolean committed = false;
                try {
                    while (statements.hasNext()) {
                        String sql = statements.next();
                        count++;
                        if (dataChangeOnly && !DATA_CHANGE.matcher(sql).matches()) {
                            throw Errors.unsupported("statement " + count + " '" + BinlogReader.abbreviate(sql)
                                    + "' is not a data change (INSERT, UPDATE, DELETE, REPLACE); binlog rollback"
                                    + " captures data changes in one transaction, so run DDL as its own change");
                        }
                        long updated = -1;
                        SQLException error = null;
                        try {
                            // execute, not executeUpdate: a data change script may hold a SELECT (or a CTE).
                            if (s.execute(sql)) {
                                s.getResultSet().close();
                            } else {
                                updated = s.getLargeUpdateCount();
                            }
                        } catch (SQLException e) {
                            if (outcomes == null) {
                                throw Errors.execution(
                                        "statement " + count + " '" + BinlogReader.abbreviate(sql) + "' failed: "
                                                + e.getMessage() + "; the transaction was rolled back, nothing"
                                                + " changed",
                                        e);
                            }
                            error = e;
                        }
                        if (updated > 0) {
                            rows += updated;
                        }
                        if (outcomes != null) {
                            outcomes.statement(count, sql, updated, error);
                        }
                        if (!transactions.inTransaction(c, false)) {
                            throw Errors.unsupported("statement " + count + " '" + BinlogReader.abbreviate(sql)
                                    + "' ended the transaction (it commits implicitly or ran COMMIT/ROLLBACK);"
                                    + " what ran before it may be committed without a rollback; a captured change"
                                    + " must be one transaction of data changes");
                        }
                    }
                    if (outcomes != null) {
                        outcomes.beforeCommit();
                    }
                    c.commit();
                    committed = true;
                } finally {
                    if (!committed) {
                        rollbackQuietly(c);
                    }
                    c.setAutoCommit(autoCommit);
                    if (savedTimeZone != null) {
                        restore(c, savedTimeZone, savedSqlMode);
                    }
                }
            }
            BinlogPosition end = position(c, mariaDb);
            Optional<String> gtid = Optional.empty();
            if (mariaDb) {
                String after = single(c, "SELECT @@last_gtid");
                if (after == null || after.isEmpty() || after.equals(gtidBefore)) {
                    // Our transaction wrote nothing to the log (it changed no row): an empty rollback.
                    end = start;
                } else {
                    gtid = Optional.of(after);
                }
            }
            return new CapturedChange(database, start, end, gtid, threadId, count, rows, schema);
        } catch (SQLException e) {
            throw Errors.execution("capturing the change failed: " + e.getMessage(), e);
        }
    }

    private static void restore(Connection c, String timeZone, String sqlMode) throws SQLException {
        try (var s = c.prepareStatement("SET SESSION time_zone = ?, SESSION sql_mode = ?")) {
            s.setString(1, timeZone);
            s.setString(2, sqlMode);
            s.execute();
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure is what the caller needs; a lost connection rolls back anyway
        }
    }

    private static String single(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The end of the binary log: SHOW BINLOG STATUS (MariaDB), SHOW BINARY LOG STATUS (MySQL 8.2+), SHOW MASTER STATUS. */
    static BinlogPosition position(Connection c, boolean mariaDb) {
        List<String> queries = mariaDb
                ? List.of("SHOW BINLOG STATUS", "SHOW MASTER STATUS")
                : List.of("SHOW BINARY LOG STATUS", "SHOW MASTER STATUS");
        SQLException last = null;
        for (String query : queries) {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(query)) {
                if (!rs.next()) {
                    throw Errors.unavailable(
                            query + " returned nothing: the binary log is off; start the server with log-bin", null);
                }
                return new BinlogPosition(rs.getString("File"), rs.getLong("Position"));
            } catch (SQLException e) {
                last = e;
            }
        }
        throw Errors.unavailable(
                "cannot read the binary log position: " + last.getMessage()
                        + "; the user needs REPLICATION CLIENT (MariaDB: BINLOG MONITOR)",
                last);
    }
}
