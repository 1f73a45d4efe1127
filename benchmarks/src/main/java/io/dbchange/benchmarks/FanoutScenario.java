package io.dbchange.benchmarks;

import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Instance;
import io.dbchange.api.project.Project;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.mysql.MySqlEngine;
import io.dbchange.testing.TestServers;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code benchmarks/run fanout [dbs]}: one {@code ALTER TABLE} request over {@value #DEFAULT_DBS} databases of the
 * embedded MariaDB through the pipeline (concurrency {@value #CONCURRENCY}, in-memory store, checks, task runs,
 * two-phase history) against a plain JDBC loop doing the same statement on the same databases with the same
 * concurrency (one connection per thread, {@code USE db; ALTER TABLE ...}), in the same run. Both run as in a service
 * that keeps running: the loop keeps its connections and the pipeline is built once and keeps its pool, and each pass
 * is a new change request.
 *
 * <p>Each database holds one table with {@value #ROWS} rows, so an ALTER TABLE is real work but not dominated by
 * copying. Passes alternate raw, ours, raw, ours (each adds a new column, so every pass changes every table) and the
 * figures are the medians of the timed passes after {@value #WARMUP_PASSES} warm-up passes of each. {@code ours_s} is the default pipeline
 * (schema before/after read into history); {@code ours_noschema_s} is the same with {@code captureSchema(false)},
 * which shows what the two schema reads per task cost. {@code fanout 1000 schema=off} runs only raw and the pipeline
 * without schema capture, seven passes each, and prints {@code RESULT fanout dbs=... schema_capture=off ...}.
 *
 * <p>Each pass also prints the CPU seconds the MariaDB server process ({@code /proc/PID/stat}, Linux only) and this
 * JVM spent on it, so that a difference in time can be told apart: server work ({@code information_schema}, DDL) or
 * ours (JDBC driver, normalization, pipeline). The RESULT line ends with the medians per task of the pipeline with
 * schema capture minus the one without: {@code capture_server_cpu_ms_per_task} and {@code capture_jvm_cpu_ms_per_task}.
 *
 * <p>{@code fanout 50 trace} times nothing: it lists what one pass of each kind (raw, ours without and with schema
 * capture) sends to the server per task, from MariaDB's general log, and which store calls the pipeline makes per task
 * (the in-memory store behind a counting proxy; with the JDBC store each is a round trip to the store's database).
 */
final class FanoutScenario implements Scenario {

    static final int DEFAULT_DBS = 1000;
    static final int CONCURRENCY = 8;
    static final int ROWS = 100;
    static final int PASSES = 3;
    static final int WARMUP_PASSES = 6;

    private int column;

    @Override
    public String name() {
        return "fanout";
    }

    @Override
    public String summary() {
        return "one ALTER TABLE over " + DEFAULT_DBS + " MariaDB databases through the pipeline vs a plain JDBC loop,"
                + " concurrency " + CONCURRENCY + " (args: dbs [schema=off | trace])";
    }

    @Override
    public int run(List<String> args) throws Exception {
        int count = args.isEmpty() ? DEFAULT_DBS : Integer.parseInt(args.get(0));
        // schema=off: only the pipeline without schema capture, against raw, over more passes (a steadier figure of
        // the pipeline's own overhead; the schema reads cost far more than the ALTER itself at this scale)
        boolean schemaPasses = !args.contains("schema=off");
        int passes = schemaPasses ? PASSES : 7;
        if (count < 1) {
            throw new IllegalArgumentException("'dbs' must be at least 1: " + count);
        }
        ConnectionSettings admin = TestServers.mysql().adminSettings();
        List<String> dbs = new ArrayList<>();
        try {
            long t0 = System.nanoTime();
            try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                    Statement s = c.createStatement()) {
                StringBuilder rows = new StringBuilder();
                for (int r = 0; r < ROWS; r++) {
                    rows.append(r == 0 ? "" : ",")
                            .append("(")
                            .append(r)
                            .append(", 'row ")
                            .append(r)
                            .append("')");
                }
                for (int i = 0; i < count; i++) {
                    String name = String.format(Locale.ROOT, "fanout_%04d", i);
                    s.execute("DROP DATABASE IF EXISTS " + name);
                    s.execute("CREATE DATABASE " + name);
                    s.execute("CREATE TABLE " + name + ".t (id INT PRIMARY KEY, v VARCHAR(40))");
                    s.execute("INSERT INTO " + name + ".t VALUES " + rows);
                    dbs.add(name);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "created %d databases with %d rows each in %.1f s%n",
                    count,
                    ROWS,
                    (System.nanoTime() - t0) / 1e9);
            System.out.printf(
                    Locale.ROOT,
                    "one readSchema of a one-table database: %.1f ms (median of 21)%n",
                    readSchemaMillis(admin, dbs.get(0)));
            if (args.contains("trace")) {
                trace(admin, dbs);
                return 0;
            }
            // Warm-up: the JIT compiles for a few passes more (a pass of each kind takes 1-2 s); a service that embeds
            // the pipeline runs in that steady state, so the timed passes start there.
            for (int w = 0; w < WARMUP_PASSES; w++) {
                raw(admin, dbs);
                ours(admin, dbs, schemaPasses);
                if (schemaPasses) {
                    ours(admin, dbs, false);
                }
            }
            List<Double> raw = new ArrayList<>();
            List<Double> ours = new ArrayList<>();
            List<Double> oursNoSchema = new ArrayList<>();
            List<Double> captureServerCpu = new ArrayList<>();
            List<Double> captureJvmCpu = new ArrayList<>();
            ProcessCpu cpu = ProcessCpu.of(admin);
            for (int pass = 0; pass < passes; pass++) {
                double[] c0 = cpu.now();
                raw.add(raw(admin, dbs));
                double[] c1 = cpu.now();
                if (schemaPasses) {
                    ours.add(ours(admin, dbs, true));
                }
                double[] c2 = cpu.now();
                oursNoSchema.add(ours(admin, dbs, false));
                double[] c3 = cpu.now();
                System.out.printf(
                        Locale.ROOT,
                        "pass %d: raw %.2f s, ours %s, ours without schema capture %.2f s%n"
                                + "  cpu s (server/jvm): raw %.2f/%.2f, ours %.2f/%.2f, without capture %.2f/%.2f%n",
                        pass + 1,
                        raw.get(pass),
                        schemaPasses ? String.format(Locale.ROOT, "%.2f s", ours.get(pass)) : "not run",
                        oursNoSchema.get(pass),
                        c1[0] - c0[0],
                        c1[1] - c0[1],
                        c2[0] - c1[0],
                        c2[1] - c1[1],
                        c3[0] - c2[0],
                        c3[1] - c2[1]);
                captureServerCpu.add(1000 * ((c2[0] - c1[0]) - (c3[0] - c2[0])) / count);
                captureJvmCpu.add(1000 * ((c2[1] - c1[1]) - (c3[1] - c2[1])) / count);
            }
            if (!schemaPasses) {
                double r = median(raw);
                double n = median(oursNoSchema);
                System.out.printf(
                        Locale.ROOT,
                        "RESULT fanout dbs=%d schema_capture=off ours_s=%.2f raw_s=%.2f overhead_pct=%.1f%n",
                        count,
                        n,
                        r,
                        100 * (n - r) / r);
                return 0;
            }
            double r = median(raw);
            double o = median(ours);
            double n = median(oursNoSchema);
            System.out.printf(
                    Locale.ROOT,
                    "RESULT fanout dbs=%d ours_s=%.2f raw_s=%.2f overhead_pct=%.1f ours_noschema_s=%.2f"
                            + " overhead_noschema_pct=%.1f capture_server_cpu_ms_per_task=%.2f"
                            + " capture_jvm_cpu_ms_per_task=%.2f%n",
                    count,
                    o,
                    r,
                    100 * (o - r) / r,
                    n,
                    100 * (n - r) / r,
                    median(captureServerCpu),
                    median(captureJvmCpu));
            return 0;
        } finally {
            for (Pipeline p : pipelines.values()) {
                p.close();
            }
            for (Connection c : rawConnections) {
                c.close();
            }
            try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                    Statement s = c.createStatement()) {
                for (String db : dbs) {
                    s.execute("DROP DATABASE IF EXISTS " + db);
                }
            }
        }
    }

    /**
     * {@code fanout N trace}: what each kind of pass sends to the server per task, from MariaDB's general log
     * (log_output=TABLE) of one pass each: raw, ours without schema capture, ours with it. Statements are grouped
     * with database names and numbers blanked, so the lines read as a per-task list of round trips.
     */
    private void trace(ConnectionSettings admin, List<String> dbs) throws Exception {
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                Statement s = c.createStatement()) {
            s.execute("SET GLOBAL log_output = 'TABLE'");
            for (String pass : List.of("raw", "ours without capture", "ours with capture")) {
                // warm: the pipeline's pool and classes, so the traced pass shows the steady state
                if (!pass.equals("raw")) {
                    ours(admin, dbs, pass.endsWith("with capture"));
                }
                s.execute("TRUNCATE mysql.general_log");
                s.execute("SET GLOBAL general_log = ON");
                java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> storeCalls =
                        new java.util.concurrent.ConcurrentSkipListMap<>();
                if (pass.equals("raw")) {
                    raw(admin, dbs);
                } else {
                    storeCounts = storeCalls;
                    try {
                        ours(admin, dbs, pass.endsWith("with capture"));
                    } finally {
                        storeCounts = null;
                    }
                }
                s.execute("SET GLOBAL general_log = OFF");
                java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
                int total = 0;
                try (java.sql.ResultSet rs = s.executeQuery("SELECT command_type, CONVERT(argument USING utf8mb4)"
                        + " FROM mysql.general_log WHERE thread_id <> CONNECTION_ID()")) {
                    while (rs.next()) {
                        String arg = String.valueOf(rs.getString(2))
                                .replaceAll("fanout_\\d{4}", "fanout_N")
                                .replaceAll("\\b\\d+\\b", "N")
                                .replaceAll("\\s+", " ");
                        if (arg.length() > 110) {
                            arg = arg.substring(0, 110) + "...";
                        }
                        counts.merge(rs.getString(1) + ": " + arg, 1, Integer::sum);
                        total++;
                    }
                }
                System.out.printf(Locale.ROOT, "trace %s: %.2f commands per task%n", pass, (double) total / dbs.size());
                int n = dbs.size();
                counts.entrySet().stream()
                        .sorted((a, b) -> b.getValue() - a.getValue())
                        .forEach(e ->
                                System.out.printf(Locale.ROOT, "  %6.2f  %s%n", (double) e.getValue() / n, e.getKey()));
                if (!storeCalls.isEmpty()) {
                    System.out.printf(
                            Locale.ROOT,
                            "trace %s: %.2f store calls per task%n",
                            pass,
                            storeCalls.values().stream()
                                            .mapToInt(java.util.concurrent.atomic.AtomicInteger::get)
                                            .sum()
                                    / (double) n);
                    storeCalls.entrySet().stream()
                            .sorted((a, b) -> b.getValue().get() - a.getValue().get())
                            .forEach(e -> System.out.printf(
                                    Locale.ROOT,
                                    "  %6.2f  store.%s%n",
                                    e.getValue().get() / (double) n,
                                    e.getKey()));
                }
            }
            s.execute("TRUNCATE mysql.general_log");
        }
    }

    /** Set by trace: the pipeline's store counts its calls by method name here. */
    private volatile java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> storeCounts;

    private io.dbchange.api.store.MetadataStore countingStore(
            io.dbchange.api.store.MetadataStore store,
            java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> counts) {
        return (io.dbchange.api.store.MetadataStore) java.lang.reflect.Proxy.newProxyInstance(
                io.dbchange.api.store.MetadataStore.class.getClassLoader(),
                new Class<?>[] {io.dbchange.api.store.MetadataStore.class},
                (proxy, method, margs) -> {
                    counts.computeIfAbsent(method.getName(), k -> new java.util.concurrent.atomic.AtomicInteger())
                            .incrementAndGet();
                    try {
                        return method.invoke(store, margs);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static double readSchemaMillis(ConnectionSettings admin, String db) throws Exception {
        MySqlEngine engine = new MySqlEngine();
        List<Double> times = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password())) {
            c.setCatalog(db);
            for (int i = 0; i < 21; i++) {
                long start = System.nanoTime();
                engine.readSchema(c, SnapshotOptions.DEFAULTS);
                times.add((System.nanoTime() - start) / 1e6);
            }
        }
        return median(times);
    }

    private String nextColumn() {
        return "c" + (++column);
    }

    /** The same ALTER TABLE on every database: CONCURRENCY threads, one connection each, in seconds. */
    private double raw(ConnectionSettings admin, List<String> dbs) throws Exception {
        while (rawConnections.size() < CONCURRENCY) {
            rawConnections.add(DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password()));
        }
        String sql = "ALTER TABLE t ADD COLUMN " + nextColumn() + " INT";
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(dbs);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < CONCURRENCY; i++) {
                Connection c = rawConnections.get(i);
                futures.add(pool.submit(() -> {
                    try (Statement s = c.createStatement()) {
                        String db;
                        while ((db = queue.poll()) != null) {
                            s.execute("USE `" + db + "`");
                            s.execute(sql);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * The raw loop's connections, one per thread, opened by its first pass and kept, as the pipeline keeps its pool:
     * both are timed in their steady state, as in a service that keeps running.
     */
    private final List<Connection> rawConnections = new ArrayList<>();

    /** The pipelines of the timed passes, with and without schema capture: built once, as a host service does. */
    private final java.util.Map<Boolean, Pipeline> pipelines = new java.util.HashMap<>();

    /**
     * The same ALTER TABLE as one new change request through the pipeline, from create to idle, in seconds. The
     * pipeline of each kind is built by the first pass and kept (a trace builds a fresh one around a counting store).
     */
    private double ours(ConnectionSettings admin, List<String> dbs, boolean captureSchema) throws Exception {
        Pipeline.Builder b = Pipeline.configure()
                .project(Project.of("bench", "Benchmark"))
                .environments("prod-like")
                .instance(new Instance(
                        "mariadb",
                        "prod-like",
                        "mysql",
                        ConnectionSettings.of(admin.jdbcUrl(), admin.user(), admin.password())))
                .maxConcurrentTasks(CONCURRENCY)
                .captureSchema(captureSchema);
        if (storeCounts != null) {
            b.store(countingStore(new io.dbchange.core.store.InMemoryMetadataStore(), storeCounts));
        }
        for (String db : dbs) {
            b.database(new Database(new DatabaseRef("mariadb", db), "bench", "prod-like"));
        }
        String sql = "ALTER TABLE t ADD COLUMN " + nextColumn() + " INT";
        Pipeline pipeline = storeCounts != null ? b.build() : pipelines.computeIfAbsent(captureSchema, k -> b.build());
        try {
            java.util.Map<String, Long> cpu0 = threadCpu();
            long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            long gc0 = gcMillis();
            long start = System.nanoTime();
            ChangeRequest cr = pipeline.create(NewChangeRequest.of(
                    "bench", "fan-out", ChangeType.SCHEMA, sql, TargetSelector.matching("prod-like", ".*"), "bench"));
            pipeline.submit(cr.id(), "bench");
            if (!pipeline.awaitIdle(Duration.ofHours(1))) {
                throw new IllegalStateException("the rollout did not finish within an hour");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            java.util.Map<String, Long> cpu1 = threadCpu();
            StringBuilder byThread = new StringBuilder();
            cpu1.forEach((k, v) -> {
                long d = v - cpu0.getOrDefault(k, 0L);
                if (d >= 5_000_000) {
                    byThread.append(String.format(Locale.ROOT, " %s=%.0f", k, d / 1e6));
                }
            });
            System.out.println("  jvm cpu ms by thread:" + byThread + "; jit ms="
                    + (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0) + " gc ms="
                    + (gcMillis() - gc0));
            ChangeRequestStatus status = pipeline.request(cr.id()).orElseThrow().status();
            if (status != ChangeRequestStatus.DONE) {
                throw new IllegalStateException(
                        "the request ended " + status + ", not DONE: " + pipeline.plan(cr.id()));
            }
            return seconds;
        } finally {
            if (storeCounts != null) {
                pipeline.close();
            }
        }
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    /** CPU nanoseconds so far of this JVM's live threads, summed by name with digits blanked. */
    private static java.util.Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = mx.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                byName.merge(info.getThreadName().replaceAll("\\d+", "N"), cpu, Long::sum);
            }
        }
        return byName;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
