package io.dbchange.core.review.statement;

import java.util.Objects;
import java.util.Optional;

/**
 * Table options written in {@code CREATE TABLE} or {@code ALTER TABLE} (MySQL), or implied (PostgreSQL
 * {@code PARTITION BY}).
 *
 * @param engine {@code ENGINE=...}
 * @param charset {@code [DEFAULT] CHARSET=...} / {@code CHARACTER SET ...}
 * @param collation {@code COLLATE ...}
 * @param comment {@code COMMENT='...'}
 * @param partitioned whether a {@code PARTITION BY} (or PostgreSQL {@code PARTITION OF}) clause is present
 */
public record TableOptionsDefinition(
        Optional<String> engine,
        Optional<String> charset,
        Optional<String> collation,
        Optional<String> comment,
        boolean partitioned) {

    /** No options. */
    public static final TableOptionsDefinition NONE =
            new TableOptionsDefinition(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);

    public TableOptionsDefinition {
        Objects.requireNonNull(engine, "'engine' must not be null");
        Objects.requireNonNull(charset, "'charset' must not be null");
        Objects.requireNonNull(collation, "'collation' must not be null");
        Objects.requireNonNull(comment, "'comment' must not be null");
    }
}
