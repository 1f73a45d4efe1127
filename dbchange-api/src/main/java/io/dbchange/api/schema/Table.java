package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A table: its columns in ordinal order and its keys, constraints and options. Every column named by the primary
 * key, an index or a foreign key is one of {@link #columns()}.
 *
 * @param name the table's name, not empty
 * @param columns its columns in ordinal order, distinct names (copied, immutable, as all lists here)
 * @param primaryKey its primary key, if it has one
 * @param indexes its indexes other than the primary key, distinct names; a UNIQUE constraint appears as its unique
 *     index
 * @param foreignKeys its foreign keys, distinct names
 * @param checks its check constraints, distinct names
 * @param options engine, character set, collation, row format, comment and partitioning
 */
public record Table(
        String name,
        List<Column> columns,
        Optional<PrimaryKey> primaryKey,
        List<Index> indexes,
        List<ForeignKey> foreignKeys,
        List<CheckConstraint> checks,
        TableOptions options) {

    public Table {
        Checks.notEmpty("name", name);
        columns = Checks.copy("columns", columns);
        Checks.distinct("columns", "column name", columns, Column::name);
        Checks.notNull("primaryKey", primaryKey);
        indexes = Checks.copy("indexes", indexes);
        Checks.distinct("indexes", "index name", indexes, Index::name);
        foreignKeys = Checks.copy("foreignKeys", foreignKeys);
        Checks.distinct("foreignKeys", "foreign key name", foreignKeys, ForeignKey::name);
        checks = Checks.copy("checks", checks);
        Checks.distinct("checks", "check constraint name", checks, CheckConstraint::name);
        Checks.notNull("options", options);

        Set<String> names = new HashSet<>();
        columns.forEach(c -> names.add(c.name()));
        String table = name;
        primaryKey.ifPresent(pk -> requireColumns(table, names, "primary key '" + pk.name() + "'", pk.columnNames()));
        for (Index index : indexes) {
            requireColumns(
                    table,
                    names,
                    "index '" + index.name() + "'",
                    index.parts().stream().flatMap(p -> p.column().stream()).toList());
        }
        for (ForeignKey fk : foreignKeys) {
            requireColumns(table, names, "foreign key '" + fk.name() + "'", fk.columns());
        }
    }

    private static void requireColumns(String table, Set<String> names, String what, List<String> used) {
        for (String column : used) {
            if (!names.contains(column)) {
                throw new IllegalArgumentException(what + " of table '" + table + "' names column '" + column
                        + "', which the table does not have");
            }
        }
    }

    /** A table with only columns: no keys, constraints or options. */
    public static Table of(String name, List<Column> columns) {
        return new Table(name, columns, Optional.empty(), List.of(), List.of(), List.of(), TableOptions.NONE);
    }

    /** The column with the given name. */
    public Optional<Column> column(String name) {
        return Named.find(columns, Column::name, name);
    }

    /** The index with the given name (not the primary key). */
    public Optional<Index> index(String name) {
        return Named.find(indexes, Index::name, name);
    }
}
