package io.dbchange.postgres.rollback;

import java.util.List;
import java.util.Objects;

/**
 * What a capture holds for one table.
 *
 * @param table the schema-qualified table, quoted as needed
 * @param key the columns rows are matched by (primary key, else a unique key over NOT NULL columns); empty for a
 *     table without one, whose rows are matched by their full content
 * @param beforeRows rows that existed before the change and that it updated or deleted
 * @param afterRows rows the change inserted or updated, as they were at commit
 */
public record CapturedTable(String table, List<String> key, long beforeRows, long afterRows) {

    public CapturedTable {
        Objects.requireNonNull(table, "'table' must not be null");
        key = List.copyOf(key);
    }
}
