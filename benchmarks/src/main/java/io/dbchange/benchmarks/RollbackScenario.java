package io.dbchange.benchmarks;

import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.mysql.MySqlEngine;
import io.dbchange.mysql.rollback.BinlogPosition;
import io.dbchange.mysql.rollback.BinlogRollback;
import io.dbchange.mysql.rollback.CapturedChange;
import io.dbchange.mysql.rollback.RollbackScript;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Binlog rollback generation against {@code mariadb-binlog --flashback} on the same binary log range, in the same
 * run, on the embedded MariaDB: a table {@code (id INT PRIMARY KEY, a INT, b VARCHAR(32), c DATETIME)} of N rows,
 * one captured {@code UPDATE} of every row, then
 *
 * <ul>
 *   <li>ours: {@link BinlogRollback#generate} in a child JVM started with {@code -Xmx256m}, which reports the
 *       generation's wall time and the peak heap (sum of the heap pools' peaks, an upper bound);
 *   <li>theirs: {@code mariadb-binlog --flashback} on the same binlog file from the same start to the same stop
 *       position, its output written to a file (ours writes gzip'd chunk files). It reads the file directly (a
 *       10.11 client refuses to read an 11.4 server remotely); ours reads through the server's replication protocol.
 * </ul>
 *
 * Ours and theirs run {@value #RUNS} times each, alternating, and the medians are reported (the peak heap is the
 * largest). Then the same for 10,000,000 rows, ours only, once, for the peak heap. {@code mariadb-binlog} is found on the {@code
 * PATH} or next to the embedded server's binaries; {@code benchmarks/run rollback} installs Debian's {@code
 * mariadb-client} when neither has it. Arguments: rows (default 1,000,000) and rows for the heap run (default
 * 10,000,000; 0 skips it).
 */
final class RollbackScenario implements Scenario {

    /** Runs of ours and of the peer at the main size, alternating; the figures are medians. */
    static final int RUNS = 3;

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @Override
    public String name() {
        return "rollback";
    }

    @Override
    public String summary() {
        return "binlog rollback of a 1,000,000-row UPDATE vs mariadb-binlog --flashback; heap at 10,000,000 rows"
                + " (args: rows heapRows)";
    }

    @Override
    public int run(List<String> args) throws Exception {
        if (args.size() >= 1 && args.get(0).equals("child")) {
            return child(args.subList(1, args.size()));
        }
        long rows = args.isEmpty() ? 1_000_000 : Long.parseLong(args.get(0));
        long heapRows = args.size() < 2 ? 10_000_000 : Long.parseLong(args.get(1));
        Path work = Files.createTempDirectory("dbchange-rollback-bench");
        try {
            Measured main = measure(rows, work.resolve("main"), true);
            String heap10m = "skipped";
            if (heapRows > 0) {
                Measured big = measure(heapRows, work.resolve("heap"), false);
                heap10m = String.format(Locale.ROOT, "%.0f", big.peakHeapMb);
                System.out.printf(
                        Locale.ROOT,
                        "rollback: %,d rows: ours %.2f s, peak heap %.0f MB (-Xmx256m)%n",
                        heapRows,
                        big.ours,
                        big.peakHeapMb);
            }
            String flashback = main.flashback < 0 ? "skipped" : String.format(Locale.ROOT, "%.2f", main.flashback);
            String ratio =
                    main.flashback < 0 ? "skipped" : String.format(Locale.ROOT, "%.2f", main.ours / main.flashback);
            System.out.printf(
                    Locale.ROOT,
                    "RESULT rollback rows=%d ours_s=%.2f flashback_s=%s ratio=%s peak_heap_mb_1m=%.0f"
                            + " peak_heap_mb_10m=%s%n",
                    rows,
                    main.ours,
                    flashback,
                    ratio,
                    main.peakHeapMb,
                    heap10m);
            return 0;
        } finally {
            delete(work);
        }
    }

    private record Measured(double ours, double flashback, double peakHeapMb) {}

    private Measured measure(long rows, Path work, boolean withFlashback) throws Exception {
        try (TestDatabase db = TestServers.mysql().createDatabase();
                Connection c = db.openConnection()) {
            long t0 = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bench (id INT PRIMARY KEY, a INT, b VARCHAR(32), c DATETIME)");
                // MariaDB's sequence engine: seq_1_to_N generates the rows on the server.
                for (long from = 1; from <= rows; from += 1_000_000) {
                    long to = Math.min(rows, from + 999_999);
                    s.execute("INSERT INTO bench SELECT seq, seq, CONCAT('name-', seq), '2024-01-01' + INTERVAL seq"
                            + " SECOND FROM seq_" + from + "_to_" + to);
                }
            }
            System.out.printf(
                    Locale.ROOT, "rollback: %,d rows loaded in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
            BinlogRollback rollback = BinlogRollback.of(db.connectionSettings());
            long t1 = System.nanoTime();
            CapturedChange change = rollback.execute(
                    c, List.of("UPDATE bench SET a = a + 1, b = CONCAT(b, '-x'), c = c + INTERVAL 1 DAY"));
            System.out.printf(
                    Locale.ROOT,
                    "rollback: captured UPDATE of %,d rows in %.1f s, binlog %s to %s (%s)%n",
                    change.rowsAffected(),
                    (System.nanoTime() - t1) / 1e9,
                    change.start(),
                    change.end(),
                    change.gtid().orElse("no gtid"));
            // On a shared machine single runs vary a lot: with the peer, RUNS alternating runs each, medians.
            int runs = withFlashback ? RUNS : 1;
            double[] oursSeconds = new double[runs];
            double[] flashbackSeconds = new double[runs];
            double peak = 0;
            for (int run = 0; run < runs; run++) {
                double[] measured = child(db, change, work.resolve("ours-" + run));
                oursSeconds[run] = measured[0];
                peak = Math.max(peak, measured[1]);
                System.out.printf(Locale.ROOT, "rollback: ours %.2f s, peak heap %.0f MB%n", measured[0], measured[1]);
                delete(work.resolve("ours-" + run));
                if (withFlashback) {
                    Path out = work.resolve("flashback.sql");
                    flashbackSeconds[run] = flashback(c, db, change, out);
                    Files.deleteIfExists(out);
                    System.out.printf(Locale.ROOT, "rollback: flashback %.2f s%n", flashbackSeconds[run]);
                }
            }
            double[] ours = {median(oursSeconds), peak};
            double flashback = withFlashback ? median(flashbackSeconds) : -1;
            if (withFlashback) {
                System.out.printf(
                        Locale.ROOT,
                        "rollback: %,d rows: ours %.2f s (median; peak heap %.0f MB), mariadb-binlog --flashback %s s (median)%n",
                        rows,
                        ours[0],
                        ours[1],
                        flashback < 0 ? "skipped" : String.format(Locale.ROOT, "%.2f", flashback));
            }
            return new Measured(ours[0], flashback, ours[1]);
        }
    }

