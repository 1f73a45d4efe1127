package io.dbchange.core.review.statement;

import io.dbchange.api.sql.SourcePosition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The index of a {@code CREATE INDEX} statement.
 *
 * @param name the index name, if written (PostgreSQL allows omitting it)
 * @param unique {@code UNIQUE}
 * @param columns the key parts in order: column names, or expression text in parentheses
 * @param method the access method ({@code USING btree}, {@code FULLTEXT}, ...), if written
 * @param partial whether a {@code WHERE} predicate makes it partial
 * @param position where the statement's index name starts (or the statement start)
 */
public record IndexDefinition(
        Optional<String> name,
        boolean unique,
        List<String> columns,
        Optional<String> method,
        boolean partial,
        SourcePosition position) {

    public IndexDefinition {
        Objects.requireNonNull(name, "'name' must not be null");
        columns = List.copyOf(columns);
        Objects.requireNonNull(method, "'method' must not be null");
        Objects.requireNonNull(position, "'position' must not be null");
    }
}
