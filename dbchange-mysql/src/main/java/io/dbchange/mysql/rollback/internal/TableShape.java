package io.dbchange.mysql.rollback.internal;

import io.dbchange.api.schema.Column;
import io.dbchange.api.schema.Index;
import io.dbchange.api.schema.KeyPart;
import io.dbchange.api.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table as inverse statements see it: its columns in ordinal order (binlog row images list values by ordinal, so
 * position {@code i} of an image is column {@code i} of the recorded snapshot) and the columns that locate a row.
 *
 * @param name the table name
 * @param columns every column, in ordinal order, generated ones included
 * @param key the positions of the columns of the primary key, else of a unique index on NOT NULL whole columns;
 *     empty when the table has neither, and rows are then matched by all their values with {@code LIMIT 1}
 */
record TableShape(String name, List<ColumnShape> columns, int[] key) {

    static TableShape of(Table table) {
        List<ColumnShape> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            columns.add(ColumnShape.of(table.name(), column));
        }
        List<String> keyColumns = table.primaryKey()
                .map(pk -> pk.columnNames())
                .or(() -> uniqueNotNull(table))
                .orElse(List.of());
        int[] key = new int[keyColumns.size()];
        for (int i = 0; i < key.length; i++) {
            String name = keyColumns.get(i);
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).name().equals(name)) {
                    key[i] = c;
                }
            }
        }
        return new TableShape(table.name(), List.copyOf(columns), key);
    }

    private static Optional<List<String>> uniqueNotNull(Table table) {
        for (Index index : table.indexes()) {
            if (!index.unique() || index.predicate().isPresent()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            boolean usable = true;
            for (KeyPart part : index.parts()) {
                if (part.column().isEmpty() || part.prefixLength().isPresent()) {
                    usable = false;
                    break;
                }
                Column column = table.column(part.column().get()).orElseThrow();
                if (column.nullable() || column.generated().isPresent()) {
                    usable = false;
                    break;
                }
                names.add(column.name());
            }
            if (usable) {
                return Optional.of(names);
            }
        }
        return Optional.empty();
    }

    boolean isKey(int column) {
        for (int k : key) {
            if (k == column) {
                return true;
            }
        }
        return false;
    }
}
