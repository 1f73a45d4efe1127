package io.dbchange.core.schema.diff;

/** What happened to an object between two snapshots. */
public enum ChangeKind {
    /** It exists only in the second snapshot. */
    ADDED,
    /** It exists only in the first snapshot. */
    REMOVED,
    /** It exists in both with different attributes. */
    CHANGED
}
