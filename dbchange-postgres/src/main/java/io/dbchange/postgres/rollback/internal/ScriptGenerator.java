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
 * Turns a capture into the inverse script: a few set-based statements per table that read the inverse rows straight
 * from the capture's backup tables, so generating and applying cost a fixed amount of client memory and a handful of
 * server round trips however many rows the change touched.
 *
 * <p>Per table, the net difference between the before- and after-images is inverted: rows whose key is only in the
 * before-images are inserted back ({@code INSERT ... SELECT}), rows in both whose content differs are updated back
 * ({@code UPDATE ... FROM}), rows only in the after-images are deleted ({@code DELETE ... USING}). Every statement
 * matches the live rows by key <em>and</em> by their full row text as the change left them ({@code t::text IS NOT
 * DISTINCT FROM ROW(a.*)::text}, under fixed text settings): comparing text rather than with each type's equality
 * keeps the comparison exact where equality is not ({@code -0 = 0}, {@code 1.0 = 1.00}, case-insensitive types) and
 * works for {@code json}, which has no equality at all. A row someone changed since is therefore not touched, the
 * statement's row count comes out short, and the rollback aborts. Tables without a key are compared as multisets of
 * row texts.
 *
 * <p>The values themselves never pass through text: they are copied column to column from the before-images, so
 * every type is restored bit for bit (float -0 and NaN, numeric scale, bytea, arrays, ranges, TOASTed values).
 *
 * <p>Order: inserts with referenced tables first, then updates, then deletes with referencing tables first. Each
 * statement covers all rows of its table, and PostgreSQL checks non-deferred foreign keys at the end of each
 * statement, so rows of a self-referencing table (a subtree of {@code employee.manager_id -> employee.id}) come back
 * in one statement without ordering rows. Foreign-key cycles between captured tables are refused unless every
 * foreign key in the cycle is deferrable (the apply then defers them).
 *
 * <p>The script's SHA-256 covers the statements, their expected row counts and the content of the backup tables
 * (row hashes sorted and hashed on the server), so editing either after approval is detected when the rollback is
 * applied.
 */
public final class ScriptGenerator {

    static final String T = Sql.ident("dbchange$t");
    static final String S = Sql.ident("dbchange$s");
    static final String V = Sql.ident("dbchange$v");
    static final String M = Sql.ident("dbchange$m");
    static final String R = Sql.ident("dbchange$r");
    static final String N = Sql.ident("dbchange$n");
    static final String I = Sql.ident("dbchange$i");
    static final String NA = Sql.ident("dbchange$na");
    static final String NB = Sql.ident("dbchange$nb");

    private final BackupStore store;

    public ScriptGenerator(BackupStore store) {
        this.store = store;
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
            ForeignKeys fks = ForeignKeys.read(c, capture.tables());
            List<BackupStore.StoredTable> order = fks.parentsFirst(capture.tables());
            Chunks chunks = new Chunks(c, id);
            for (BackupStore.StoredTable t : order) {
                add(c, chunks, insert(id, t));
            }
            for (BackupStore.StoredTable t : order) {
                add(c, chunks, update(id, t));
            }
            List<BackupStore.StoredTable> childrenFirst = new ArrayList<>(order);
            java.util.Collections.reverse(childrenFirst);
            for (BackupStore.StoredTable t : childrenFirst) {
                add(c, chunks, delete(id, t));
            }
            String sha = chunks.sha256(dataDigest(c, store, id, capture.tables()));
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

    /** One inverse statement and the query that counts the rows it must change; {@code null} when none. */
    record Inverse(String sql, String countQuery) {}

    private static void add(Connection c, Chunks chunks, Inverse inverse) throws SQLException {
        if (inverse == null) {
            return;
        }
        long expected;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(inverse.countQuery())) {
            rs.next();
            expected = rs.getLong(1);
        }
        if (expected > Integer.MAX_VALUE) {
            throw new DbChangeException(
                    RollbackErrorCode.ROLLBACK_REFUSED,
                    "an inverse statement would change " + expected + " rows, more than " + Integer.MAX_VALUE
                            + " that one rollback statement can check; undo the change in parts by hand");
        }
        if (expected > 0) {
            chunks.add(inverse.sql(), (int) expected);
        }
    }

    /** Writes statements into {@code script_chunk}, hashing them. */
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

