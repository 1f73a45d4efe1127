package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;
import java.util.List;

/**
 * A foreign key of a table.
 *
 * @param name the constraint's name, not empty
 * @param columns the referencing columns of this table, in order; at least one (copied, immutable)
 * @param referencedSchema the schema of the referenced table: in PostgreSQL its schema name; in MySQL/MariaDB
 *     {@code ""} for the same database, else the other database's name
 * @param referencedTable the referenced table's name, not empty
 * @param referencedColumns the referenced columns, as many as {@code columns}, in matching order (copied,
 *     immutable)
 * @param onDelete what happens to referencing rows when a referenced row is deleted
 * @param onUpdate what happens to referencing rows when a referenced key is updated
 */
public record ForeignKey(
        String name,
        List<String> columns,
        String referencedSchema,
        String referencedTable,
        List<String> referencedColumns,
        Action onDelete,
        Action onUpdate) {

    public ForeignKey {
        Checks.notEmpty("name", name);
        columns = Checks.copyNotEmpty("columns", columns);
        Checks.notNull("referencedSchema", referencedSchema);
        Checks.notEmpty("referencedTable", referencedTable);
        referencedColumns = Checks.copyNotEmpty("referencedColumns", referencedColumns);
        if (columns.size() != referencedColumns.size()) {
            throw new IllegalArgumentException("foreign key '" + name + "' has " + columns.size() + " columns "
                    + columns + " but " + referencedColumns.size() + " referenced columns " + referencedColumns);
        }
        Checks.notNull("onDelete", onDelete);
        Checks.notNull("onUpdate", onUpdate);
    }

    /** A referential action. */
    public enum Action {
        /** Fail at the end of the statement if a reference would break (the SQL default). */
        NO_ACTION,
        /** Fail at once if a reference would break. */
        RESTRICT,
        /** Delete or update the referencing rows too. */
        CASCADE,
        /** Set the referencing columns to {@code NULL}. */
        SET_NULL,
        /** Set the referencing columns to their defaults. */
        SET_DEFAULT
    }
}
