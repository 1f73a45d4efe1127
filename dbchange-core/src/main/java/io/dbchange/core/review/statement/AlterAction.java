package io.dbchange.core.review.statement;

import io.dbchange.api.sql.SourcePosition;
import java.util.Objects;
import java.util.Optional;

/**
 * One action of an {@code ALTER TABLE} statement.
 *
 * @param type what the action does
 * @param column the column it applies to (old name for renames and {@code CHANGE}), if any
 * @param newName the new name of a renamed column, index or table, if any
 * @param definition the new column definition ({@code ADD COLUMN}, {@code MODIFY}, {@code CHANGE}), if any
 * @param constraint the added key or constraint ({@code ADD_CONSTRAINT}), if any
 * @param objectName the name of a dropped index/constraint/foreign key, if any
 * @param newType the new type of {@code ALTER COLUMN ... [SET DATA] TYPE}, if any
 * @param defaultExpression the new default of {@code SET DEFAULT}, if any
 * @param ifExists {@code IF EXISTS} on a drop
 * @param cascade {@code CASCADE} on a drop
 * @param position where the action starts
 */
public record AlterAction(
        Type type,
        Optional<String> column,
        Optional<String> newName,
        Optional<ColumnDefinition> definition,
        Optional<ConstraintDefinition> constraint,
        Optional<String> objectName,
        Optional<String> newType,
        Optional<String> defaultExpression,
        boolean ifExists,
        boolean cascade,
        SourcePosition position) {

    public AlterAction {
        Objects.requireNonNull(type, "'type' must not be null");
        Objects.requireNonNull(column, "'column' must not be null");
        Objects.requireNonNull(newName, "'newName' must not be null");
        Objects.requireNonNull(definition, "'definition' must not be null");
        Objects.requireNonNull(constraint, "'constraint' must not be null");
        Objects.requireNonNull(objectName, "'objectName' must not be null");
        Objects.requireNonNull(newType, "'newType' must not be null");
        Objects.requireNonNull(defaultExpression, "'defaultExpression' must not be null");
        Objects.requireNonNull(position, "'position' must not be null");
    }

    /** The kinds of {@code ALTER TABLE} actions. */
    public enum Type {
        ADD_COLUMN,
        DROP_COLUMN,
        /** MySQL {@code MODIFY [COLUMN]}: a new definition under the same name. */
        MODIFY_COLUMN,
        /** MySQL {@code CHANGE [COLUMN] old new definition}. */
        CHANGE_COLUMN,
        RENAME_COLUMN,
        /** PostgreSQL {@code ALTER COLUMN c [SET DATA] TYPE t}. */
        SET_TYPE,
        SET_DEFAULT,
        DROP_DEFAULT,
        SET_NOT_NULL,
        DROP_NOT_NULL,
        ADD_CONSTRAINT,
        DROP_CONSTRAINT,
        DROP_INDEX,
        DROP_PRIMARY_KEY,
        DROP_FOREIGN_KEY,
        RENAME_INDEX,
        RENAME_CONSTRAINT,
        RENAME_TABLE,
        VALIDATE_CONSTRAINT,
        /** Table options ({@code ENGINE=}, {@code CHARSET=}, {@code COMMENT=}, {@code SET (...)}, ...). */
        SET_OPTIONS,
        /** MySQL {@code ALGORITHM=...}. */
        ALGORITHM,
        /** MySQL {@code LOCK=...}. */
        LOCK,
        /** Anything else (partition maintenance, owner, triggers, row level security, ...). */
        OTHER
    }
}
