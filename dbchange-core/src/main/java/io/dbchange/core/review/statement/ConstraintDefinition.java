package io.dbchange.core.review.statement;

import io.dbchange.api.sql.SourcePosition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A key, index or constraint defined in {@code CREATE TABLE}, {@code ALTER TABLE ... ADD}, or inline on a column.
 *
 * @param type what it is
 * @param name its name, if written
 * @param columns the key columns in order (expression parts appear as their text in parentheses)
 * @param referencedTable for a foreign key, the referenced table
 * @param referencedColumns for a foreign key, the referenced columns
 * @param onDeleteCascade for a foreign key, whether {@code ON DELETE CASCADE} was written
 * @param notValid PostgreSQL {@code NOT VALID}
 * @param usingIndex PostgreSQL {@code ... USING INDEX name} (a constraint built from an existing index)
 * @param position where the definition starts
 */
public record ConstraintDefinition(
        ConstraintType type,
        Optional<String> name,
        List<String> columns,
        Optional<ObjectName> referencedTable,
        List<String> referencedColumns,
        boolean onDeleteCascade,
        boolean notValid,
        boolean usingIndex,
        SourcePosition position) {

    public ConstraintDefinition {
        Objects.requireNonNull(type, "'type' must not be null");
        Objects.requireNonNull(name, "'name' must not be null");
        columns = List.copyOf(columns);
        Objects.requireNonNull(referencedTable, "'referencedTable' must not be null");
        referencedColumns = List.copyOf(referencedColumns);
        Objects.requireNonNull(position, "'position' must not be null");
    }

    /** The kinds of keys and constraints. */
    public enum ConstraintType {
        PRIMARY_KEY,
        UNIQUE,
        /** A plain (non-unique) MySQL {@code INDEX}/{@code KEY} inside a table definition. */
        INDEX,
        FULLTEXT,
        SPATIAL,
        FOREIGN_KEY,
        CHECK,
        EXCLUDE
    }
}
