package io.dbchange.core.review;

import io.dbchange.core.review.statement.ObjectName;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The schema as it stands before the statement under review: the base {@link io.dbchange.api.schema.SchemaSnapshot}
 * (or nothing) with every earlier DDL statement of the script applied. Rules ask it whether objects exist, what type
 * a column had before the statement, how many indexes a table has.
 *
 * <p>Names are matched without regard to case. MySQL tables are looked up by name alone (a script runs against one
 * database); PostgreSQL tables by schema and name, an unqualified name meaning {@code public}.
 */
public interface Catalog {

    /**
     * Whether the catalog started from a base snapshot, so that a table it does not hold does not exist. Without a
     * snapshot the catalog holds only what the script created, and absence means "unknown".
     */
    boolean complete();

    /** The table named {@code name}, as it stands before the current statement. */
    Optional<CatalogTable> table(ObjectName name);

    /** Whether the table named {@code name} exists before the current statement. */
    default boolean tableExists(ObjectName name) {
        return table(name).isPresent();
    }

    /** The type of {@code column} of table {@code table} before the current statement, if both exist. */
    default Optional<String> columnType(ObjectName table, String column) {
        return table(table).flatMap(t -> t.column(column)).map(CatalogColumn::type);
    }

    /** The number of indexes of {@code table} (primary key and unique keys included), 0 if it does not exist. */
    default int indexCount(ObjectName table) {
        return table(table).map(t -> t.indexes().size()).orElse(0);
    }

    /**
     * A table in the catalog.
     *
     * @param name the table name
     * @param columns its columns in order
     * @param indexes its indexes, the primary key first when it has one
     * @param foreignKeys the names of its foreign keys
     */
    record CatalogTable(
            String name, List<CatalogColumn> columns, List<CatalogIndex> indexes, List<String> foreignKeys) {

        public CatalogTable {
            columns = List.copyOf(columns);
            indexes = List.copyOf(indexes);
            foreignKeys = List.copyOf(foreignKeys);
        }

        /** The column named {@code name}, ignoring case. */
        public Optional<CatalogColumn> column(String name) {
            return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
        }

        /** The index named {@code name}, ignoring case. */
        public Optional<CatalogIndex> index(String name) {
            return indexes.stream().filter(i -> i.name().equalsIgnoreCase(name)).findFirst();
        }

        /** Whether the table has a primary key. */
        public boolean hasPrimaryKey() {
            return indexes.stream().anyMatch(CatalogIndex::primary);
        }

        /** Whether {@code column} is part of any index. */
        public boolean isIndexed(String column) {
            String lower = column.toLowerCase(Locale.ROOT);
            return indexes.stream()
                    .anyMatch(i -> i.columns().stream()
                            .anyMatch(c -> c.toLowerCase(Locale.ROOT).equals(lower)));
        }
    }

    /**
     * A column in the catalog.
     *
     * @param name the column name
     * @param type the type as written or read (e.g. {@code varchar(20)})
     * @param nullable whether it accepts NULL
     * @param hasDefault whether it has a default (or is auto-increment/identity)
     */
    record CatalogColumn(String name, String type, boolean nullable, boolean hasDefault) {}

    /**
     * An index, unique key or primary key in the catalog.
     *
     * @param name its name ({@code PRIMARY} for a MySQL primary key)
     * @param unique whether it is unique
     * @param primary whether it is the primary key
     * @param columns its key columns (expressions as text)
     */
    record CatalogIndex(String name, boolean unique, boolean primary, List<String> columns) {

        public CatalogIndex {
            columns = List.copyOf(columns);
        }
    }
}
