package io.dbchange.mysql.rollback;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.mysql.rollback.internal.Capture;
import io.dbchange.mysql.rollback.internal.Generator;
import io.dbchange.mysql.rollback.internal.Prerequisites;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Data rollback for MySQL and MariaDB from the binary log: run a data change with capture, generate the SQL that
 * undoes exactly that change, and apply it verified.
 *
 * <pre>{@code
 * BinlogRollback rollback = BinlogRollback.of(ConnectionSettings.of(url, user, password));
 * try (Connection c = DriverManager.getConnection(url, user, password)) {
 *     CapturedChange change = rollback.execute(c, List.of("UPDATE account SET balance = 0 WHERE id < 100"));
 *     RollbackScript script = rollback.generate(change, Path.of("rollbacks", "change-42"));
 *     CapturedChange undone = rollback.apply(c, script);   // ROLLBACK_CONFLICT if a row changed since
 * }
 * }</pre>
 *
 * <p><b>Capture.</b> {@link #execute} checks the prerequisites (nothing runs if one fails), reads the schema, and
 * runs the statements in one transaction on the given connection, recording the binary log range, the GTID
 * (MariaDB) and the thread id. <b>Generation.</b> {@link #generate} reads the log from the recorded start with the
 * replication protocol (as the settings' user), keeps only the rows of that transaction, and writes one inverse
 * statement per row, last row first, into gzip'd chunk files, in memory independent of the change's size.
 * <b>Apply.</b> {@link #apply} runs a script in one transaction, itself captured (so it can be rolled back in turn);
 * every statement must affect exactly one row, which holds only while the row still has the values the change
 * wrote; otherwise everything is rolled back and a {@link RollbackConflictException} lists the rows.
 *
 * <p>Not covered: rows changed by triggers are undone, but the rollback's own statements fire triggers again;
 * {@code ON DELETE CASCADE} deletes by InnoDB are not in the binary log; DDL cannot be captured. Immutable and
 * thread-safe; the connections passed in are used by one call at a time.
 */
public final class BinlogRollback {

    /** The default minimum binary log retention that {@link #checkPrerequisites} asks for: one day. */
    public static final Duration DEFAULT_MINIMUM_RETENTION = Duration.ofDays(1);

    private static final Pattern HOST_PORT =
            Pattern.compile("^jdbc:(?:mysql|mariadb)://(\\[[^\\]]+\\]|[^:/?,]+)(?::(\\d+))?");

    private final ConnectionSettings settings;
    private final String host;
    private final int port;
    private final Duration minimumRetention;

    private BinlogRollback(ConnectionSettings settings, String host, int port, Duration minimumRetention) {
        this.settings = settings;
        this.host = host;
        this.port = port;
        this.minimumRetention = minimumRetention;
    }

    /**
     * Rollback for the server behind {@code settings}: its URL's host and port (default 3306) and its user are
     * used to read the binary log; the user needs {@code REPLICATION SLAVE}.
     *
     * @throws DbChangeException {@code INVALID_ARGUMENT} if the URL is not a {@code jdbc:mysql:} or {@code
     *     jdbc:mariadb:} URL with a single host
     */
    public static BinlogRollback of(ConnectionSettings settings) {
        Objects.requireNonNull(settings, "'settings' must not be null");
        Matcher m = HOST_PORT.matcher(settings.jdbcUrl());
        if (!m.find()) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "'settings' must have a jdbc:mysql:// or jdbc:mariadb:// URL with a host, but had "
                            + ConnectionSettings.redact(settings.jdbcUrl()));
        }
        String host =
                m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        int port = m.group(2) == null ? 3306 : Integer.parseInt(m.group(2));
        return new BinlogRollback(settings, host, port, DEFAULT_MINIMUM_RETENTION);
    }

    /**
     * This rollback asking for at least {@code retention} of binary log retention (default {@link
     * #DEFAULT_MINIMUM_RETENTION}; {@code Duration.ZERO} for no minimum). A server that keeps logs forever always
     * passes.
     */
    public BinlogRollback withMinimumRetention(Duration retention) {
        Objects.requireNonNull(retention, "'retention' must not be null");
        if (retention.isNegative()) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT, "'retention' must not be negative but was " + retention);
        }
        return new BinlogRollback(settings, host, port, retention);
    }

    /**
     * Checks everything capture and generation need, on the connection that will run the change: {@code log_bin},
     * {@code binlog_format=ROW} (global and session), {@code binlog_row_image=FULL} (global and session), no
     * partial JSON updates or compressed binary logs, {@code REPLICATION SLAVE} and {@code REPLICATION CLIENT}
     * ({@code BINLOG MONITOR}) privileges, binary log retention at least the minimum.
     *
     * @return every problem found; empty when rollback can be captured
     */
    public List<PrerequisiteProblem> checkPrerequisites(Connection connection) {
        Objects.requireNonNull(connection, "'connection' must not be null");
        try {
            return Prerequisites.check(connection, minimumRetention);
        } catch (SQLException e) {
            throw new DbChangeException(
                    CoreErrorCode.PROBE_FAILED, "cannot read the binlog settings: " + e.getMessage(), e);
        }
    }

    /**
     * Runs a data change (INSERT, UPDATE, DELETE, REPLACE statements) in one transaction with capture.
     *
     * @throws DbChangeException {@code ROLLBACK_PREREQUISITE_FAILED} (nothing ran), {@code ROLLBACK_UNSUPPORTED} for
     *     a statement that is not a data change (nothing ran) or that ended the transaction, {@code
     *     ROLLBACK_EXECUTION_FAILED} when a statement failed (the transaction was rolled back)
     */
    public CapturedChange execute(Connection connection, List<String> statements) {
        Objects.requireNonNull(connection, "'connection' must not be null");
        List<String> copy = List.copyOf(statements);
        return new Capture().run(connection, copy.iterator(), true, List.of(), minimumRetention, null, null);
    }

    /**
     * Like {@link #execute(Connection, List)}, but records {@code schema} instead of reading the database's schema
     * (a catalog read that costs time on databases with many tables): pass a snapshot of this database taken
     * before the change and after its last schema change, such as the one the pipeline records in history.
     * Generation maps binlog columns by position to this snapshot's columns and refuses a table whose column count
     * differs; a snapshot with columns renamed or retyped since gives a wrong rollback, so never pass an older one.
     */
    public CapturedChange execute(Connection connection, List<String> statements, SchemaSnapshot schema) {
        Objects.requireNonNull(connection, "'connection' must not be null");
        Objects.requireNonNull(schema, "'schema' must not be null");
        List<String> copy = List.copyOf(statements);
        return new Capture().run(connection, copy.iterator(), true, List.of(), minimumRetention, null, schema);
    }

    /**
     * Generates the script undoing {@code change} into {@code directory}, which must be new or empty.
     *
     * @throws DbChangeException {@code BINLOG_UNAVAILABLE} when the log range is gone or the transaction is not in
     *     it; {@code ROLLBACK_UNSUPPORTED} for rows that cannot be inverted exactly
     */
    public RollbackScript generate(CapturedChange change, Path directory) {
        Objects.requireNonNull(change, "'change' must not be null");
        Objects.requireNonNull(directory, "'directory' must not be null");
        return new Generator(host, port, settings.user(), settings.password()).generate(change, directory);
    }

    /**
     * Applies a rollback script in one transaction, verified and captured: run on a connection to the script's
     * database.
     *
     * @return the captured rollback, which {@link #generate} turns into the rollback of the rollback
     * @throws RollbackConflictException when rows no longer hold what the change wrote; nothing changed
     */
    public CapturedChange apply(Connection connection, RollbackScript script) {
        Objects.requireNonNull(connection, "'connection' must not be null");
        Objects.requireNonNull(script, "'script' must not be null");
        try {
            if (!script.database().equals(connection.getCatalog())) {
                throw new DbChangeException(
                        CoreErrorCode.INVALID_ARGUMENT,
                        "the rollback script is for database `" + script.database() + "` but the connection is to `"
                                + connection.getCatalog() + "`; connect to `" + script.database() + "`");
            }
        } catch (SQLException e) {
            throw new DbChangeException(CoreErrorCode.CONNECTION_FAILED, e.getMessage(), e);
        }
        Verifier verifier = new Verifier(script);
        try (Stream<String> statements = script.statements()) {
            Iterator<String> iterator = statements.iterator();
            // A verified apply succeeds only on the tables the script was generated for, so their recorded schema
            // is the schema of the rollback too (and reading it again would cost a catalog round trip per apply).
            return new Capture()
                    .run(
                            connection,
                            iterator,
                            false,
                            RollbackScript.SESSION_SETTINGS,
                            minimumRetention,
                            verifier,
                            script.source().schema());
        }
    }

    /** Every inverse statement must affect exactly one row. */
    private static final class Verifier implements Capture.Outcomes {
        private final RollbackScript script;
        private final List<RollbackConflict> conflicts = new ArrayList<>();
        private long count;

        Verifier(RollbackScript script) {
            this.script = script;
        }

        @Override
        public void statement(long number, String sql, long updateCount, SQLException error) {
            String reason = null;
            if (error != null) {
                reason = error.getErrorCode() == 1062
                        ? "a row with this key exists again (" + error.getMessage() + ")"
                        : "failed: " + error.getMessage();
            } else if (updateCount != 1) {
                reason = "matched " + updateCount + " rows, expected 1: the row no longer holds the values the change"
                        + " wrote";
            }
            if (reason != null) {
                count++;
                if (conflicts.size() < RollbackConflictException.MAX_LISTED) {
                    conflicts.add(new RollbackConflict(
                            number, sql.length() <= 500 ? sql : sql.substring(0, 500) + "...", reason));
                }
            }
        }

        @Override
        public void beforeCommit() {
            if (count > 0) {
                throw new RollbackConflictException(
                        count + " of " + script.statementCount() + " statements of the rollback of change "
                                + script.source()
                                        .gtid()
                                        .orElse("thread " + script.source().threadId()) + " in `"
                                + script.database() + "` found their rows changed since; the rollback was rolled"
                                + " back, nothing changed; first: " + conflicts.get(0)
                                + "; review the rows and roll back by hand or generate a new change",
                        conflicts,
                        count);
            }
        }
    }
}