        String sha256(byte[] data) throws SQLException {
            insert.close();
            ScriptHash.data(digest, data);
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /**
     * A digest of the content of a capture's backup tables, computed on the server: per table and image, each row's
     * text is hashed with SHA-256, the row hashes are spread over 256 buckets by their first byte, and each bucket's
     * sorted hashes are hashed again; only the bucket digests travel. The sorted multiset of row hashes does not
     * depend on where rows lie on disk, and sorting 32-byte hashes is much cheaper than sorting row texts. Needs the
     * exact text settings.
     */
    static byte[] dataDigest(Connection c, BackupStore store, String id, List<BackupStore.StoredTable> tables)
            throws SQLException {
        MessageDigest digest = ScriptHash.newDigest();
        for (BackupStore.StoredTable t : tables) {
            for (String backup : List.of(BackupStore.beforeTable(id, t.n()), BackupStore.afterTable(id, t.n()))) {
                String q = "SELECT get_byte(h, 0) AS g, count(*), sha256(string_agg(h, ''::bytea ORDER BY h)) FROM"
                        + " (SELECT sha256(convert_to(x::text, 'UTF8')) AS h FROM " + store.table(backup)
                        + " AS x) y GROUP BY 1 ORDER BY 1";
                digest.update((backup + "\n").getBytes(StandardCharsets.UTF_8));
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery(q)) {
                    while (rs.next()) {
                        digest.update((rs.getInt(1) + ":" + rs.getLong(2) + ":").getBytes(StandardCharsets.UTF_8));
                        digest.update(rs.getBytes(3));
                    }
                }
            }
        }
        return digest.digest();
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

    private static String columns(String alias, List<String> cols) {
        StringBuilder b = new StringBuilder();
        for (String col : cols) {
            b.append(b.isEmpty() ? "" : ", ")
                    .append(alias.isEmpty() ? "" : alias + ".")
                    .append(Sql.ident(col));
        }
        return b.toString();
    }

    private static List<String> writable(BackupStore.StoredTable t) {
        return t.columns().stream()
                .filter(col -> !col.generated())
                .map(TableMeta.ColumnMeta::name)
                .toList();
    }

    private Inverse insert(String id, BackupStore.StoredTable t) {
        String bk = store.table(BackupStore.beforeTable(id, t.n()));
        String ak = store.table(BackupStore.afterTable(id, t.n()));
        List<String> cols = writable(t);
        String head = "INSERT INTO " + t.qualified() + " (" + columns("", cols) + ")"
                + (t.columns().stream().anyMatch(TableMeta.ColumnMeta::identityAlways)
                        ? " OVERRIDING SYSTEM VALUE"
                        : "");
        if (!t.key().isEmpty()) {
            String rows = " FROM " + bk + " AS b WHERE NOT b." + CaptureRunner.OWN + " AND NOT EXISTS (SELECT 1 FROM "
                    + ak + " AS a WHERE " + keyJoin("a", "b", t.key()) + ")";
            // ON CONFLICT DO NOTHING: a key (or other unique value) taken since makes the count come out short,
            // which is reported as a conflict rather than as a failed statement
            return new Inverse(
                    head + " SELECT " + columns("b", cols) + rows + " ON CONFLICT DO NOTHING",
                    "SELECT count(*)" + rows);
        }
        String diff = multisetQuery(t, bk, ak, true);
        String sql = head + " SELECT " + columns(M, cols) + " FROM (SELECT " + columns("b", cols) + ", " + N + ", "
                + "row_number() OVER (PARTITION BY " + R + " ORDER BY b." + Sql.ident("dbchange$c") + ") AS " + I
                + " FROM " + bk + " AS b JOIN (" + diff + ") AS d ON d." + R + " = " + rowText("b", t) + " WHERE NOT b."
                + CaptureRunner.OWN + ") AS " + M + " WHERE " + M + "." + I + " <= " + M + "." + N;
        return new Inverse(sql, "SELECT coalesce(sum(" + N + "), 0) FROM (" + diff + ") AS d");
    }

    private Inverse update(String id, BackupStore.StoredTable t) {
        if (t.key().isEmpty()) {
            return null;
        }
        String bk = store.table(BackupStore.beforeTable(id, t.n()));
        String ak = store.table(BackupStore.afterTable(id, t.n()));
        List<String> set = t.columns().stream()
                .filter(col -> !col.generated() && !col.identityAlways())
                .map(TableMeta.ColumnMeta::name)
                .toList();
        if (set.isEmpty()) {
            return null;
        }
        String pairs = " FROM " + bk + " AS b JOIN " + ak + " AS a ON " + keyJoin("a", "b", t.key()) + " WHERE NOT b."
                + CaptureRunner.OWN + " AND " + rowText("a", t) + " IS DISTINCT FROM " + rowText("b", t);
        StringBuilder sql = new StringBuilder("UPDATE ")
                .append(t.qualified())
                .append(" AS ")
                .append(T)
                .append(" SET ");
        for (int i = 0; i < set.size(); i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append(Sql.ident(set.get(i)))
                    .append(" = b.")
                    .append(Sql.ident(set.get(i)));
        }
        sql.append(pairs)
                .append(" AND ")
                .append(keyJoin(T, "a", t.key()))
                .append(" AND ")
                .append(T)
                .append("::text IS NOT DISTINCT FROM ")
                .append(rowText("a", t));
        return new Inverse(sql.toString(), "SELECT count(*)" + pairs);
    }

    private Inverse delete(String id, BackupStore.StoredTable t) {
        String bk = store.table(BackupStore.beforeTable(id, t.n()));
        String ak = store.table(BackupStore.afterTable(id, t.n()));
        if (!t.key().isEmpty()) {
            String only = " WHERE NOT EXISTS (SELECT 1 FROM " + bk + " AS b WHERE NOT b." + CaptureRunner.OWN + " AND "
                    + keyJoin("b", "a", t.key()) + ")";
            return new Inverse(
                    "DELETE FROM " + t.qualified() + " AS " + T + " USING " + ak + " AS a" + only + " AND "
                            + keyJoin(T, "a", t.key()) + " AND " + T + "::text IS NOT DISTINCT FROM "
                            + rowText("a", t),
                    "SELECT count(*) FROM " + ak + " AS a" + only);
        }
        // Without a key, delete as many copies of each row text as the change added: identical rows are
        // interchangeable, so which physical copies go does not matter (the lowest addresses, for repeatability).
        String diff = multisetQuery(t, bk, ak, false);
        String sql = "DELETE FROM " + t.qualified() + " AS " + T + " WHERE (" + T + ".tableoid, " + T + ".ctid) IN"
                + " (SELECT " + M + ".o, " + M + ".c FROM (SELECT " + S + ".tableoid AS o, " + S + ".ctid AS c, d." + N
                + ", row_number() OVER (PARTITION BY d." + R + " ORDER BY " + S + ".tableoid, " + S + ".ctid) AS " + I
                + " FROM " + t.qualified() + " AS " + S + " JOIN (" + diff + ") AS d ON " + S + "::text = d." + R
                + ") AS " + M + " WHERE " + M + "." + I + " <= " + M + "." + N + ")";
        return new Inverse(sql, "SELECT coalesce(sum(" + N + "), 0) FROM (" + diff + ") AS d");
    }

    /**
     * For a table without a key: per distinct row text ({@code R}), how many more copies the before-images hold than
     * the after-images ({@code inserts}) or the other way round ({@code N}); only texts with a positive count.
     */
    static String multisetQuery(BackupStore.StoredTable t, String bk, String ak, boolean inserts) {
        String diff = inserts ? "sum(x." + NB + ") - sum(x." + NA + ")" : "sum(x." + NA + ") - sum(x." + NB + ")";
        return "SELECT x." + R + ", (" + diff + ")::int AS " + N + " FROM (SELECT " + rowText("a", t) + " AS " + R
                + ", 1 AS " + NA + ", 0 AS " + NB + " FROM " + ak + " AS a UNION ALL SELECT " + rowText("b", t)
                + " AS " + R + ", 0 AS " + NA + ", 1 AS " + NB + " FROM " + bk + " AS b WHERE NOT b."
                + CaptureRunner.OWN + ") AS x GROUP BY x." + R + " HAVING " + diff + " > 0";
    }

    /** Foreign keys between captured tables (a table referencing itself included), read from the live catalog. */
    record ForeignKeys(List<long[]> edges, List<String> deferrable) {

        static ForeignKeys read(Connection c, List<BackupStore.StoredTable> tables) throws SQLException {
            List<long[]> edges = new ArrayList<>();
            List<String> deferrable = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT conrelid::bigint, confrelid::bigint, condeferrable,"
                    + " quote_ident(n.nspname) || '.' || quote_ident(conname) FROM pg_constraint k"
                    + " JOIN pg_namespace n ON n.oid = k.connamespace"
                    + " WHERE contype = 'f' AND conparentid = 0"
                    + " AND conrelid = ANY (?::oid[]) AND confrelid = ANY (?::oid[]) ORDER BY 4")) {
                Object[] oids =
                        tables.stream().map(BackupStore.StoredTable::oid).toArray();
                ps.setArray(1, c.createArrayOf("int8", oids));
                ps.setArray(2, c.createArrayOf("int8", oids));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getBoolean(3)) {
                            // checked at commit once the apply defers it, so it does not constrain the order
                            deferrable.add(rs.getString(4));
                        } else if (rs.getLong(1) != rs.getLong(2)) {
                            edges.add(new long[] {rs.getLong(1), rs.getLong(2)});
                        }
                    }
                }
            }
            return new ForeignKeys(edges, deferrable);
        }

        /**
         * Referenced (parent) tables before referencing ones by the foreign keys that cannot be deferred (the apply
         * defers the others); the capture refuses cycles of those, so a cycle here only keeps capture order.
         */
        List<BackupStore.StoredTable> parentsFirst(List<BackupStore.StoredTable> tables) {
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

        /** The backup tables' content digest, after the last statement. */
        static void data(MessageDigest digest, byte[] data) {
            digest.update("data\n".getBytes(StandardCharsets.UTF_8));
            digest.update(data);
        }
    }
}
