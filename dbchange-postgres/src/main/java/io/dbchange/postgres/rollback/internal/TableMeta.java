package io.dbchange.postgres.rollback.internal;

import java.util.List;

/**
 * What the capture needs to know about one table, read from {@code pg_catalog} by oid.
 *
 * @param oid the table's oid
 * @param qualified {@code schema.table}, each part quoted as needed
 * @param relkind {@code r} (table) or {@code p} (partitioned); others are refused
 * @param columns the live columns in attribute order
 * @param key the columns rows are matched by: the primary key, else the shortest unique key over NOT NULL columns
 *     without predicate or expression; empty when there is none
 * @param triggers enabled user triggers on the table or its partitions (names)
 * @param cascades foreign keys referencing the table with an action that writes to the referencing table
 *     ({@code CASCADE}, {@code SET NULL}, {@code SET DEFAULT}), as {@code constraint on child}
 * @param cascadeChildren oids of the tables those foreign keys belong to
 * @param problems reasons the table cannot be captured at all (view, temporary, rules, inheritance, row security)
 */
record TableMeta(
        long oid,
        String qualified,
        String relkind,
        List<ColumnMeta> columns,
        List<String> key,
        List<String> triggers,
        List<String> cascades,
        List<Long> cascadeChildren,
        List<String> problems) {

    /**
     * One column.
     *
     * @param name the column name, unquoted
     * @param typeOid {@code atttypid}
     * @param typmod {@code atttypmod}
     * @param generated a stored generated column: left out of inverse writes, kept in row comparisons
     * @param identityAlways {@code GENERATED ALWAYS AS IDENTITY}: inverse inserts say {@code OVERRIDING SYSTEM VALUE}
     */
    record ColumnMeta(String name, long typeOid, int typmod, boolean generated, boolean identityAlways) {}

    boolean hasIdentityAlways() {
        return columns.stream().anyMatch(ColumnMeta::identityAlways);
    }
}
