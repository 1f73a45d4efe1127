package io.dbchange.postgres.rollback.internal;

import io.dbchange.api.DbChangeException;
import io.dbchange.postgres.rollback.CaptureOptions;
import io.dbchange.postgres.rollback.CapturedChange;
import io.dbchange.postgres.rollback.Refusal;
import io.dbchange.postgres.rollback.RollbackCheck;
import io.dbchange.postgres.rollback.RollbackErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Runs data-change statements in one {@code REPEATABLE READ} transaction and captures, in that same transaction,
 * the exact before-image of every pre-existing row they update or delete and the after-image of every row they
 * insert or update.
 *
 * <p>How it stays exact, and its hazards:
 * <ul>
 *   <li>Before each {@code UPDATE}/{@code DELETE}, the rows it will touch are copied with the statement's own
 *       target, {@code FROM}/{@code USING} list and {@code WHERE} condition. {@code REPEATABLE READ} makes the copy
 *       and the statement see the same snapshot (plus this transaction's own writes), and a row changed by another
 *       transaction in between makes the statement fail with a serialization error instead of touching a row the
 *       copy did not see. That is why no {@code FOR UPDATE} is needed: it would write a lock to every row for no
 *       extra guarantee. Conditions that call volatile functions are refused, since they can pick other rows on
 *       re-evaluation. The statement's reported row count must equal the number of distinct rows copied.</li>
 *   <li>Rows this transaction already wrote ({@code xmin} = our transaction id) are not copied again: their
 *       before-image is already held, or they did not exist before.</li>
 *   <li>After the last statement, every row whose {@code xmin} is our transaction id is an after-image: inserted
 *       rows and new versions of updated rows, including values set by defaults, {@code BEFORE} triggers and
 *       generated columns. Their number is checked against what the statements reported.</li>
 *   <li>{@code pg_stat_xact_user_tables} counts every row this transaction inserted, updated or deleted per table,
 *       whoever wrote it (statement, trigger, cascade, function). Any table or count beyond what the statements
 *       reported means the capture would miss something: the change is rolled back, unless the user consented
 *       that the rollback covers only the named tables and the extra writes are to other tables; then they are
 *       recorded as uncovered.</li>
 * </ul>
 */
public final class CaptureRunner {

    static final String OWN = Sql.ident("dbchange$own");

    private final BackupStore store;
    private final Duration retention;

    public CaptureRunner(BackupStore store, Duration retention) {
        this.store = store;
        this.retention = retention;
    }

    /** One statement to run; {@code expectedRows} (rollback scripts only) must match its row count, or -1. */
    public record Step(String sql, int expectedRows) {}

    /** Thrown when a step with an expected count changed another number of rows; the transaction is rolled back. */
    static final class CountMismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int step;
        final int expected;
        final long actual;
        final String sql;

        CountMismatch(int step, int expected, long actual, String sql, Throwable cause) {
            super("statement #" + (step + 1) + " changed " + actual + " rows, expected " + expected, cause);
            this.step = step;
            this.expected = expected;
            this.actual = actual;
            this.sql = sql;
        }
    }

    /** Called inside the transaction, before the capture is saved. */
    interface InTransaction {
        void run(Connection c, String captureId) throws SQLException;
    }

    /** The statements' shapes and tables, read before anything runs. */
    record Analysis(
            List<DmlShape> shapes, List<Integer> tableOfStatement, List<TableMeta> tables, RollbackCheck check) {}

    static Analysis analyze(Connection c, List<String> statements, boolean checkVolatility) throws SQLException {
        List<Refusal> refusals = new ArrayList<>();
        List<DmlShape> shapes = new ArrayList<>();
        List<Integer> tableOf = new ArrayList<>();
        Map<Long, Integer> tableIndex = new LinkedHashMap<>();
        List<TableMeta> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('standard_conforming_strings')")) {
            rs.next();
            if (!rs.getString(1).equals("on")) {
                refusals.add(new Refusal(
                        OptionalInt.empty(),
                        "",
                        "standard_conforming_strings is off in this session, so backslashes in string literals"
                                + " would be read differently by the capture; turn it on (the default)",
                        false));
            }
        }
        for (int i = 0; i < statements.size(); i++) {
            DmlShape.Recognized r = DmlShape.recognize(statements.get(i));
            if (r.refused() != null) {
                refusals.add(new Refusal(OptionalInt.of(i), "", r.refused().reason(), false));
                shapes.add(null);
                tableOf.add(-1);
                continue;
            }
            DmlShape shape = r.shape();
            shapes.add(shape);
            OptionalLong oid = Catalog.resolve(c, shape.table());
            if (oid.isEmpty()) {
                refusals.add(new Refusal(
                        OptionalInt.of(i),
                        shape.table(),
                        "table " + shape.table() + " does not exist (with the session's search_path)",
                        false));
                tableOf.add(-1);
                continue;
            }
            Integer index = tableIndex.get(oid.getAsLong());
            if (index == null) {
                index = tables.size();
                tableIndex.put(oid.getAsLong(), index);
                tables.add(Catalog.read(c, oid.getAsLong()));
            }
            tableOf.add(index);
            if (checkVolatility && shape instanceof DmlShape.Modify) {
                List<String> volatiles = Catalog.volatileFunctions(c, shape.calledNames());
                if (!volatiles.isEmpty()) {
                    refusals.add(new Refusal(
                            OptionalInt.of(i),
                            tables.get(index).qualified(),
                            "its condition calls volatile function(s) " + String.join(", ", volatiles)
                                    + ", which may pick other rows when the capture evaluates it than when the"
                                    + " statement does; compute the values first (e.g. into a table) and select"
                                    + " rows by them",
                            false));
                }
            }
        }
        for (TableMeta t : tables) {
            for (String problem : t.problems()) {
                refusals.add(new Refusal(OptionalInt.empty(), t.qualified(), problem, false));
            }
            if (!t.triggers().isEmpty()) {
                refusals.add(new Refusal(
                        OptionalInt.empty(),
                        t.qualified(),
                        "has trigger(s) " + String.join(", ", t.triggers()) + ", whose writes to other tables the"
                                + " rollback would not undo (and which fire again when it runs); consent that the"
                                + " rollback covers only the named tables, or disable the triggers",
                        true));
            }
            for (int k = 0; k < t.cascades().size(); k++) {
                boolean childTouched =
                        tableIndex.containsKey(t.cascadeChildren().get(k));
                refusals.add(new Refusal(
                        OptionalInt.empty(),
                        t.qualified(),
                        "foreign key " + t.cascades().get(k)
                                + (childTouched
                                        ? " writes into a table this change also writes, so neither could be"
                                                + " restored exactly; change the child rows first in their own"
                                                + " statements, or run without rollback"
                                        : " writes referencing rows the rollback would not restore; consent that"
                                                + " the rollback covers only the named tables, or change the"
                                                + " referencing rows first in their own statements"),
                        !childTouched));
            }
        }
        List<String> cycle = Catalog.foreignKeyCycle(c, tables);
        if (!cycle.isEmpty()) {
            refusals.add(new Refusal(
                    OptionalInt.empty(),
                    "",
                    "the tables this change writes reference each other in a cycle of foreign keys that cannot be"
                            + " deferred (" + String.join(" -> ", cycle) + "), so no order of the inverse statements"
                            + " could restore rows in all of them; declare one of those foreign keys DEFERRABLE, or"
                            + " change the tables in separate changes",
                    false));
        }
        RollbackCheck check = new RollbackCheck(
                statements.size(), tables.stream().map(TableMeta::qualified).toList(), refusals);
        return new Analysis(shapes, tableOf, tables, check);
    }

    /** Runs user statements: analyzed in full before the first one runs. */
    public CapturedChange runScript(Connection c, List<String> statements, CaptureOptions options) throws SQLException {
        try {
            return run(
                    c,
                    statements.stream().map(s -> new Step(s, -1)).iterator(),
                    null,
                    options,
                    Optional.empty(),
                    (conn, id) -> {});
        } catch (StepFailed e) {
            throw e.toException();
        }
    }

    /**
     * Runs steps with capture. {@code declared}: for rollback scripts, the tables the steps may write (their shapes
     * are then recognized one at a time, so that a script of any size streams); {@code null} analyzes all steps
     * first.
     */
    CapturedChange run(
            Connection c,
            Iterator<Step> steps,
            List<String> declared,
            CaptureOptions options,
            Optional<String> rollbackOf,
            InTransaction hook)
            throws SQLException {
        store.ensureSchema(c);
        boolean auto = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        int current = -1;
        String currentSql = "";
        try {
            Analysis analysis;
            List<Step> buffered = null;
            if (declared == null) {
                buffered = new ArrayList<>();
                steps.forEachRemaining(buffered::add);
                analysis = analyze(c, buffered.stream().map(Step::sql).toList(), true);
            } else {
                analysis = analyze(
                        c, declared.stream().map(t -> "DELETE FROM " + t).toList(), false);
            }
            RollbackCheck check = analysis.check();
            if (!check.capturable(options)) {
                throw refused(check.refusals().stream()
                        .filter(r -> !(r.consentable()
                                && options.coverOnlyNamedTables().isPresent()))
                        .toList());
            }
            List<TableMeta> tables = analysis.tables();
            Map<Long, Integer> byOid = new HashMap<>();
            for (int n = 0; n < tables.size(); n++) {
                byOid.put(tables.get(n).oid(), n);
            }
            String id = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
            String xid;
            Instant createdAt;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT (txid_current() % 4294967296)::text, now()")) {
                rs.next();
                xid = "'" + rs.getString(1) + "'::xid";
                createdAt = rs.getObject(2, OffsetDateTime.class).toInstant();
            }
            try (Statement s = c.createStatement()) {
                for (int n = 0; n < tables.size(); n++) {
                    String q = tables.get(n).qualified();
                    s.execute("CREATE TABLE " + store.table(BackupStore.beforeTable(id, n)) + " AS SELECT NULL::oid AS "
                            + Sql.ident("dbchange$o") + ", NULL::tid AS " + Sql.ident("dbchange$c")
                            + ", NULL::boolean AS " + OWN + ", t.* FROM " + q + " AS t WITH NO DATA");
                    s.execute("CREATE TABLE " + store.table(BackupStore.afterTable(id, n)) + " AS SELECT t.* FROM " + q
                            + " AS t WITH NO DATA");
                }
            }
            Map<Long, long[]> baseline = writeCounts(c);
            hook.run(c, id);
            long[] inserted = new long[tables.size()];
            long[] updated = new long[tables.size()];
            long[] deleted = new long[tables.size()];
            long[] liveOwn = new long[tables.size()];
            long rowsChanged = 0;
            int count = 0;
            Iterator<Step> it = buffered != null ? buffered.iterator() : steps;
            while (it.hasNext()) {
                Step step = it.next();
                current = count;
                currentSql = step.sql();
                DmlShape shape;
                int n;
                if (buffered != null) {
                    shape = analysis.shapes().get(count);
                    n = analysis.tableOfStatement().get(count);
                } else {
                    DmlShape.Recognized r = DmlShape.recognize(step.sql());
                    if (r.refused() != null) {
                        throw refused(List.of(new Refusal(
                                OptionalInt.of(count), "", r.refused().reason(), false)));
                    }
                    shape = r.shape();
                    OptionalLong oid = Catalog.resolve(c, shape.table());
                    Integer idx = oid.isPresent() ? byOid.get(oid.getAsLong()) : null;
                    if (idx == null) {
                        throw refused(List.of(new Refusal(
                                OptionalInt.of(count),
                                shape.table(),
                                "writes a table the script did not declare",
                                false)));
                    }
                    n = idx;
                }
                long matched = 0;
                long own = 0;
                if (shape instanceof DmlShape.Modify m) {
                    // generated rollback statements join their rows by key, one live row per backup row, so
                    // they need no de-duplication (a sort of every copied row)
                    long[] counts =
                            copyBefore(c, store.table(BackupStore.beforeTable(id, n)), m, xid, buffered != null);
                    matched = counts[0];
                    own = counts[1];
                }
                long changed = execute(c, step.sql());
                if (step.expectedRows() >= 0 && changed != step.expectedRows()) {
                    throw new CountMismatch(count, step.expectedRows(), changed, step.sql(), null);
                }
                if (shape instanceof DmlShape.Modify m && changed != matched) {
                    throw new DbChangeException(
                            RollbackErrorCode.ROLLBACK_CAPTURE_MISMATCH,
                            "statement #" + (count + 1) + " on " + tables.get(n).qualified() + " changed " + changed
                                    + " rows but its condition selected " + matched + " for the capture, so the"
                                    + " rollback would not be exact; nothing was committed. Fix: make the condition"
                                    + " select exactly the rows the statement changes (no triggers that skip rows,"
                                    + " no conditions that depend on the rows changed by this statement)");
                }
                if (shape instanceof DmlShape.Insert) {
                    inserted[n] += changed;
                    liveOwn[n] += changed;
                } else if (((DmlShape.Modify) shape).delete()) {
                    deleted[n] += changed;
                    liveOwn[n] -= own;
                } else {
                    updated[n] += changed;
                    liveOwn[n] += changed - own;
                }
                rowsChanged += changed;
                count++;
            }
            current = -1;
            List<BackupStore.StoredTable> stored = new ArrayList<>();
            for (int n = 0; n < tables.size(); n++) {
                TableMeta t = tables.get(n);
                long after;
                try (Statement s = c.createStatement()) {
                    after = s.executeUpdate("INSERT INTO " + store.table(BackupStore.afterTable(id, n))
                            + " SELECT t.* FROM " + t.qualified() + " AS t WHERE t.xmin = " + xid);
                }
                if (after != liveOwn[n]) {
                    throw new DbChangeException(
                            RollbackErrorCode.ROLLBACK_CAPTURE_MISMATCH,
                            t.qualified() + " holds " + after + " rows written by this change, but its statements"
                                    + " account for " + liveOwn[n] + "; something else (a trigger, rule or function)"
                                    + " wrote to it, so the rollback would not be exact; nothing was committed");
                }
                long before;
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT count(*) FROM "
                                + store.table(BackupStore.beforeTable(id, n)) + " WHERE NOT " + OWN)) {
                    rs.next();
                    before = rs.getLong(1);
                }
                stored.add(new BackupStore.StoredTable(n, t.oid(), t.qualified(), t.key(), t.columns(), before, after));
            }
            List<String> uncovered = checkWrites(c, tables, byOid, baseline, inserted, updated, deleted, options);
            for (Refusal r : check.refusals()) {
                uncovered.add(r.table() + ": " + r.reason().split(",")[0] + " (consent: "
                        + options.coverOnlyNamedTables().orElse("") + ")");
            }
            Instant expiresAt = createdAt.plus(retention);
            BackupStore.StoredCapture capture = new BackupStore.StoredCapture(
                    id,
                    createdAt,
                    expiresAt,
                    rollbackOf,
                    "CAPTURED",
                    count,
                    rowsChanged,
                    uncovered,
                    Optional.empty(),
                    Optional.empty(),
                    0,
                    Optional.empty(),
                    stored);
            store.insertCapture(c, capture);
            c.commit();
            return capture.toChange();
        } catch (SQLException e) {
            rollbackQuietly(c, e);
            if ("40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState())) {
                throw new DbChangeException(
                        RollbackErrorCode.ROLLBACK_CONCURRENT_CHANGE,
                        (current >= 0
                                        ? "statement #" + (current + 1) + " (" + shortText(currentSql) + ")"
                                        : "the capture")
                                + " met a row another transaction changed meanwhile; everything was rolled back."
                                + " Fix: run it again",
                        e);
            }
            if (current >= 0) {
                throw new StepFailed(current, currentSql, e);
            }
            throw new DbChangeException(
                    RollbackErrorCode.ROLLBACK_STATEMENT_FAILED,
                    "the capture failed and everything was rolled back: " + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            rollbackQuietly(c, e);
            throw e;
        } finally {
            if (!c.isClosed()) {
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(auto);
            }
        }
    }

    /** A user statement (or a rollback script statement) failed; the transaction is rolled back. */
    static final class StepFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int step;
        final String sql;
        final SQLException error;

        StepFailed(int step, String sql, SQLException error) {
            super("statement #" + (step + 1) + " failed: " + error.getMessage(), error);
            this.step = step;
            this.sql = sql;
            this.error = error;
        }

        DbChangeException toException() {
            return new DbChangeException(
                    RollbackErrorCode.ROLLBACK_STATEMENT_FAILED,
                    "statement #" + (step + 1) + " (" + shortText(sql) + ") failed and everything was rolled back"
                            + " (SQLState " + error.getSQLState() + "): " + error.getMessage(),
                    error);
        }
    }

    static String shortText(String sql) {
        String text = sql.strip().replaceAll("\\s+", " ");
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static long[] copyBefore(Connection c, String backup, DmlShape.Modify m, String xid, boolean distinct)
            throws SQLException {
        String ref = m.reference();
        String sql = "WITH ins AS (INSERT INTO " + backup + " SELECT "
                + (m.from().isEmpty() || !distinct ? "" : "DISTINCT ON (" + ref + ".tableoid, " + ref + ".ctid) ")
                + ref + ".tableoid, " + ref + ".ctid, " + ref + ".xmin = " + xid + ", " + ref + ".* FROM "
                + (m.only() ? "ONLY " : "") + m.table() + (m.alias().isEmpty() ? "" : " AS " + m.alias())
                + (m.from().isEmpty() ? "" : ", " + m.from())
                + " WHERE " + (m.where().isEmpty() ? "true" : "(" + m.where() + ")")
                + " RETURNING " + OWN + ") SELECT count(*), count(*) FILTER (WHERE " + OWN + ") FROM ins";
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static long execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (s.execute(sql)) {
                long rows = 0;
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next()) {
                        rows++;
                    }
                }
                return rows;
            }
            return s.getLargeUpdateCount();
        }
    }

    private List<String> checkWrites(
            Connection c,
            List<TableMeta> tables,
            Map<Long, Integer> byOid,
            Map<Long, long[]> baseline,
            long[] inserted,
            long[] updated,
            long[] deleted,
            CaptureOptions options)
            throws SQLException {
        long[][] seen = new long[tables.size()][3];
        Map<Long, long[]> others = new LinkedHashMap<>();
        Map<Long, String> otherNames = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT relid::bigint, coalesce(pg_partition_root(relid),"
                + " relid)::oid::bigint, quote_ident(schemaname) || '.' || quote_ident(relname), n_tup_ins,"
                + " n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables WHERE schemaname <> ?"
                + " AND n_tup_ins + n_tup_upd + n_tup_del > 0")) {
            ps.setString(1, store.schema());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Integer n = byOid.get(rs.getLong(2));
                    long[] base = baseline.getOrDefault(rs.getLong(1), new long[3]);
                    long[] counts = {rs.getLong(4) - base[0], rs.getLong(5) - base[1], rs.getLong(6) - base[2]};
                    if (counts[0] == 0 && counts[1] == 0 && counts[2] == 0) {
                        continue;
                    }
                    if (n == null) {
                        others.put(rs.getLong(1), counts);
                        otherNames.put(rs.getLong(1), rs.getString(3));
                    } else {
                        for (int k = 0; k < 3; k++) {
                            seen[n][k] += counts[k];
                        }
                    }
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (int n = 0; n < tables.size(); n++) {
            TableMeta t = tables.get(n);
            boolean partitioned = t.relkind().equals("p");
            // An UPDATE that moves a row to another partition counts there as one delete plus one insert.
            long moved = partitioned ? seen[n][0] - inserted[n] : 0;
            boolean exact = moved >= 0
                    && seen[n][0] == inserted[n] + moved
                    && seen[n][1] == updated[n] - moved
                    && seen[n][2] == deleted[n] + moved;
            if (!exact) {
                problems.add(String.format(
                        Locale.ROOT,
                        "%s: %d inserted, %d updated, %d deleted in this transaction, but the statements reported"
                                + " %d, %d, %d",
                        t.qualified(),
                        seen[n][0],
                        seen[n][1],
                        seen[n][2],
                        inserted[n],
                        updated[n],
                        deleted[n]));
            }
        }
        if (!problems.isEmpty()) {
            throw new DbChangeException(
                    RollbackErrorCode.ROLLBACK_CAPTURE_MISMATCH,
                    "something besides the statements (a trigger, rule, cascade or function) wrote to the captured"
                            + " tables, so the rollback would not be exact; nothing was committed. "
                            + String.join("; ", problems));
        }
        List<String> uncovered = new ArrayList<>();
        for (Map.Entry<Long, long[]> e : others.entrySet()) {
            long[] k = e.getValue();
            uncovered.add(String.format(
                    Locale.ROOT,
                    "%s: %d inserted, %d updated, %d deleted by a trigger, cascade or function; not covered",
                    otherNames.get(e.getKey()),
                    k[0],
                    k[1],
                    k[2]));
        }
        if (!uncovered.isEmpty() && options.coverOnlyNamedTables().isEmpty()) {
            throw new DbChangeException(
                    RollbackErrorCode.ROLLBACK_CAPTURE_MISMATCH,
                    "the change also wrote to tables it does not name, which the rollback would not undo; nothing"
                            + " was committed. " + String.join("; ", uncovered) + ". Fix: consent that the rollback"
                            + " covers only the named tables, or name those tables' changes in the script");
        }
        return uncovered;
    }

    /**
     * The per-table write counters before the first statement. Since PostgreSQL 15 the "xact" counters also hold
     * earlier transactions' counts of this session until the session flushes them, which happens only between
     * transactions; so the difference from this baseline is exactly this transaction's writes.
     */
    private static Map<Long, long[]> writeCounts(Connection c) throws SQLException {
        Map<Long, long[]> counts = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT relid::bigint, n_tup_ins, n_tup_upd, n_tup_del"
                        + " FROM pg_stat_xact_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0")) {
            while (rs.next()) {
                counts.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
            }
        }
        return counts;
    }

    static DbChangeException refused(List<Refusal> refusals) {
        return new DbChangeException(
                RollbackErrorCode.ROLLBACK_REFUSED,
                "the change cannot be captured for an exact rollback, and nothing was executed: "
                        + refusals.stream().map(Refusal::toString).collect(Collectors.joining("; ")));
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            if (!c.isClosed()) {
                c.rollback();
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
