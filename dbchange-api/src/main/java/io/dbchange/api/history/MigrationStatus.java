package io.dbchange.api.history;

/**
 * The outcome of a {@link MigrationRecord}. A record is written {@link #PENDING} before its statements run and
 * updated when they end, so nothing is applied without a record of it.
 */
public enum MigrationStatus {
    /** Its statements are running, or their runner stopped and their outcome is unknown. */
    PENDING,
    /** Every statement succeeded. */
    DONE,
    /** A statement failed; statements before it may have taken effect. */
    FAILED
}
