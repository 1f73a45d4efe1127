package io.dbchange.postgres.rollback;

import io.dbchange.api.ErrorCode;

/** Error codes of PostgreSQL data rollback, in addition to {@link io.dbchange.api.CoreErrorCode}. */
public enum RollbackErrorCode implements ErrorCode {
    /**
     * A change cannot be captured exactly, or a rollback cannot be applied, for a reason known before anything runs
     * (a statement shape, a trigger or cascade without consent, a table without row identity); nothing was executed.
     * The message names the statement or table and what to change.
     */
    ROLLBACK_REFUSED(false),
    /**
     * Applying a rollback found rows that no longer hold the values the change wrote; the whole rollback was rolled
     * back. {@link RollbackConflictException#conflicts()} lists the rows.
     */
    ROLLBACK_CONFLICT(false),
    /**
     * While a change ran, the capture saw a different set of rows than the statement changed (a row count that does
     * not match, a write by a trigger, cascade or function to a table the capture does not cover); the change was
     * rolled back and nothing was committed.
     */
    ROLLBACK_CAPTURE_MISMATCH(false),
    /**
     * Another transaction changed a row this change or rollback touches while it ran (a serialization failure under
     * {@code REPEATABLE READ}); everything was rolled back, and running it again may succeed.
     */
    ROLLBACK_CONCURRENT_CHANGE(true),
    /** No capture with the given id exists in the backup schema (never taken, or purged after its retention). */
    ROLLBACK_NOT_FOUND(false),
    /** A statement of the change or of the rollback script failed; everything was rolled back. */
    ROLLBACK_STATEMENT_FAILED(false);

    private final boolean retryable;

    RollbackErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
