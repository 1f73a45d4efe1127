package io.dbchange.api.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How to execute a script.
 *
 * @param statementTimeout the longest one statement may run before the server is asked to cancel it, or
 *     {@link Duration#ZERO} for no limit (default)
 * @param transactionMode how statements are grouped into transactions (default {@link TransactionMode#ENGINE})
 */
public record ExecutionOptions(Duration statementTimeout, TransactionMode transactionMode) {

    /** No statement timeout; the engine's natural transaction semantics. */
    public static final ExecutionOptions DEFAULTS = new ExecutionOptions(Duration.ZERO, TransactionMode.ENGINE);

    public ExecutionOptions {
        Objects.requireNonNull(statementTimeout, "'statementTimeout' must not be null");
        if (statementTimeout.isNegative()) {
            throw new IllegalArgumentException("'statementTimeout' must not be negative but was " + statementTimeout);
        }
        Objects.requireNonNull(transactionMode, "'transactionMode' must not be null");
    }

    public ExecutionOptions withStatementTimeout(Duration timeout) {
        return new ExecutionOptions(timeout, transactionMode);
    }

    public ExecutionOptions withTransactionMode(TransactionMode mode) {
        return new ExecutionOptions(statementTimeout, mode);
    }

    /** How an engine groups a script's statements into transactions. */
    public enum TransactionMode {
        /**
         * The engine's own semantics. PostgreSQL: the whole script in one transaction (DDL included), except
         * statements that cannot run inside one (e.g. {@code CREATE INDEX CONCURRENTLY}), which run alone. MySQL and
         * MariaDB: each statement commits as it completes (DDL commits implicitly anyway), so every statement that
         * ran before a failure has taken effect, unless the script opened a transaction of its own.
         */
        ENGINE,
        /** Every statement in its own auto-committed transaction, on every engine. */
        AUTOCOMMIT
    }
}
