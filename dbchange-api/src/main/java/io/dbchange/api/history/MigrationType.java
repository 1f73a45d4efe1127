package io.dbchange.api.history;

/** What kind of change a {@link MigrationRecord} records. */
public enum MigrationType {
    /** A structural change (DDL). */
    SCHEMA,
    /** A change to rows (DML). */
    DATA,
    /** The live schema adopted as the reference, without executing anything (adoption, drift resolution). */
    BASELINE,
    /** The undoing of an earlier {@link #DATA} change. */
    ROLLBACK
}
