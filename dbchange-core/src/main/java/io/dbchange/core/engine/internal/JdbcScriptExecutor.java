package io.dbchange.core.engine.internal;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ExecutionOptions;
import io.dbchange.api.engine.ExecutionOptions.TransactionMode;
import io.dbchange.api.engine.ScriptResult;
import io.dbchange.api.engine.SqlProblem;
import io.dbchange.api.engine.StatementOutcome;
import io.dbchange.api.engine.StatementResult;
import io.dbchange.api.sql.SqlStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a script statement by statement over JDBC and reports, for every statement, whether it took effect: the
 * shared loop behind every engine's {@code DatabaseEngine.execute}. Stateless and thread-safe; a connection is used
 * by one execution at a time.
 *
 * <p>Each statement runs through a plain {@link Statement} with escape processing off (so {@code {...}} in SQL text
 * reaches the server untouched), all its result sets and update counts are drained (a {@code CALL} may return
 * several), and its warnings are collected. A statement timeout is given to the driver with
 * {@link Statement#setQueryTimeout(int)}, which counts whole seconds: a timeout is rounded <em>up</em> to the next
 * second, so {@code 1500 ms} allows two seconds.
 *
 * <p><b>Which statements took effect.</b> Statements that succeed inside a transaction that is still open are
 * "pending". Whether a transaction is open is read from the session's status as the server reports it after every
 * statement ({@link TransactionSemantics#inTransaction}); the statement's leading keywords only say how an open
 * transaction ended ({@link TransactionControl}): when it ends with a commit (explicit, or implicit as DDL does in
 * MySQL) the pending statements took effect; when it is rolled back (by the script, by a deadlock, or by us after a
 * failure) they are reported {@link StatementOutcome#ROLLED_BACK}. A failure stops the script: the failed statement
 * is {@link StatementOutcome#FAILED}, an open transaction is rolled back, and the statements after it are
 * {@link StatementOutcome#NOT_RUN}. A transaction the script leaves open is committed at its end (logged as a
 * warning). Statements undone by {@code ROLLBACK TO SAVEPOINT} are not recognised and stay reported as succeeded.
 *
 * <p><b>Hazards.</b> When the connection breaks while a statement, commit or rollback is in flight, nobody can know
 * whether it took effect; rather than guess, the executor throws {@code CONNECTION_FAILED} naming that statement.
 * A deferred constraint can make the final {@code COMMIT} fail: then the last statement of the transaction is
 * reported failed with the commit's error and the whole transaction rolled back. The connection's auto-commit
 * state is restored before returning; the connection must not have a transaction open when execution starts.
 */
public final class JdbcScriptExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcScriptExecutor.class);

    /** How long to wait for the server when checking whether a connection survived an error. */
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    private final String engineName;
    private final TransactionSemantics semantics;
    private final SpecialStatements specialStatements;

    /**
     * @param engineName the engine's name, for messages and logs
     * @param semantics the engine's transaction semantics
     * @param specialStatements the statements the engine runs through a driver API (no statement timeout applies
     *     to those), or {@link SpecialStatements#NONE}
     */
    public JdbcScriptExecutor(String engineName, TransactionSemantics semantics, SpecialStatements specialStatements) {
        this.engineName = Objects.requireNonNull(engineName, "'engineName' must not be null");
        this.semantics = Objects.requireNonNull(semantics, "'semantics' must not be null");
        this.specialStatements = Objects.requireNonNull(specialStatements, "'specialStatements' must not be null");
    }

    /** Executes the statements in order, as described in the class documentation. */
    public ScriptResult execute(Connection connection, List<SqlStatement> statements, ExecutionOptions options) {
        Objects.requireNonNull(connection, "'connection' must not be null");
        Objects.requireNonNull(statements, "'statements' must not be null");
        Objects.requireNonNull(options, "'options' must not be null");
        long started = System.nanoTime();
        var run = new Run(connection, List.copyOf(statements), options);
        run.execute();
        return new ScriptResult(List.of(run.results), Duration.ofNanos(System.nanoTime() - started));
    }

    /** Whole seconds for {@link Statement#setQueryTimeout(int)}, rounded up; 0 for no limit. */
    static int timeoutSeconds(Duration timeout) {
        long seconds = timeout.getSeconds() + (timeout.getNano() > 0 ? 1 : 0);
        return (int) Math.min(seconds, Integer.MAX_VALUE);
    }

    /** The state of one execution. */
    private final class Run {
        private final Connection connection;
        private final List<SqlStatement> statements;
        private final StatementResult[] results;
        private final int timeoutSeconds;
        private final boolean oneTransaction;
        /** Indexes of statements that succeeded in a transaction that has not ended yet. */
        private final List<Integer> pending = new ArrayList<>();
        /** Set once the connection is known to be broken, so nothing more is sent on it. */
        private boolean lost;

        Run(Connection connection, List<SqlStatement> statements, ExecutionOptions options) {
            this.connection = connection;
            this.statements = statements;
            this.results = new StatementResult[statements.size()];
            this.timeoutSeconds = timeoutSeconds(options.statementTimeout());
            this.oneTransaction =
                    options.transactionMode() == TransactionMode.ENGINE && semantics.scriptRunsInOneTransaction();
        }

        void execute() {
            boolean originalAutoCommit;
            try {
                originalAutoCommit = connection.getAutoCommit();
                if (semantics.inTransaction(connection, true)) {
                    throw new DbChangeException(
                            CoreErrorCode.INVALID_ARGUMENT,
                            "the connection given to the " + engineName + " engine has a transaction open; commit or"
                                    + " roll it back before executing a script, so that the script's outcome does"
                                    + " not depend on it");
                }
            } catch (SQLException e) {
                throw connectionFailed("reading the connection's state before the script", e);
            }
            try {
                setAutoCommit(!oneTransaction, () -> "before the script");
                int i = 0;
                while (i < statements.size() && step(i)) {
                    i++;
                }
                if (i == statements.size()) {
                    finish();
                }
            } finally {
                restoreAutoCommit(originalAutoCommit);
            }
        }

        /** Runs statement {@code i}; false when the script stops there. */
        private boolean step(int i) {
            SqlStatement statement = statements.get(i);
            boolean alone = oneTransaction && semantics.mustRunOutsideTransaction(statement);
            if (alone) {
                if (!commitBeforeStandalone(i)) {
                    return false;
                }
                setAutoCommit(true, () -> "before " + statement.summary());
            }
            boolean wasInTransaction = inTransaction(false, () -> "before " + statement.summary());
            Attempt attempt = attempt(statement);
            if (attempt.error() != null) {
                fail(i, attempt);
                return false;
            }
            results[i] = new StatementResult(
                    statement,
                    StatementOutcome.SUCCEEDED,
                    attempt.duration(),
                    attempt.updateCount(),
                    attempt.warnings(),
                    Optional.empty());
            LOG.debug(
                    "{} - statement #{} at {} succeeded in {} ms (update count {}, {} warnings)",
                    engineName,
                    i + 1,
                    statement.start(),
                    attempt.duration().toMillis(),
                    attempt.updateCount(),
                    attempt.warnings().size());
            boolean inTransaction = inTransaction(false, () -> "after " + statement.summary());
            TransactionControl control = TransactionControl.of(statement.sql(), semantics.dialect());
            if (control == TransactionControl.ROLLBACK) {
                markPending(StatementOutcome.ROLLED_BACK);
            } else if (!inTransaction || control == TransactionControl.COMMIT) {
                pending.clear();
            } else {
                if (control == TransactionControl.BEGIN
                        && wasInTransaction
                        && semantics.beginCommitsOpenTransaction()) {
                    pending.clear();
                }
                pending.add(i);
            }
            if (alone) {
                setAutoCommit(false, () -> "after " + statement.summary());
            }
            return true;
        }

        /** Records a failed statement, rolls back what it must, and marks the rest not run. */
        private void fail(int i, Attempt attempt) {
            SqlStatement statement = statements.get(i);
            SQLException error = attempt.error();
            if (connectionLost(error)) {
                lost = true;
                throw outcomeUnknown("statement " + statement.summary() + " ran", statement, error);
            }
            results[i] = new StatementResult(
                    statement,
                    StatementOutcome.FAILED,
                    attempt.duration(),
                    -1,
                    attempt.warnings(),
                    Optional.of(problem(error)));
            LOG.info(
                    "{} - statement #{} at {} failed (SQLSTATE {}, code {}); the statements after it do not run",
                    engineName,
                    i + 1,
                    statement.start(),
                    error.getSQLState(),
                    error.getErrorCode());
            if (inTransaction(true, () -> "after " + statement.summary() + " failed")) {
                endTransaction(false, "rolling back the transaction after " + statement.summary() + " failed");
                markPending(StatementOutcome.ROLLED_BACK);
            } else if (!pending.isEmpty()) {
                if (semantics.errorRolledBackTransaction(error)) {
                    markPending(StatementOutcome.ROLLED_BACK);
                } else {
                    // The failed statement committed the open transaction implicitly before it failed (MySQL DDL).
                    LOG.info(
                            "{} - statement #{} at {} committed the open transaction implicitly before it failed",
                            engineName,
                            i + 1,
                            statement.start());
                    pending.clear();
                }
            }
            markNotRun(i + 1);
        }

        /** Commits the open transaction before a statement that must run alone; false if the commit failed. */
        private boolean commitBeforeStandalone(int i) {
            SqlStatement statement = statements.get(i);
            if (pending.isEmpty() && !inTransaction(false, () -> "before " + statement.summary())) {
                return true;
            }
            LOG.info(
                    "{} - committing the open transaction before statement #{} at {} ({}), which cannot run inside a"
                            + " transaction block; a new transaction begins after it",
                    engineName,
                    i + 1,
                    statement.start(),
                    String.join(" ", SqlWords.leading(statement.sql(), semantics.dialect(), 4)));
            return commit(i, "committing the transaction before " + statement.summary());
        }

        /** Commits a transaction the script still has open after its last statement. */
        private void finish() {
            if (pending.isEmpty() && !inTransaction(false, () -> "after the last statement")) {
                return;
            }
            if (!oneTransaction) {
                LOG.warn("{} - the script left a transaction open after its last statement; committing it", engineName);
            }
            commit(statements.size(), "committing the script's transaction");
        }

        /**
         * Commits; on failure (a deferred constraint, say) the server has rolled the transaction back, so its last
         * statement carries the error, the others are rolled back and statements from {@code next} on do not run.
         */
        private boolean commit(int next, String what) {
            SQLException error = endTransaction(true, what);
            if (error == null) {
                pending.clear();
                return true;
            }
            if (pending.isEmpty()) {
                // Only an empty transaction (opened by COMMIT AND CHAIN, say) was open: nothing is lost.
                LOG.warn("{} - {} failed on an empty transaction: {}", engineName, what, describe(error));
                return true;
            }
            int last = pending.remove(pending.size() - 1);
            markPending(StatementOutcome.ROLLED_BACK);
            StatementResult ran = results[last];
            var problem = problem(error);
            results[last] = new StatementResult(
                    ran.statement(),
                    StatementOutcome.FAILED,
                    ran.duration(),
                    -1,
                    ran.warnings(),
                    Optional.of(new SqlProblem(
                            problem.sqlState(),
                            problem.vendorCode(),
                            "the transaction's COMMIT after this statement failed, so the transaction was rolled"
                                    + " back: " + problem.message())));
            LOG.info(
                    "{} - {} failed (SQLSTATE {}); the transaction was rolled back",
                    engineName,
                    what,
                    error.getSQLState());
            markNotRun(next);
            return false;
        }

        /**
         * Commits or rolls back; returns a commit's SQL error (the transaction is then rolled back). A failed
         * rollback, or a lost connection, throws {@code CONNECTION_FAILED}.
         */
        private SQLException endTransaction(boolean commit, String what) {
            try {
                if (connection.getAutoCommit()) {
                    // Drivers refuse commit()/rollback() in auto-commit mode; a transaction the script opened
                    // itself is ended with SQL.
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(commit ? "COMMIT" : "ROLLBACK");
                    }
                } else if (commit) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                return null;
            } catch (SQLException e) {
                if (commit && !connectionLost(e)) {
                    return e;
                }
                lost = true;
                throw outcomeUnknown(what, null, e);
            }
        }

        // "when" is built only for an error: it names a statement, and most calls succeed (every statement of every
        // task of a fan-out asks).
        private boolean inTransaction(boolean refresh, java.util.function.Supplier<String> when) {
            try {
                return semantics.inTransaction(connection, refresh);
            } catch (SQLException e) {
                lost = true;
                throw outcomeUnknown("reading the transaction status " + when.get(), null, e);
            }
        }

        private void setAutoCommit(boolean autoCommit, java.util.function.Supplier<String> when) {
            try {
                if (connection.getAutoCommit() != autoCommit) {
                    connection.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                lost = true;
                throw outcomeUnknown("setting auto-commit " + when.get(), null, e);
            }
        }

        private void restoreAutoCommit(boolean autoCommit) {
            if (lost) {
                return;
            }
            try {
                // Not from the driver's belief: a script may have changed the session's auto-commit with SQL behind
                // the driver. Only the server's own report (MySQL's status flags) may skip the round trip.
                if (!semantics.serverReportsAutoCommit(connection, autoCommit)) {
                    connection.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                throw connectionFailed("restoring auto-commit after the script", e);
            }
        }

        private void markPending(StatementOutcome outcome) {
            for (int index : pending) {
                results[index] = results[index].withOutcome(outcome);
            }
            pending.clear();
        }

        private void markNotRun(int from) {
            for (int i = from; i < statements.size(); i++) {
                results[i] = StatementResult.notRun(statements.get(i));
            }
        }

        private Attempt attempt(SqlStatement statement) {
            long started = System.nanoTime();
            var warnings = new ArrayList<SqlProblem>();
            long updateCount = -1;
            Statement jdbc = null;
            try {
                OptionalLong special = specialStatements.execute(connection, statement);
                if (special.isPresent()) {
                    return new Attempt(elapsed(started), special.getAsLong(), warnings, null);
                }
                jdbc = connection.createStatement();
                jdbc.setEscapeProcessing(false);
                if (timeoutSeconds > 0) {
                    jdbc.setQueryTimeout(timeoutSeconds);
                }
                boolean isResultSet = jdbc.execute(statement.sql());
                while (true) {
                    if (isResultSet) {
                        ResultSet resultSet = jdbc.getResultSet();
                        if (resultSet != null) {
                            resultSet.close();
                        }
                    } else {
                        long count = jdbc.getLargeUpdateCount();
                        if (count == -1) {
                            break;
                        }
                        updateCount = updateCount < 0 ? count : updateCount + count;
                    }
                    isResultSet = jdbc.getMoreResults();
                }
                addWarnings(jdbc.getWarnings(), warnings, null);
                return new Attempt(elapsed(started), updateCount, warnings, null);
            } catch (SQLException e) {
                Duration duration = elapsed(started);
                if (jdbc != null) {
                    try {
                        addWarnings(jdbc.getWarnings(), warnings, e);
                    } catch (SQLException ignored) {
                        // The warnings of a statement whose connection broke are lost with it.
                    }
                }
                return new Attempt(duration, -1, warnings, e);
            } finally {
                if (jdbc != null) {
                    try {
                        jdbc.close();
                    } catch (SQLException ignored) {
                        // Closing a statement of a broken connection; the failure is reported on its own.
                    }
                }
            }
        }

        private SqlProblem problem(SQLException error) {
            String message = describe(error);
            boolean timedOut = error instanceof SQLTimeoutException || "57014".equals(error.getSQLState());
            if (timeoutSeconds > 0 && timedOut) {
                message = "the statement exceeded the statement timeout of " + timeoutSeconds + " s and was cancelled: "
                        + message;
            }
            return new SqlProblem(error.getSQLState(), error.getErrorCode(), message);
        }

        private boolean connectionLost(SQLException error) {
            String state = error.getSQLState();
            if ((state != null && state.startsWith("08"))
                    || error instanceof SQLRecoverableException
                    || error instanceof SQLNonTransientConnectionException) {
                return true;
            }
            try {
                return connection.isClosed() || !connection.isValid(VALIDATION_TIMEOUT_SECONDS);
            } catch (SQLException e) {
                return true;
            }
        }

        /** The statements that took effect and those left pending, for messages about a lost connection. */
        private String effectSoFar() {
            List<Integer> tookEffect = IntStream.range(0, results.length)
                    .filter(i -> results[i] != null && results[i].tookEffect() && !pending.contains(i))
                    .boxed()
                    .toList();
            String sentence = tookEffect.isEmpty()
                    ? "No earlier statement of the script had taken effect."
                    : numbered(tookEffect) + " had taken effect.";
            if (!pending.isEmpty()) {
                sentence += " " + numbered(pending) + " ran in a transaction that was still open; a server rolls such"
                        + " a transaction back when the connection ends.";
            }
            return sentence;
        }

        private String numbered(List<Integer> indexes) {
            return (indexes.size() == 1 ? "Statement " : "Statements ")
                    + indexes.stream().map(i -> "#" + (i + 1)).collect(Collectors.joining(", "));
        }

        private DbChangeException outcomeUnknown(String what, SqlStatement statement, SQLException cause) {
            String subject =
                    statement == null ? "" : " The outcome of statement " + statement.summary() + " is unknown.";
            return new DbChangeException(
                    CoreErrorCode.CONNECTION_FAILED,
                    "the " + engineName + " connection broke while " + what + "." + subject + " " + effectSoFar()
                            + " Check the database before running the script again. Cause: " + describe(cause),
                    cause);
        }

        private DbChangeException connectionFailed(String what, SQLException cause) {
            return new DbChangeException(
                    CoreErrorCode.CONNECTION_FAILED,
                    "the " + engineName + " connection failed while " + what + ": " + describe(cause),
                    cause);
        }
    }

    private static void addWarnings(SQLWarning warning, List<SqlProblem> into, SQLException error) {
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            // MySQL reports a statement's error among its warnings as well; keep it only as the error.
            if (error != null
                    && w.getErrorCode() == error.getErrorCode()
                    && Objects.equals(w.getMessage(), error.getMessage())) {
                continue;
            }
            into.add(new SqlProblem(w.getSQLState(), w.getErrorCode(), describe(w)));
        }
    }

    private static String describe(SQLException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** One statement's run: an {@code error} exactly when it failed. */
    private record Attempt(Duration duration, long updateCount, List<SqlProblem> warnings, SQLException error) {}
}
