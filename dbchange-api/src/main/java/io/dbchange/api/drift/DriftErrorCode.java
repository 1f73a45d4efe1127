package io.dbchange.api.drift;

import io.dbchange.api.ErrorCode;

/** Error codes of drift checks and baselines. A drift itself is a value (a report and an anomaly), never an error. */
public enum DriftErrorCode implements ErrorCode {
    /** The database was not registered with the drift detector. */
    UNKNOWN_DATABASE(false),
    /**
     * The database's latest migration record is PENDING: a change is running (or its runner died), so the live schema
     * is between two recorded states. Checked again once the record is DONE or FAILED.
     */
    MIGRATION_IN_PROGRESS(true),
    /** Another node changed the database's anomaly at the same time, more often than the detector retries. */
    CONCURRENT_CHECK(true);

    private final boolean retryable;

    DriftErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
