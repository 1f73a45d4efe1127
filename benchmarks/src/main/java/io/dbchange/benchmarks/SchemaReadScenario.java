package io.dbchange.benchmarks;

import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.mysql.MySqlEngine;
import io.dbchange.testing.TestServers;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code benchmarks/run schema-read [dbs]}: the cost of one MySQL/MariaDB {@code readSchema} of a small database (a
 * table and one with a foreign key to it) on an embedded MariaDB that holds {@value #DEFAULT_DBS} one-table databases,
 * and the cost of each query the reader sends.
 *
 * <p>Why per query: MariaDB answers {@code information_schema} from the files of each table, and it limits that work
 * to one schema only when the WHERE clause compares the table's lookup columns (TABLE_SCHEMA, TABLE_NAME or their
 * equivalents) with a constant. A query that misses (a join condition, a function, the wrong column) opens every
 * table of every database, so its time grows with the server, not with the database read. For each query the
 * scenario prints the median time of 11 runs and the {@code Extra} of its EXPLAIN ("Scanned 1 database" or
 * "Scanned all databases") and the server's CPU time per run (mean of {@value #CPU_RUNS}; Linux only). The reader's queries are captured through a recording connection, so the list follows
 * the reader as it changes. Last line: {@code RESULT schema-read dbs=... read_ms=... read_server_cpu_ms=... read_jvm_cpu_ms=...
 * all_db_queries=...}, the two CPU figures being the means per read over {@value #CPU_RUNS} reads (the JVM's includes
 * the JDBC driver).
 */
final class SchemaReadScenario implements Scenario {

    static final int DEFAULT_DBS = 1000;
    static final int RUNS = 11;
    /** Reads (and runs of each query) whose CPU time is summed: enough clock ticks of the server for a stable mean. */
    static final int CPU_RUNS = 300;

    @Override
    public String name() {
        return "schema-read";
    }

    @Override
    public String summary() {
        return "one MariaDB readSchema of a one-table database with " + DEFAULT_DBS
                + " databases on the server, per reader query (arg: dbs)";
    }

    @Override
    public int run(List<String> args) throws Exception {
        int count = args.isEmpty() ? DEFAULT_DBS : Integer.parseInt(args.get(0));
        if (count < 1) {
            throw new IllegalArgumentException("'dbs' must be at least 1: " + count);
        }
        ConnectionSettings admin = TestServers.mysql().adminSettings();
        List<String> dbs = new ArrayList<>();
        try {
            long t0 = System.nanoTime();
            try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                    Statement s = c.createStatement()) {
                for (int i = 0; i < count; i++) {
                    String name = String.format(Locale.ROOT, "schemaread_%04d", i);
                    s.execute("DROP DATABASE IF EXISTS " + name);
                    s.execute("CREATE DATABASE " + name);
                    s.execute("CREATE TABLE " + name + ".t (id INT PRIMARY KEY, v VARCHAR(40), KEY v (v))");
                    if (i == 0) {
                        // the database read has a foreign key, so the reader's foreign-key queries run too
                        s.execute("CREATE TABLE " + name + ".c (id INT PRIMARY KEY, t_id INT,"
                                + " CONSTRAINT c_t FOREIGN KEY (t_id) REFERENCES " + name + ".t (id))");
                    }
                    dbs.add(name);
                }
            }
            System.out.printf(Locale.ROOT, "created %d databases in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
            MySqlEngine engine = new MySqlEngine();
            try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password())) {
                c.setCatalog(dbs.get(0));
                Set<String> queries = new LinkedHashSet<>();
                engine.readSchema(recording(c, queries), SnapshotOptions.DEFAULTS);
                List<Double> reads = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    long start = System.nanoTime();
                    engine.readSchema(c, SnapshotOptions.DEFAULTS);
                    reads.add((System.nanoTime() - start) / 1e6);
                }
                ProcessCpu cpu = ProcessCpu.of(admin);
                double[] c0 = cpu.now();
                for (int i = 0; i < CPU_RUNS; i++) {
                    engine.readSchema(c, SnapshotOptions.DEFAULTS);
                }
                double[] c1 = cpu.now();
                double readServerCpu = 1000 * (c1[0] - c0[0]) / CPU_RUNS;
                double readJvmCpu = 1000 * (c1[1] - c0[1]) / CPU_RUNS;
                int allDatabases = 0;
                System.out.println("median_ms  server_cpu_ms  explain_extra  query");
                try (Statement s = c.createStatement()) {
                    for (String q : queries) {
                        List<Double> times = new ArrayList<>();
                        for (int i = 0; i < RUNS; i++) {
                            long start = System.nanoTime();
                            try (ResultSet rs = s.executeQuery(q)) {
                                while (rs.next()) {
                                    // drain
                                }
                            }
                            times.add((System.nanoTime() - start) / 1e6);
                        }
                        double[] q0 = cpu.now();
                        for (int i = 0; i < CPU_RUNS; i++) {
                            try (ResultSet rs = s.executeQuery(q)) {
                                while (rs.next()) {
                                    // drain
                                }
                            }
                        }
                        double[] q1 = cpu.now();
                        String extra = explain(s, q);
                        if (extra.contains("all databases")) {
                            allDatabases++;
                        }
                        System.out.printf(
                                Locale.ROOT,
                                "%9.2f  %13.3f  %s  %s%n",
                                median(times),
                                1000 * (q1[0] - q0[0]) / CPU_RUNS,
                                extra,
                                q.length() > 160 ? q.substring(0, 160) + "..." : q);
                    }
                }
                System.out.printf(
                        Locale.ROOT,
                        "RESULT schema-read dbs=%d read_ms=%.1f read_server_cpu_ms=%.2f read_jvm_cpu_ms=%.2f queries=%d"
                                + " all_db_queries=%d%n",
                        count,
                        median(reads),
                        readServerCpu,
                        readJvmCpu,
                        queries.size(),
                        allDatabases);
            }
            return 0;
        } finally {
            try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                    Statement s = c.createStatement()) {
                for (String db : dbs) {
                    s.execute("DROP DATABASE IF EXISTS " + db);
                }
            }
        }
    }

    /** The EXPLAIN Extra values of the rows that read information_schema, joined with " | ". */
    private static String explain(Statement s, String query) {
        if (!query.stripLeading().toUpperCase(Locale.ROOT).startsWith("SELECT")) {
            return "-";
        }
        List<String> extras = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("EXPLAIN " + query)) {
            while (rs.next()) {
                String extra = rs.getString("Extra");
                if (extra != null && extra.contains("Scanned")) {
                    extras.add(rs.getString("table") + ": " + extra);
                }
            }
        } catch (java.sql.SQLException e) {
            return "EXPLAIN failed: " + e.getMessage();
        }
        return extras.isEmpty() ? "-" : String.join(" | ", extras);
    }

    /** A connection whose statements record the text of every query they run (the reader uses createStatement). */
    static Connection recording(Connection target, Set<String> queries) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, a) -> {
                    Object result = invoke(target, method, a);
                    if (result instanceof Statement st && !(result instanceof java.sql.PreparedStatement)) {
                        return Proxy.newProxyInstance(
                                Statement.class.getClassLoader(), new Class<?>[] {Statement.class}, (p, m, b) -> {
                                    if (m.getName().startsWith("execute") && b != null && b[0] instanceof String q) {
                                        queries.add(q);
                                    }
                                    return invoke(st, m, b);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
