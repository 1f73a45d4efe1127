package io.dbchange.postgres.rollback;

import java.util.Objects;
import java.util.Optional;

/**
 * One row that blocks a rollback: it no longer holds the values the change wrote.
 *
 * @param table the schema-qualified table, quoted as needed, e.g. {@code public.orders}
 * @param kind how the row differs
 * @param key the row's key as {@code column=value} pairs, or its full content for a table without a key
 * @param expected the row as the change left it (PostgreSQL row text), empty when the change left no row
 * @param actual the row as it is now, empty when it is gone
 */
public record ConflictingRow(String table, Kind kind, String key, Optional<String> expected, Optional<String> actual) {

    public ConflictingRow {
        Objects.requireNonNull(table, "'table' must not be null");
        Objects.requireNonNull(kind, "'kind' must not be null");
        Objects.requireNonNull(key, "'key' must not be null");
        Objects.requireNonNull(expected, "'expected' must not be null");
        Objects.requireNonNull(actual, "'actual' must not be null");
    }

    /** How a row differs from what the change left. */
    public enum Kind {
        /** The row exists but holds other values than the change wrote. */
        CHANGED,
        /** The row the change wrote is gone. */
        MISSING,
        /** A row the change deleted is to be restored, but another row now holds its key. */
        KEY_TAKEN
    }

    @Override
    public String toString() {
        return table + " " + key + ": " + kind + " (expected " + expected.orElse("no row") + ", actual "
                + actual.orElse("no row") + ")";
    }
}