    /** Runs our generation in a child JVM with a 256 MB heap; returns seconds and peak heap MB. */
    private static double[] child(TestDatabase db, CapturedChange change, Path directory) throws Exception {
        Path jar = Path.of(RollbackScenario.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        // Extra options for the child, e.g. a flight recording:
        // DBCHANGE_BENCH_CHILD_OPTS="-XX:StartFlightRecording=..."
        String extra = System.getenv("DBCHANGE_BENCH_CHILD_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.strip().split("\\s+")));
        }
        command.addAll(List.of(
                "-cp",
                jar.toString(),
                Run.class.getName(),
                "rollback",
                "child",
                db.jdbcUrl(),
                db.user(),
                db.password(),
                change.start().file(),
                Long.toString(change.start().position()),
                change.end().file(),
                Long.toString(change.end().position()),
                change.gtid().orElse(""),
                Long.toString(change.threadId()),
                directory.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        String last = output.lines()
                .filter(l -> l.startsWith("CHILD "))
                .reduce((a, b) -> b)
                .orElse("");
        if (exit != 0 || last.isEmpty()) {
            throw new IllegalStateException("generation in the child JVM failed (exit " + exit + "):\n" + output);
        }
        String[] parts = last.split(" ");
        return new double[] {Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
    }

    /** The child JVM: generates and prints {@code CHILD seconds peakHeapMb statements chunks}. */
    private static int child(List<String> a) throws Exception {
        String url = a.get(0);
        try (Connection c = DriverManager.getConnection(url, a.get(1), a.get(2))) {
            SchemaSnapshot schema = new MySqlEngine().readSchema(c, SnapshotOptions.DEFAULTS);
            CapturedChange change = new CapturedChange(
                    c.getCatalog(),
                    new BinlogPosition(a.get(3), Long.parseLong(a.get(4))),
                    new BinlogPosition(a.get(5), Long.parseLong(a.get(6))),
                    a.get(7).isEmpty() ? Optional.empty() : Optional.of(a.get(7)),
                    Long.parseLong(a.get(8)),
                    1,
                    0,
                    schema);
            BinlogRollback rollback =
                    BinlogRollback.of(io.dbchange.api.engine.ConnectionSettings.of(url, a.get(1), a.get(2)));
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            long start = System.nanoTime();
            RollbackScript script = rollback.generate(change, Path.of(a.get(9)));
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            long bytes;
            try (Stream<Path> files = Files.list(script.directory())) {
                bytes = files.mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.printf(
                    Locale.ROOT,
                    "child: %,d statements in %d chunks, %.1f MB gzip'd%n",
                    script.statementCount(),
                    script.chunks(),
                    bytes / 1e6);
            System.out.printf(
                    Locale.ROOT,
                    "CHILD %.3f %.1f %d %d%n",
                    seconds,
                    peak / 1048576.0,
                    script.statementCount(),
                    script.chunks());
        }
        return 0;
    }

    private static double flashback(Connection c, TestDatabase db, CapturedChange change, Path output)
            throws Exception {
        Optional<Path> tool = tool(c);
        if (tool.isEmpty()) {
            System.out.println("rollback: no mariadb-binlog on the PATH or next to the server; flashback skipped"
                    + " (benchmarks/run rollback installs Debian's mariadb-client)");
            return -1;
        }
        // mariadb-binlog 10.11 refuses to read an 11.4 server remotely ("unrecognized MariaDB version") but reads
        // its binlog files, so it reads the file in the server's data directory.
        Path binlog;
        try (Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT @@log_bin_basename")) {
            rs.next();
            binlog = Path.of(rs.getString(1)).resolveSibling(change.start().file());
        }
        List<String> command = List.of(
                tool.get().toString(),
                "--flashback",
                "--start-position=" + change.start().position(),
                "--stop-position=" + change.end().position(),
                "--result-file=" + output,
                binlog.toString());
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException(tool.get() + " failed (exit " + exit + "): " + out);
        }
        System.out.printf(
                Locale.ROOT, "rollback: %s --flashback wrote %.1f MB%n", tool.get(), Files.size(output) / 1e6);
        return seconds;
    }

    private static Optional<Path> tool(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT @@basedir")) {
            rs.next();
            Path shipped = Path.of(rs.getString(1), "bin", "mariadb-binlog");
            if (Files.isExecutable(shipped)) {
                return Optional.of(shipped);
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            for (String name : List.of("mariadb-binlog", "mysqlbinlog")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
