package io.dbchange.mysql.rollback;

import io.dbchange.api.ErrorCode;

/** Error codes of binlog-based data rollback on MySQL/MariaDB. */
public enum RollbackErrorCode implements ErrorCode {
    /**
     * The binary log cannot be read for the captured range: it was purged, the server cannot be reached by the
     * replication protocol, or our transaction is not in the range. The message names the position and the fix.
     */
    BINLOG_UNAVAILABLE(true),
    /**
     * A setting or privilege that binlog rollback needs is missing (binary log off, not {@code ROW} format, row
     * image not {@code FULL}, partial JSON updates, no replication privileges, retention too short); nothing was
     * executed. The message lists every problem and its fix.
     */
    ROLLBACK_PREREQUISITE_FAILED(false),
    /**
     * Applying a rollback found rows that no longer hold the values the change wrote (someone changed them since,
     * or the rollback already ran); the whole rollback transaction was rolled back. The exception lists the rows.
     */
    ROLLBACK_CONFLICT(false),
    /**
     * The change cannot be rolled back from the binary log: a statement that commits implicitly, a column type or
     * event we do not invert exactly (compressed or partial row events), a table outside the captured database.
     */
    ROLLBACK_UNSUPPORTED(false),
    /** Running the change or the rollback failed: a statement failed, the transaction was rolled back. */
    ROLLBACK_EXECUTION_FAILED(false),
    /** Writing or reading the script's chunk files failed. */
    ROLLBACK_SCRIPT_IO(true);

    private final boolean retryable;

    RollbackErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
