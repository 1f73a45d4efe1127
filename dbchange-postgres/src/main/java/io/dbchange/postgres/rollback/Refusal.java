package io.dbchange.postgres.rollback;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Why a change cannot be captured as it stands.
 *
 * @param statementIndex the zero-based statement the refusal is about, empty when it is about a table
 * @param table the table concerned, empty string when none
 * @param reason what is wrong and what to do, for a person
 * @param consentable whether {@link CaptureOptions#withCoverOnlyNamedTables(String)} lifts it (a trigger or a
 *     cascading foreign key whose effects the rollback would not cover); {@code false} means the change must be
 *     rewritten or run without rollback
 */
public record Refusal(OptionalInt statementIndex, String table, String reason, boolean consentable) {

    public Refusal {
        Objects.requireNonNull(statementIndex, "'statementIndex' must not be null");
        Objects.requireNonNull(table, "'table' must not be null");
        Objects.requireNonNull(reason, "'reason' must not be null");
    }

    @Override
    public String toString() {
        return (statementIndex.isPresent() ? "statement #" + (statementIndex.getAsInt() + 1) + ": " : "")
                + (table.isEmpty() ? "" : table + ": ")
                + reason;
    }
}
