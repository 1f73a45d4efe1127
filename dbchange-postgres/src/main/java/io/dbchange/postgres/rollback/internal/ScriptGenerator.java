package io.dbchange.postgres.rollback.internal;

import io.dbchange.api.DbChangeException;
import io.dbchange.postgres.rollback.RollbackErrorCode;
import io.dbchange.postgres.rollback.RollbackScript;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a capture into the inverse script, streamed from the backup tables through a server-side cursor and written
 * in chunks of at most {@code chunkRows} rows, so memory stays flat however many rows the change touched.
 *
 * <p>Per table, the net difference between the before- and after-images is inverted: rows whose key is only in the
 * before-images are inserted back, rows in both whose content differs are updated back, rows only in the
 * after-images are deleted. Every statement matches rows by key <em>and</em> by their full row text as the change
 * left them ({@code t::text IS NOT DISTINCT FROM '...'}, compared under fixed text settings; written so that it
 * cannot serve as a hash key, so the planner joins on the key's index and computes row texts only for the matched
 * rows), so a row someone changed since is not
 * touched and the statement's row count comes out short, which aborts the rollback. Tables without a key are
 * compared as multisets of rows.
 *
 * <p>Order: inserts with referenced tables first, then updates, then deletes with referencing tables first, so that
 * foreign keys between captured tables hold after every statement.
 *
 * <p>Values are written as {@code 'text'::type}: the type's own output under fixed settings (ISO dates, UTC,
 * shortest-exact floats, hex bytea, postgres intervals) read back by its input function, which is exact for every
 * built-in type (numeric NaN and infinities, float -0 and NaN, arrays, ranges, json/jsonb, bit strings, enums,
 * domains, timestamps with and without time zone, intervals). Type names are written qualified (formatted with an
 * empty search path).
 */
public final class ScriptGenerator {

    static final String T = Sql.ident("dbchange$t");
    static final String S = Sql.ident("dbchange$s");
    static final String V = Sql.ident("dbchange$v");
    static final String M = Sql.ident("dbchange$m");
    static final String R = Sql.ident("dbchange$r");
    static final String N = Sql.ident("dbchange$n");
    static final String NA = Sql.ident("dbchange$na");
    static final String NB = Sql.ident("dbchange$nb");
    static final int MAX_CHUNK_CHARS = 4 << 20;

    private final BackupStore store;
    private final int chunkRows;

    public ScriptGenerator(BackupStore store, int chunkRows) {
        this.store = store;
        this.chunkRows = chunkRows;
    }

