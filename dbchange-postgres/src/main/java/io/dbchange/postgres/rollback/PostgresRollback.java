package io.dbchange.postgres.rollback;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.postgres.PostgresEngine;
import io.dbchange.postgres.rollback.internal.BackupStore;
import io.dbchange.postgres.rollback.internal.CaptureRunner;
import io.dbchange.postgres.rollback.internal.Inspect;
import io.dbchange.postgres.rollback.internal.RollbackApplier;
import io.dbchange.postgres.rollback.internal.ScriptGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Data rollback for PostgreSQL: runs a data change (INSERT, UPDATE, DELETE) with an exact capture of the rows it
 * writes, generates the inverse script from the capture, and applies it only where every row still holds what the
 * change wrote. The rollback is captured too, so it can be rolled back in turn.
 *
 * <pre>{@code
 * PostgresRollback rollback = PostgresRollback.configure().retention(Duration.ofDays(14)).build();
 * CapturedChange change = rollback.execute(connection, "UPDATE account SET tier = 'gold' WHERE spend > 1000",
 *         CaptureOptions.DEFAULTS);
 * RollbackScript script = rollback.generate(connection, change.id());      // review / approve script.sha256()
 * CapturedChange undone = rollback.apply(connection, change.id(), script.sha256());
 * }</pre>
 *
 * <p>Everything is kept in a backup schema of the same database ({@code dbchange_rollback} by default), written in
 * the change's own transaction. The connection's user needs {@code CREATE} on the database (for the schema, on first
 * use) besides the privileges the change itself needs. Captures are removed only by {@link #purgeExpired} once their
 * retention has passed, or by {@link #discard}; never as a side effect of anything else.
 *
 * <p>Instances are immutable and thread-safe; each call uses only the connection it is given, which must be in
 * auto-commit mode (each call runs transactions of its own), and restores its isolation setting before returning. A connection must not be used by another thread meanwhile.
 */
public final class PostgresRollback {

    /** How many conflicting rows a failed rollback lists per table at most. */
    public static final int MAX_LISTED_CONFLICTS = 100;

    private final BackupStore store;
    private final Duration retention;

    private PostgresRollback(Builder b) {
        this.store = new BackupStore(b.backupSchema);
        this.retention = b.retention;
    }

    /** A builder with the defaults below. */
    public static Builder configure() {
        return new Builder();
    }

    /**
     * Tells, without running anything, whether a script can be captured exactly: which tables it writes and what
     * stands in the way (statement shapes, triggers, cascading foreign keys, views, rules, row security, volatile
     * functions in conditions).
     */
    public RollbackCheck check(Connection connection, String script) {
        Objects.requireNonNull(connection, "'connection' must not be null");
        try {
            return Inspect.check(connection, statements(script));
        } catch (SQLException e) {
            throw failed("checking the script", e);
        }
    }

    /**
     * Runs the script in one {@code REPEATABLE READ} transaction with capture, and commits the change together with
     * its capture; nothing is committed on any failure.
     *
     * @throws DbChangeException {@link RollbackErrorCode#ROLLBACK_REFUSED} before anything runs when {@link #check}
     *     has refusals the options do not lift; {@link RollbackErrorCode#ROLLBACK_CAPTURE_MISMATCH} when the change
     *     wrote rows the capture did not account for; {@link RollbackErrorCode#ROLLBACK_CONCURRENT_CHANGE}
     *     (retryable) on a serialization failure; {@link RollbackErrorCode#ROLLBACK_STATEMENT_FAILED} when a
     *     statement fails
     */
    public CapturedChange execute(Connection connection, String script, CaptureOptions options) {
        requireAutoCommit(connection);
        Objects.requireNonNull(options, "'options' must not be null");
        List<String> statements = statements(script);
        try {
            return new CaptureRunner(store, retention).runScript(connection, statements, options);
        } catch (SQLException e) {
            throw failed("running the change", e);
        }
    }

    /**
     * Generates (or generates again) the rollback script of a capture: a few set-based statements per table that read
     * the inverse rows from the capture's backup tables, so it costs the same client memory for any number of rows.
     * Its {@link RollbackScript#sha256()}, over the statements, their row counts and the backup rows, is what an
     * approval binds to.
     */
    public RollbackScript generate(Connection connection, String captureId) {
        requireAutoCommit(connection);
        Objects.requireNonNull(captureId, "'captureId' must not be null");
        try {
            return new ScriptGenerator(store).generate(connection, captureId);
        } catch (SQLException e) {
            throw failed("generating the rollback of " + captureId, e);
        }
    }

    /** Streams the stored rollback script of a capture, statement by statement, in order. */
    public void readScript(Connection connection, String captureId, Consumer<ScriptChunk> consumer) {
        requireAutoCommit(connection);
        try {
            Inspect.readScript(connection, store, captureId, consumer);
        } catch (SQLException e) {
            throw failed("reading the rollback script of " + captureId, e);
        }
    }

    /**
     * Writes the stored rollback script as text for review: the session settings it needs, then each statement with
     * the row count it must change. Applying it through {@link #apply} is what checks those counts.
     */
    public void writeScript(Connection connection, String captureId, Appendable out) {
        try {
            out.append("-- dbchange rollback of capture ").append(captureId).append('\n');
            out.append("-- apply with PostgresRollback.apply, which checks every statement's row count\n");
            out.append("BEGIN ISOLATION LEVEL REPEATABLE READ;\n");
            out.append(Inspect.settingsScript());
            readScript(connection, captureId, chunk -> {
                try {
                    out.append("-- statement ")
                            .append(String.valueOf(chunk.index() + 1))
                            .append(": must change ")
                            .append(String.valueOf(chunk.expectedRows()))
                            .append(" rows\n")
                            .append(chunk.sql())
                            .append(";\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.append("COMMIT;\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Applies the generated rollback of a capture in one transaction, itself captured, so that the returned change
     * can be rolled back in turn ("rollback of a rollback").
     *
     * @param approvedSha256 the {@link RollbackScript#sha256()} that was reviewed; the script must still have it
     * @throws RollbackConflictException when rows no longer hold what the change wrote; nothing was changed
     * @throws DbChangeException {@link RollbackErrorCode#ROLLBACK_REFUSED} when the capture was rolled back already,
     *     has no script, the script is not the approved one, or a table changed its columns since
     */
    public CapturedChange apply(Connection connection, String captureId, String approvedSha256) {
        return apply(connection, captureId, approvedSha256, CaptureOptions.DEFAULTS);
    }

    /** {@link #apply(Connection, String, String)} with capture options (consent) for the rollback itself. */
    public CapturedChange apply(
            Connection connection, String captureId, String approvedSha256, CaptureOptions options) {
        requireAutoCommit(connection);
        Objects.requireNonNull(approvedSha256, "'approvedSha256' must not be null");
        try {
            return new RollbackApplier(store, new CaptureRunner(store, retention), MAX_LISTED_CONFLICTS)
                    .apply(connection, captureId, Optional.of(approvedSha256), options);
        } catch (SQLException e) {
            throw failed("applying the rollback of " + captureId, e);
        }
    }

    /** The stored capture with this id, if it exists (not purged). */
    public Optional<CapturedChange> find(Connection connection, String captureId) {
        try {
            return Inspect.find(connection, store, captureId);
        } catch (SQLException e) {
            throw failed("reading capture " + captureId, e);
        }
    }

    /**
     * Removes every capture whose retention has passed (its backup tables, script and bookkeeping), each in a
     * transaction of its own; returns how many were removed. Hosts call this on their own schedule.
     */
    public int purgeExpired(Connection connection) {
        requireAutoCommit(connection);
        try {
            return Inspect.purgeExpired(connection, store);
        } catch (SQLException e) {
            throw failed("purging expired captures", e);
        }
    }

    /** Removes one capture now, whatever its retention; returns whether it existed. */
    public boolean discard(Connection connection, String captureId) {
        requireAutoCommit(connection);
        try {
            return Inspect.discard(connection, store, captureId);
        } catch (SQLException e) {
            throw failed("discarding capture " + captureId, e);
        }
    }

    /**
     * Each call runs transactions of its own; on a connection inside the caller's transaction it would commit or roll
     * back the caller's work, so such a connection is refused.
     */
    private static void requireAutoCommit(Connection connection) {
        Objects.requireNonNull(connection, "'connection' must not be null");
        try {
            if (!connection.getAutoCommit()) {
                throw new DbChangeException(
                        CoreErrorCode.INVALID_ARGUMENT,
                        "'connection' must be in auto-commit mode: data rollback runs transactions of its own and"
                                + " must not commit or roll back the caller's; call setAutoCommit(true) after ending"
                                + " your transaction");
            }
        } catch (SQLException e) {
            throw failed("reading the connection's auto-commit mode", e);
        }
    }

    private static List<String> statements(String script) {
        Objects.requireNonNull(script, "'script' must not be null");
        List<SqlStatement> statements = new PostgresEngine().split(script);
        if (statements.isEmpty()) {
            throw new DbChangeException(CoreErrorCode.INVALID_ARGUMENT, "'script' has no statements");
        }
        return statements.stream().map(SqlStatement::sql).toList();
    }

    private static DbChangeException failed(String what, SQLException e) {
        return new DbChangeException(
                RollbackErrorCode.ROLLBACK_STATEMENT_FAILED,
                what + " failed (SQLState " + e.getSQLState() + "): " + e.getMessage(),
                e);
    }

    /** Settings of a {@link PostgresRollback}; {@link #build()} validates and copies them. */
    public static final class Builder {
        private String backupSchema = "dbchange_rollback";
        private Duration retention = Duration.ofDays(7);

        private Builder() {}

        /** The schema holding captures, scripts and backup rows (default: {@code dbchange_rollback}). */
        public Builder backupSchema(String schema) {
            this.backupSchema = Objects.requireNonNull(schema, "'schema' must not be null");
            return this;
        }

        /** How long a capture is kept before {@link #purgeExpired} may remove it (default: 7 days). */
        public Builder retention(Duration retention) {
            this.retention = Objects.requireNonNull(retention, "'retention' must not be null");
            return this;
        }

        public PostgresRollback build() {
            if (backupSchema.isBlank() || backupSchema.length() > 40) {
                throw new DbChangeException(
                        CoreErrorCode.INVALID_ARGUMENT,
                        "'backupSchema' must be 1 to 40 characters but was '" + backupSchema + "'");
            }
            if (retention.isNegative() || retention.isZero()) {
                throw new DbChangeException(
                        CoreErrorCode.INVALID_ARGUMENT, "'retention' must be positive but was " + retention);
            }
            return new PostgresRollback(this);
        }
    }
}
