package io.dbchange.api.change;

/** What kind of change a {@link ChangeRequest} makes. */
public enum ChangeType {
    /** Structural change (DDL): tables, columns, indexes, views, routines. */
    SCHEMA,
    /** Change to rows (DML); its effect can be rolled back where the engine captured it. */
    DATA,
    /** Creates a new database on an instance. */
    CREATE_DATABASE,
    /**
     * Records the live schema as the new reference without executing anything, for example to adopt an existing
     * database or to resolve drift.
     */
    BASELINE,
    /** Undoes an earlier {@link #DATA} change with statements generated from what it captured. */
    ROLLBACK
}
