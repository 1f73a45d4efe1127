package io.dbchange.core.review.statement;

import io.dbchange.api.sql.SourcePosition;
import java.util.Objects;
import java.util.Optional;

/**
 * A possibly schema-qualified object name as written, with identifier quotes removed.
 *
 * @param schema the schema (PostgreSQL) or database (MySQL) qualifier, if written
 * @param name the object's own name, never {@code null}
 * @param position where the name starts in the script
 */
public record ObjectName(Optional<String> schema, String name, SourcePosition position) {

    public ObjectName {
        Objects.requireNonNull(schema, "'schema' must not be null");
        Objects.requireNonNull(name, "'name' must not be null");
        Objects.requireNonNull(position, "'position' must not be null");
    }

    /** The name as a person writes it: {@code schema.name} or {@code name}. */
    public String qualified() {
        return schema.map(s -> s + "." + name).orElse(name);
    }

    @Override
    public String toString() {
        return qualified();
    }
}
