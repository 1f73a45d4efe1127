package io.dbchange.benchmarks;

import io.dbchange.postgres.rollback.CaptureOptions;
import io.dbchange.postgres.rollback.CapturedChange;
import io.dbchange.postgres.rollback.PostgresRollback;
import io.dbchange.postgres.rollback.RollbackScript;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * {@code benchmarks/run pg-rollback [rows]}: on the embedded PostgreSQL, two identical tables of {@value #DEFAULT_ROWS}
 * rows (key, integer, text, numeric, timestamptz); the same UPDATE of every row runs once in a plain {@code REPEATABLE
 * READ} transaction on one table and once through {@link PostgresRollback#execute} (capture on) on the other, in the
 * same run. Then the rollback script is generated from the capture and applied (verified). Prints the capture
 * overhead in percent of the plain UPDATE, the generation and apply times, and the peak heap used while generating and
 * applying (heap pools' peak since a full GC before generation); the same change on a tenth of the rows then gives
 * the peak heap again, so {@code heap_ratio} (big over small) shows whether memory grows with the rows.
 */
final class PgRollbackScenario implements Scenario {

    static final int DEFAULT_ROWS = 1_000_000;
    static final String UPDATE = "UPDATE %s SET a = a + 1, b = b || 'x', c = c * 2";

    @Override
    public String name() {
        return "pg-rollback";
    }

    @Override
    public String summary() {
        return DEFAULT_ROWS + "-row PostgreSQL UPDATE with rollback capture on vs off; generate and apply (arg: rows)";
    }

    @Override
    public int run(List<String> args) throws Exception {
        int rows = args.isEmpty() ? DEFAULT_ROWS : Integer.parseInt(args.get(0));
        if (rows < 1) {
            throw new IllegalArgumentException("'rows' must be at least 1: " + rows);
        }
        PostgresRollback rollback = PostgresRollback.configure().build();
        try (TestDatabase db = TestServers.postgres().createDatabase();
                Connection c = db.openConnection()) {
            for (String table : List.of("bench_off", "bench_on")) {
                long t0 = System.nanoTime();
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE " + table + " (id integer PRIMARY KEY, a integer NOT NULL, b text NOT NULL,"
                            + " c numeric NOT NULL, d timestamptz NOT NULL)");
                    s.execute("INSERT INTO " + table + " SELECT g, g % 1000, md5(g::text), g / 7.0,"
                            + " timestamptz '2024-01-01 00:00+00' + g * interval '1 second'"
                            + " FROM generate_series(1, " + rows + ") g");
                    s.execute("VACUUM ANALYZE " + table);
                }
                System.out.printf(Locale.ROOT, "created %s with %d rows in %.1f s%n", table, rows, secs(t0));
            }
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            }
            long t0 = System.nanoTime();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement s = c.createStatement()) {
                s.executeUpdate(UPDATE.formatted("bench_off"));
            }
            c.commit();
            c.setAutoCommit(true);
            double off = secs(t0);
            System.out.printf(Locale.ROOT, "UPDATE, capture off: %.2f s%n", off);
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            }
            t0 = System.nanoTime();
            CapturedChange change = rollback.execute(c, UPDATE.formatted("bench_on"), CaptureOptions.DEFAULTS);
            double on = secs(t0);
            System.out.printf(
                    Locale.ROOT, "UPDATE, capture on:  %.2f s (%d rows captured)%n", on, change.rowsChanged());
            resetPeakHeap();
            t0 = System.nanoTime();
            RollbackScript script = rollback.generate(c, change.id());
            double generate = secs(t0);
            System.out.printf(
                    Locale.ROOT,
                    "generate: %.2f s (%d statements, %d rows)%n",
                    generate,
                    script.statements(),
                    script.rows());
            t0 = System.nanoTime();
            rollback.apply(c, change.id(), script.sha256());
            double apply = secs(t0);
            System.out.printf(Locale.ROOT, "apply (verified): %.2f s%n", apply);
            long peak = peakHeap();
            int smallRows = Math.max(1, rows / 10);
            long smallPeak = smallRound(c, rollback, smallRows);
            double overhead = (on - off) / off * 100;
            System.out.printf(
                    Locale.ROOT,
                    "RESULT pg-rollback rows=%d capture_overhead_pct=%.0f update_off_s=%.2f update_on_s=%.2f"
                            + " generate_s=%.2f apply_s=%.2f peak_heap_mb=%.1f peak_heap_mb_%d=%.1f heap_ratio=%.2f%n",
                    rows,
                    overhead,
                    off,
                    on,
                    generate,
                    apply,
                    peak / 1048576.0,
                    smallRows,
                    smallPeak / 1048576.0,
                    (double) peak / smallPeak);
        }
        TestServers.stopAll();
        return 0;
    }

    /** The same change on {@code rows} rows of a fresh table: the peak heap of its generate and apply. */
    private static long smallRound(Connection c, PostgresRollback rollback, int rows) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_small (id integer PRIMARY KEY, a integer NOT NULL, b text NOT NULL,"
                    + " c numeric NOT NULL, d timestamptz NOT NULL)");
            s.execute("INSERT INTO bench_small SELECT g, g % 1000, md5(g::text), g / 7.0,"
                    + " timestamptz '2024-01-01 00:00+00' + g * interval '1 second' FROM generate_series(1, " + rows
                    + ") g");
            s.execute("VACUUM ANALYZE bench_small");
        }
        CapturedChange change = rollback.execute(c, UPDATE.formatted("bench_small"), CaptureOptions.DEFAULTS);
        resetPeakHeap();
        long t0 = System.nanoTime();
        RollbackScript script = rollback.generate(c, change.id());
        rollback.apply(c, change.id(), script.sha256());
        long peak = peakHeap();
        System.out.printf(
                Locale.ROOT,
                "%d rows: generate and apply %.2f s, peak heap %.1f MB%n",
                rows,
                secs(t0),
                peak / 1048576.0);
        return peak;
    }

    /** A full GC, then the heap pools' peak counters start again from what is live. */
    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