    public RollbackScript generate(Connection c, String id) throws SQLException {
        boolean auto = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            BackupStore.StoredCapture capture = store.require(c, id);
            if (!capture.status().equals("CAPTURED")) {
                throw new DbChangeException(
                        RollbackErrorCode.ROLLBACK_REFUSED,
                        "capture '" + id + "' was already rolled back by capture '"
                                + capture.rolledBackBy().orElse("?") + "'; to undo that, generate and apply the"
                                + " rollback of '" + capture.rolledBackBy().orElse("?") + "'");
            }
            try (Statement s = c.createStatement()) {
                s.execute(Sql.EXACT_TEXT_SETTINGS);
                s.execute("SELECT set_config('search_path', '', true)");
            }
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM " + store.table("script_chunk") + " WHERE capture_id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                // The backup tables were filled in the change's transaction and have no statistics yet; without them
                // the planner may join them by nested loops, quadratic in the number of rows.
                for (BackupStore.StoredTable t : capture.tables()) {
                    s.execute("ANALYZE " + store.table(BackupStore.beforeTable(id, t.n())) + ", "
                            + store.table(BackupStore.afterTable(id, t.n())));
                }
            }
            List<BackupStore.StoredTable> order = parentsFirst(c, capture.tables());
            java.util.Map<Integer, List<String>> types = new java.util.HashMap<>();
            for (BackupStore.StoredTable t : order) {
                types.put(t.n(), typeNames(c, t));
            }
            Chunks chunks = new Chunks(c, id);
            for (BackupStore.StoredTable t : order) {
                inserts(c, id, t, types.get(t.n()), chunks);
            }
            for (BackupStore.StoredTable t : order) {
                updates(c, id, t, types.get(t.n()), chunks);
            }
            List<BackupStore.StoredTable> childrenFirst = new ArrayList<>(order);
            java.util.Collections.reverse(childrenFirst);
            for (BackupStore.StoredTable t : childrenFirst) {
                deletes(c, id, t, types.get(t.n()), chunks);
            }
            String sha = chunks.sha256();
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + store.table("capture")
                    + " SET script_statements = ?, script_rows = ?, script_sha256 = ? WHERE id = ?")) {
                ps.setInt(1, chunks.seq);
                ps.setLong(2, chunks.rows);
                ps.setString(3, sha);
                ps.setString(4, id);
                ps.executeUpdate();
            }
            c.commit();
            return new RollbackScript(id, chunks.seq, chunks.rows, sha);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(auto);
        }
    }

    /** Writes chunks into {@code script_chunk} as they are produced, hashing them. */
    private final class Chunks {
        private final PreparedStatement insert;
        private final MessageDigest digest;
        private final String id;
        int seq;
        long rows;

        Chunks(Connection c, String id) throws SQLException {
            this.id = id;
            this.insert = c.prepareStatement("INSERT INTO " + store.table("script_chunk")
                    + " (capture_id, seq, expected_rows, sql) VALUES (?, ?, ?, ?)");
            this.digest = ScriptHash.newDigest();
        }

        void add(String sql, int expected) throws SQLException {
            insert.setString(1, id);
            insert.setInt(2, seq);
            insert.setInt(3, expected);
            insert.setString(4, sql);
            insert.executeUpdate();
            ScriptHash.update(digest, seq, expected, sql);
            seq++;
            rows += expected;
        }

        String sha256() throws SQLException {
            insert.close();
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private static List<String> typeNames(Connection c, BackupStore.StoredTable t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT format_type(u.t, u.m) FROM unnest(?::oid[], ?::int4[]) WITH ORDINALITY AS u(t, m, o)"
                        + " ORDER BY u.o")) {
            ps.setArray(1, t.columnArray(c, "int8", TableMeta.ColumnMeta::typeOid));
            ps.setArray(2, t.columnArray(c, "int4", TableMeta.ColumnMeta::typmod));
            List<String> names = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }

    static String rowText(String alias, BackupStore.StoredTable t) {
        StringBuilder b = new StringBuilder("ROW(");
        for (int i = 0; i < t.columns().size(); i++) {
            b.append(i == 0 ? "" : ", ")
                    .append(alias)
                    .append('.')
                    .append(Sql.ident(t.columns().get(i).name()));
        }
        return b.append(")::text").toString();
    }

    static String texts(String alias, List<String> columns) {
        StringBuilder b = new StringBuilder();
        for (String col : columns) {
            b.append(", ").append(alias).append('.').append(Sql.ident(col)).append("::text");
        }
        return b.toString();
    }

    static String keyJoin(String left, String right, List<String> key) {
        StringBuilder b = new StringBuilder();
        for (String k : key) {
            b.append(b.isEmpty() ? "" : " AND ")
                    .append(left)
                    .append('.')
                    .append(Sql.ident(k))
                    .append(" = ")
                    .append(right)
                    .append('.')
                    .append(Sql.ident(k));
        }
        return b.toString();
    }

    private static List<String> writable(BackupStore.StoredTable t) {
        return t.columns().stream()
                .filter(col -> !col.generated())
                .map(TableMeta.ColumnMeta::name)
                .toList();
    }

    private static String typeOf(BackupStore.StoredTable t, List<String> types, String column) {
        for (int i = 0; i < t.columns().size(); i++) {
            if (t.columns().get(i).name().equals(column)) {
                return types.get(i);
            }
        }
        throw new IllegalStateException("no column " + column);
    }

    private static void value(StringBuilder out, String text, String type) {
        if (text == null) {
            out.append("NULL");
        } else {
            Sql.literal(out, text);
        }
        out.append("::").append(type);
    }

    private void inserts(Connection c, String id, BackupStore.StoredTable t, List<String> types, Chunks chunks)
            throws SQLException {
        String bk = store.table(BackupStore.beforeTable(id, t.n()));
        String ak = store.table(BackupStore.afterTable(id, t.n()));
        List<String> cols = writable(t);
        String query;
        if (!t.key().isEmpty()) {
            query = "SELECT 1" + texts("b", cols) + " FROM " + bk + " b WHERE NOT b." + CaptureRunner.OWN
                    + " AND NOT EXISTS (SELECT 1 FROM " + ak + " a WHERE " + keyJoin("a", "b", t.key()) + ")";
        } else {
            query = multisetQuery(t, bk, ak, cols, true);
        }
        boolean overriding = t.columns().stream().anyMatch(TableMeta.ColumnMeta::identityAlways);
        StringBuilder head =
                new StringBuilder("INSERT INTO ").append(t.qualified()).append(" (");
        for (int i = 0; i < cols.size(); i++) {
            head.append(i == 0 ? "" : ", ").append(Sql.ident(cols.get(i)));
        }
        head.append(")").append(overriding ? " OVERRIDING SYSTEM VALUE" : "").append(" VALUES\n");
        List<String> colTypes = cols.stream().map(col -> typeOf(t, types, col)).toList();
        stream(c, query, head.toString(), " ON CONFLICT DO NOTHING", chunks, (rs, out) -> {
            int copies = rs.getInt(1);
            for (int k = 0; k < copies; k++) {
                if (out.rows > 0) {
                    out.sql.append(",\n");
                }
                out.sql.append('(');
                for (int i = 0; i < cols.size(); i++) {
                    if (i > 0) {
                        out.sql.append(", ");
                    }
                    value(out.sql, rs.getString(2 + i), colTypes.get(i));
                }
                out.sql.append(')');
                out.rows++;
            }
        });
    }

    private void updates(Connection c, String id, BackupStore.StoredTable t, List<String> types, Chunks chunks)
            throws SQLException {
        if (t.key().isEmpty()) {
            return;
        }
        String bk = store.table(BackupStore.beforeTable(id, t.n()));
        String ak = store.table(BackupStore.afterTable(id, t.n()));
        List<String> set = t.columns().stream()
                .filter(col -> !col.generated() && !col.identityAlways())
                .map(TableMeta.ColumnMeta::name)
                .toList();
        // OFFSET 0 keeps the row texts computed once per row instead of again in the outer filter.
        String query = "SELECT * FROM (SELECT " + rowText("a", t) + " AS " + R + ", " + rowText("b", t) + " AS "
                + NB + texts("a", t.key()) + texts("b", set) + " FROM " + bk + " b JOIN " + ak + " a ON "
                + keyJoin("a", "b", t.key()) + " WHERE NOT b." + CaptureRunner.OWN + " OFFSET 0) x WHERE x." + R
                + " IS DISTINCT FROM x." + NB;
        StringBuilder head = new StringBuilder("UPDATE ")
                .append(t.qualified())
                .append(" AS ")
                .append(T)
                .append(" SET ");
        for (int i = 0; i < set.size(); i++) {
            head.append(i == 0 ? "" : ", ")
                    .append(Sql.ident(set.get(i)))
                    .append(" = ")
                    .append(V)
                    .append('.')
                    .append(Sql.ident("v" + (i + 1)));
        }
        head.append(" FROM (VALUES\n");
        StringBuilder tail = new StringBuilder(") AS ").append(V).append(" (");
        for (int i = 0; i < t.key().size(); i++) {
            tail.append(Sql.ident("k" + (i + 1))).append(", ");
        }
        tail.append(Sql.ident("r"));
        for (int i = 0; i < set.size(); i++) {
            tail.append(", ").append(Sql.ident("v" + (i + 1)));
        }
        tail.append(") WHERE ")
                .append(keyMatch(t.key()))
                .append(" AND ")
                .append(T)
                .append("::text IS NOT DISTINCT FROM ")
                .append(V)
                .append('.')
                .append(Sql.ident("r"));
        List<String> keyTypes = t.key().stream().map(k -> typeOf(t, types, k)).toList();
        List<String> setTypes = set.stream().map(col -> typeOf(t, types, col)).toList();
        stream(c, query, head.toString(), tail.toString(), chunks, (rs, out) -> {
            if (out.rows > 0) {
                out.sql.append(",\n");
            }
            out.sql.append('(');
            for (int i = 0; i < t.key().size(); i++) {
                value(out.sql, rs.getString(3 + i), keyTypes.get(i));
                out.sql.append(", ");
            }
            value(out.sql, rs.getString(1), "text");
            for (int i = 0; i < set.size(); i++) {
                out.sql.append(", ");
                value(out.sql, rs.getString(3 + t.key().size() + i), setTypes.get(i));
            }
            out.sql.append(')');
            out.rows++;
        });
    }

    private static String keyMatch(List<String> key) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < key.size(); i++) {
            b.append(i == 0 ? "" : " AND ")
                    .append(T)
                    .append('.')
                    .append(Sql.ident(key.get(i)))
                    .append(" = ")
                    .append(V)
                    .append('.')
                    .append(Sql.ident("k" + (i + 1)));
        }
        return b.toString();
    }

    private void deletes(Connection c, String id, BackupStore.StoredTable t, List<String> types, Chunks chunks)
            throws SQLException {
        String bk = store.table(BackupStore.beforeTable(id, t.n()));
        String ak = store.table(BackupStore.afterTable(id, t.n()));
        if (!t.key().isEmpty()) {
            String query = "SELECT " + rowText("a", t) + texts("a", t.key()) + " FROM " + ak + " a WHERE NOT EXISTS"
                    + " (SELECT 1 FROM " + bk + " b WHERE NOT b." + CaptureRunner.OWN + " AND "
                    + keyJoin("a", "b", t.key()) + ")";
            StringBuilder tail =
                    new StringBuilder(") AS ").append(V).append(" (").append(Sql.ident("r"));
            for (int i = 0; i < t.key().size(); i++) {
                tail.append(", ").append(Sql.ident("k" + (i + 1)));
            }
            tail.append(") WHERE ")
                    .append(keyMatch(t.key()))
                    .append(" AND ")
                    .append(T)
                    .append("::text IS NOT DISTINCT FROM ")
                    .append(V)
                    .append('.')
                    .append(Sql.ident("r"));
            List<String> keyTypes =
                    t.key().stream().map(k -> typeOf(t, types, k)).toList();
            stream(
                    c,
                    query,
                    "DELETE FROM " + t.qualified() + " AS " + T + " USING (VALUES\n",
                    tail.toString(),
                    chunks,
                    (rs, out) -> {
                        if (out.rows > 0) {
                            out.sql.append(",\n");
                        }
                        out.sql.append('(');
                        value(out.sql, rs.getString(1), "text");
                        for (int i = 0; i < t.key().size(); i++) {
                            out.sql.append(", ");
                            value(out.sql, rs.getString(2 + i), keyTypes.get(i));
                        }
                        out.sql.append(')');
                        out.rows++;
                    });
            return;
        }
        // Without a key, delete as many copies of each row text as the change added: identical rows are
        // interchangeable, so which physical copies go does not matter.
        String query = multisetQuery(t, bk, ak, List.of(), false);
        String head = "DELETE FROM " + t.qualified() + " AS " + T + " WHERE (" + T + ".tableoid, " + T + ".ctid) IN"
                + " (SELECT " + M + ".o, " + M + ".c FROM (SELECT " + S + ".tableoid AS o, " + S + ".ctid AS c, " + V
                + ".n, row_number() OVER (PARTITION BY " + V + ".r) AS i FROM " + t.qualified() + " AS " + S
                + " JOIN (VALUES\n";
        String tail = ") AS " + V + " (r, n) ON " + S + "::text = " + V + ".r) AS " + M + " WHERE " + M + ".i <= " + M
                + ".n)";
        stream(c, query, head, tail, chunks, new RowWriter() {
            @Override
            public void write(ResultSet rs, Chunk out) throws SQLException {
                int copies = rs.getInt(1);
                if (out.rows > 0) {
                    out.sql.append(",\n");
                }
                out.sql.append('(');
                value(out.sql, rs.getString(2), "text");
                out.sql.append(", ").append(copies).append(')');
                out.rows += copies;
            }
        });
    }

    /**
     * For a table without a key: per distinct row text, how many more copies the before-images hold than the
     * after-images ({@code inserts}) or the other way round; column 1 is the count of copies, then the texts of
     * {@code cols} (inserts) or the row text (deletes).
     */
    static String multisetQuery(BackupStore.StoredTable t, String bk, String ak, List<String> cols, boolean inserts) {
        String sel = inserts ? texts("x", cols).substring(2) : "x." + R;
        StringBuilder inner = new StringBuilder();
        for (String side : List.of("a", "b")) {
            inner.append(inner.isEmpty() ? "" : " UNION ALL ")
                    .append("SELECT ")
                    .append(rowText(side, t))
                    .append(" AS ")
                    .append(R)
                    .append(side.equals("a") ? ", 1 AS " + NA + ", 0 AS " + NB : ", 0 AS " + NA + ", 1 AS " + NB);
            for (String col : cols) {
                inner.append(", ").append(side).append('.').append(Sql.ident(col));
            }
            inner.append(" FROM ")
                    .append(side.equals("a") ? ak : bk)
                    .append(' ')
                    .append(side);
            if (side.equals("b")) {
                inner.append(" WHERE NOT b.").append(CaptureRunner.OWN);
            }
        }
        String diff = inserts ? "sum(x." + NB + ") - sum(x." + NA + ")" : "sum(x." + NA + ") - sum(x." + NB + ")";
        StringBuilder group = new StringBuilder("x." + R);
        for (String col : cols) {
            group.append(", x.").append(Sql.ident(col)).append("::text");
        }
        return "SELECT (" + diff + ")::int AS " + N + ", " + sel + " FROM (" + inner + ") x GROUP BY " + group
                + " HAVING " + diff + " > 0";
    }

    /** A chunk being built. */
    static final class Chunk {
        final StringBuilder sql = new StringBuilder();
        int rows;
    }

    interface RowWriter {
        void write(ResultSet rs, Chunk out) throws SQLException;
    }

    private void stream(Connection c, String query, String head, String tail, Chunks chunks, RowWriter writer)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setFetchSize(Math.max(100, chunkRows));
            try (ResultSet rs = ps.executeQuery()) {
                Chunk chunk = new Chunk();
                while (rs.next()) {
                    if (chunk.rows == 0) {
                        chunk.sql.append(head);
                    }
                    writer.write(rs, chunk);
                    if (chunk.rows >= chunkRows || chunk.sql.length() >= MAX_CHUNK_CHARS) {
                        chunk.sql.append(tail);
                        chunks.add(chunk.sql.toString(), chunk.rows);
                        chunk = new Chunk();
                    }
                }
                if (chunk.rows > 0) {
                    chunk.sql.append(tail);
                    chunks.add(chunk.sql.toString(), chunk.rows);
                }
            }
        }
    }

    /** Captured tables with referenced (parent) tables before referencing ones; cycles keep capture order. */
    private static List<BackupStore.StoredTable> parentsFirst(Connection c, List<BackupStore.StoredTable> tables)
            throws SQLException {
        List<long[]> edges = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT conrelid::bigint, confrelid::bigint FROM pg_constraint"
                + " WHERE contype = 'f' AND conparentid = 0 AND conrelid <> confrelid"
                + " AND conrelid = ANY (?::oid[]) AND confrelid = ANY (?::oid[])")) {
            Object[] oids = tables.stream().map(BackupStore.StoredTable::oid).toArray();
            ps.setArray(1, c.createArrayOf("int8", oids));
            ps.setArray(2, c.createArrayOf("int8", oids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    edges.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
        }
        List<BackupStore.StoredTable> out = new ArrayList<>();
        Deque<BackupStore.StoredTable> remaining = new ArrayDeque<>(tables);
        Function<BackupStore.StoredTable, Boolean> ready = t -> edges.stream()
                .noneMatch(e -> e[0] == t.oid()
                        && out.stream().noneMatch(o -> o.oid() == e[1])
                        && remaining.stream().anyMatch(r -> r.oid() == e[1]));
        while (!remaining.isEmpty()) {
            BackupStore.StoredTable next =
                    remaining.stream().filter(ready::apply).findFirst().orElse(remaining.peek());
            remaining.remove(next);
            out.add(next);
        }
        return out;
    }

    /** The hash an approval binds to: over each statement's position, expected count and text. */
    static final class ScriptHash {
        private ScriptHash() {}

        static MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every JVM", e);
            }
        }

        static void update(MessageDigest digest, int seq, int expected, String sql) {
            digest.update((seq + "\n" + expected + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(sql.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
    }
}
