package io.dbchange.postgres.rollback.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Catalog reads for the capture, by oid and with a fixed number of queries per table. These read the live catalog
 * rather than a {@code SchemaSnapshot}: the capture needs oids, partitions, rules and row security, which a snapshot
 * normalizes away, and it runs on every change, where a whole-database snapshot would cost more than the change.
 */
final class Catalog {

    private Catalog() {}

    /** Resolves a table name as the statement wrote it, with the session's search path. */
    static OptionalLong resolve(Connection c, String writtenName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)::oid")) {
            ps.setString(1, writtenName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long oid = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(oid);
            }
        }
    }

    static TableMeta read(Connection c, long oid) throws SQLException {
        String qualified;
        String relkind;
        List<String> problems = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname),"
                + " c.relkind::text, c.relpersistence::text, c.relrowsecurity,"
                + " EXISTS (SELECT 1 FROM pg_rewrite r WHERE r.ev_class = c.oid AND r.ev_type <> '1'),"
                + " EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhrelid"
                + "         WHERE i.inhparent = c.oid AND NOT k.relispartition)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ?::oid")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                qualified = rs.getString(1);
                relkind = rs.getString(2);
                if (!relkind.equals("r") && !relkind.equals("p")) {
                    problems.add("is not a table (relkind " + relkind + "): writes through views or foreign tables"
                            + " land elsewhere; write to the underlying table");
                }
                if (rs.getString(3).equals("t")) {
                    problems.add("is a temporary table, which is gone before a rollback could run");
                }
                if (rs.getBoolean(4)) {
                    problems.add("has row-level security, so the capture may not see every row the statement"
                            + " writes; run the change as a role that bypasses row security, without rollback");
                }
                if (rs.getBoolean(5)) {
                    problems.add("has rewrite rules, which turn its writes into other statements; drop the rules"
                            + " or run the change without rollback");
                }
                if (rs.getBoolean(6)) {
                    problems.add("has inheritance children, whose rows a restore into the parent would not reach;"
                            + " write to the child tables directly");
                }
            }
        }
        List<TableMeta.ColumnMeta> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT attname, atttypid, atttypmod, attgenerated::text,"
                + " attidentity::text FROM pg_attribute WHERE attrelid = ?::oid AND attnum > 0 AND NOT attisdropped"
                + " ORDER BY attnum")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new TableMeta.ColumnMeta(
                            rs.getString(1),
                            rs.getLong(2),
                            rs.getInt(3),
                            !rs.getString(4).isEmpty(),
                            rs.getString(5).equals("a")));
                }
            }
        }
        List<String> key = List.of();
        try (PreparedStatement ps = c.prepareStatement("SELECT array_agg(a.attname::text ORDER BY k.ord)"
                + " FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                + " WHERE i.indrelid = ?::oid AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL"
                + " GROUP BY i.indexrelid, i.indisprimary HAVING bool_and(a.attnotnull)"
                + " ORDER BY i.indisprimary DESC, count(*), i.indexrelid LIMIT 1")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    key = strings(rs.getArray(1));
                }
            }
        }
        List<String> triggers = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT t.tgname::text FROM pg_trigger t"
                + " WHERE t.tgrelid IN (SELECT relid FROM pg_partition_tree(?::oid::regclass) UNION SELECT ?::oid::regclass) AND NOT t.tgisinternal"
                + " AND t.tgenabled <> 'D' ORDER BY 1")) {
            ps.setLong(1, oid);
            ps.setLong(2, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    triggers.add(rs.getString(1));
                }
            }
        }
        List<String> cascades = new ArrayList<>();
        List<Long> children = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT f.conname::text, f.conrelid::regclass::text,"
                + " f.conrelid::bigint, f.confdeltype::text, f.confupdtype::text FROM pg_constraint f"
                + " WHERE f.contype = 'f' AND f.conparentid = 0"
                + " AND f.confrelid IN (SELECT relid FROM pg_partition_tree(?::oid::regclass) UNION SELECT ?::oid::regclass)"
                + " AND (f.confdeltype IN ('c', 'n', 'd') OR f.confupdtype IN ('c', 'n', 'd')) ORDER BY 1, 2")) {
            ps.setLong(1, oid);
            ps.setLong(2, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cascades.add(rs.getString(1) + " on " + rs.getString(2) + " (ON DELETE " + action(rs.getString(4))
                            + ", ON UPDATE " + action(rs.getString(5)) + ")");
                    children.add(rs.getLong(3));
                }
            }
        }
        return new TableMeta(oid, qualified, relkind, columns, key, triggers, cascades, children, problems);
    }

    /** Which of the given names are volatile functions (any overload): re-evaluating them may select other rows. */
    static List<String> volatileFunctions(Connection c, Set<String> names) throws SQLException {
        if (names.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT proname::text FROM pg_proc"
                + " WHERE proname = ANY (?) AND provolatile = 'v' ORDER BY 1")) {
            ps.setArray(1, c.createArrayOf("text", names.toArray()));
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /** Oid of the root of a partition tree, or of the table itself. */
    static Optional<Long> root(Connection c, long oid) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT coalesce(pg_partition_root(?::oid::regclass), ?::oid::regclass)::oid")) {
            ps.setLong(1, oid);
            ps.setLong(2, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /**
     * A cycle of foreign keys that cannot be deferred among the given tables (a table referencing itself is no
     * cycle: PostgreSQL checks those keys at the end of each statement), as {@code table -> table -> ...}; empty when
     * there is none.
     */
    static List<String> foreignKeyCycle(Connection c, List<TableMeta> tables) throws SQLException {
        if (tables.size() < 2) {
            return List.of();
        }
        List<Long> oids = tables.stream().map(TableMeta::oid).toList();
        java.util.Map<Long, List<Long>> edges = new java.util.HashMap<>();
        java.util.Map<Long, String> names = new java.util.HashMap<>();
        tables.forEach(t -> names.put(t.oid(), t.qualified()));
        try (PreparedStatement ps = c.prepareStatement("SELECT conrelid::bigint, confrelid::bigint FROM pg_constraint"
                + " WHERE contype = 'f' AND conparentid = 0 AND NOT condeferrable AND conrelid <> confrelid"
                + " AND conrelid = ANY (?::oid[]) AND confrelid = ANY (?::oid[]) ORDER BY conname")) {
            ps.setArray(1, c.createArrayOf("int8", oids.toArray()));
            ps.setArray(2, c.createArrayOf("int8", oids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    edges.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                }
            }
        }
        java.util.Map<Long, Integer> state = new java.util.HashMap<>();
        for (Long start : oids) {
            List<Long> path = new ArrayList<>();
            if (cycleFrom(start, edges, state, path)) {
                return path.stream().map(names::get).toList();
            }
        }
        return List.of();
    }

    /** Depth-first search; {@code state} 1 = on the path, 2 = done. Leaves the cycle in {@code path}. */
    private static boolean cycleFrom(
            long node, java.util.Map<Long, List<Long>> edges, java.util.Map<Long, Integer> state, List<Long> path) {
        Integer st = state.get(node);
        if (st != null && st == 2) {
            return false;
        }
        if (st != null && st == 1) {
            List<Long> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            path.clear();
            path.addAll(cycle);
            return true;
        }
        state.put(node, 1);
        path.add(node);
        for (long next : edges.getOrDefault(node, List.of())) {
            if (cycleFrom(next, edges, state, path)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return false;
    }

    private static String action(String code) {
        return switch (code) {
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            case "r" -> "RESTRICT";
            default -> "NO ACTION";
        };
    }

    static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).map(String::valueOf).toList();
    }
}
