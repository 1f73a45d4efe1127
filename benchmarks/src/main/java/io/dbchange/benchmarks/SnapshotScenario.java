package io.dbchange.benchmarks;

import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.history.MigrationRecord;
import io.dbchange.api.history.MigrationStatus;
import io.dbchange.api.history.MigrationType;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.core.drift.DriftDetector;
import io.dbchange.core.drift.DriftTarget;
import io.dbchange.core.schema.SchemaJson;
import io.dbchange.core.store.InMemoryMetadataStore;
import io.dbchange.mysql.MySqlEngine;
import io.dbchange.postgres.PostgresEngine;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * {@code benchmarks/run snapshot [tables]}: creates {@value #DEFAULT_TABLES} tables (each with a key, four more
 * columns, an index and a foreign key to the one before) in a database of the embedded MariaDB and of a PostgreSQL
 * server, then times a full {@code readSchema} against the server's own schema dump of the same database:
 * {@code mariadb-dump --no-data} from the MariaDB binaries the embedded server runs, and {@code pg_dump
 * --schema-only}. It also times a drift check ({@code DriftDetector.check}) of each database against its recorded
 * snapshot (stored and read back as JSON, as a persistent store would), which must find no drift. Each figure is the
 * median of {@value #RUNS} runs after one warm-up run; a ratio is ours divided by the dump's (below 1 means we are
 * faster).
 *
 * <p>{@code pg_dump} refuses a server of a newer major version, and Debian 12 ships {@code pg_dump} 15. So the
 * PostgreSQL half runs on PostgreSQL 15 binaries ({@code -Ddbchange.bench.pg15_binaries}, the zonky jar that
 * {@code benchmarks/run} has Maven copy into {@code benchmarks/target/pg15}) with the same settings as the embedded
 * 17 of the tests, and uses the {@code pg_dump} of {@code -Ddbchange.bench.pg_dump} (Debian's
 * {@code postgresql-client-15}, installed by {@code benchmarks/run}). Without those binaries it falls back to the
 * embedded 17 and skips the dump half with the reason ({@code pg_dump_s=skipped}).
 *
 * <p>Last line: {@code RESULT snapshot mysql_s mariadb_dump_s mysql_ratio pg_s pg_dump_s pg_ratio mysql_drift_check_s
 * pg_drift_check_s drift_check_s mysql_drift_check_cached_s}, where {@code drift_check_s} is the slower of the two
 * drift checks and {@code mysql_drift_check_cached_s} the MariaDB check again with {@code table_open_cache} and
 * {@code table_definition_cache} at twice the number of tables. {@code benchmarks/run snapshot N mysql} runs the MariaDB
 * half only.
 */
final class SnapshotScenario implements Scenario {

    static final int DEFAULT_TABLES = 5000;
    static final int RUNS = 3;

    private double mysqlDriftCheck;
    private double mysqlDriftCheckOpen;
    private double pgDriftCheck;

    @Override
    public String name() {
        return "snapshot";
    }

    @Override
    public String summary() {
        return "readSchema of " + DEFAULT_TABLES + " tables vs mariadb-dump --no-data and pg_dump --schema-only"
                + " (arg: tables)";
    }

    @Override
    public int run(List<String> args) throws Exception {
        int tables = args.isEmpty() ? DEFAULT_TABLES : Integer.parseInt(args.get(0));
        if (tables < 1) {
            throw new IllegalArgumentException("'tables' must be at least 1: " + tables);
        }
        boolean mysqlOnly = args.size() > 1 && args.get(1).equals("mysql");
        String mysql = mysql(tables);
        String postgres = mysqlOnly ? "pg_s=skipped pg_dump_s=skipped pg_ratio=skipped" : postgres(tables);
        // Stopped here so that their shutdown logs come before the RESULT line, which must be the last.
        TestServers.stopAll();
        System.out.println(String.format(
                Locale.ROOT,
                "RESULT snapshot %s %s mysql_drift_check_s=%.3f pg_drift_check_s=%.3f drift_check_s=%.3f"
                        + " mysql_drift_check_cached_s=%.3f",
                mysql,
                postgres,
                mysqlDriftCheck,
                pgDriftCheck,
                Math.max(mysqlDriftCheck, pgDriftCheck),
                mysqlDriftCheckOpen));
        return 0;
    }

    private String mysql(int tables) throws Exception {
        MySqlEngine engine = new MySqlEngine();
        try (TestDatabase db = TestServers.mysql().createDatabase();
                Connection c = db.openConnection()) {
            long created = create(c, tables, true);
            System.out.printf(Locale.ROOT, "mysql: created %d tables in %.1f s%n", tables, created / 1e9);
            profile(engine, c);
            double ours = median(() -> read(engine, c, tables));
            mysqlDriftCheck = driftCheck(engine, c, db::openConnection, tables);
            System.out.printf(Locale.ROOT, "mysql: drift check %.3f s%n", mysqlDriftCheck);
            // The same check on a server that keeps every table open (MariaDB's defaults keep 2,000 open and 400
            // definitions, so each information_schema query that opens tables opens them all again).
            try (Statement s = c.createStatement()) {
                s.execute("SET GLOBAL table_open_cache = " + Math.max(2000, 2 * tables));
                s.execute("SET GLOBAL table_definition_cache = " + Math.max(400, 2 * tables));
            }
            mysqlDriftCheckOpen = driftCheck(engine, c, db::openConnection, tables);
            System.out.printf(
                    Locale.ROOT,
                    "mysql: drift check %.3f s with table_open_cache and table_definition_cache %d, load=%s%n",
                    mysqlDriftCheckOpen,
                    Math.max(2000, 2 * tables),
                    loadAverage());
            String basedir;
            int port;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT @@basedir, @@port")) {
                rs.next();
                basedir = rs.getString(1);
                port = rs.getInt(2);
            }
            Path dump = Path.of(basedir, "bin", "mariadb-dump");
            if (!Files.isExecutable(dump)) {
                System.out.println("mysql: no mariadb-dump at " + dump + "; dump half skipped");
                return String.format(Locale.ROOT, "mysql_s=%.3f mariadb_dump_s=skipped mysql_ratio=skipped", ours);
            }
            List<String> command = List.of(
                    dump.toString(),
                    "--no-data",
                    "--skip-ssl",
                    "--protocol=TCP",
                    "--host=127.0.0.1",
                    "--port=" + port,
                    "--user=" + db.user(),
                    "--password=" + db.password(),
                    "--routines",
                    "--triggers",
                    "--events",
                    db.name());
            double theirs = median(() -> runTool(command));
            System.out.printf(Locale.ROOT, "mysql: readSchema %.3f s, mariadb-dump --no-data %.3f s%n", ours, theirs);
            return String.format(
                    Locale.ROOT, "mysql_s=%.3f mariadb_dump_s=%.3f mysql_ratio=%.2f", ours, theirs, ours / theirs);
        }
    }

    private String postgres(int tables) throws Exception {
        String binaries = System.getProperty("dbchange.bench.pg15_binaries", "");
        if (binaries.isEmpty() || !Files.isRegularFile(Path.of(binaries))) {
            System.out.println("postgresql: no PostgreSQL 15 binaries (-Ddbchange.bench.pg15_binaries='" + binaries
                    + "'; benchmarks/run provides them); measuring on the embedded PostgreSQL 17");
            try (TestDatabase db = TestServers.postgres().createDatabase()) {
                return postgres(tables, db.jdbcUrl(), db.user(), db.password(), db.name(), Optional.empty());
            }
        }
        Path directory = Files.createTempDirectory("dbchange-bench-pg15");
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(Files.createDirectories(directory.resolve("binaries"))
                            .toFile())
                    .setDataDirectory(directory.resolve("data"))
                    .setCleanDataDirectory(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setPgBinaryResolver((system, machine) -> txz(Path.of(binaries)));
            // The same settings as the embedded PostgreSQL 17 of the tests.
            io.dbchange.testing.internal.EmbeddedPostgresServer.SERVER_CONFIG.forEach(builder::setServerConfig);
            try (EmbeddedPostgres server = builder.start()) {
                String admin = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
                try (Connection c = DriverManager.getConnection(admin, "postgres", "");
                        Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE bench");
                }
                String url = "jdbc:postgresql://localhost:" + server.getPort() + "/bench";
                return postgres(tables, url, "postgres", "", "bench", Optional.of(server.getPort()));
            }
        } finally {
            deleteRecursively(directory);
        }
    }

    private String postgres(int tables, String url, String user, String password, String name, Optional<Integer> port)
            throws Exception {
        PostgresEngine engine = new PostgresEngine();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            int serverMajor;
            String serverVersion;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num'), version()")) {
                rs.next();
                serverMajor = Integer.parseInt(rs.getString(1)) / 10000;
                serverVersion = rs.getString(2);
            }
            System.out.println("postgresql: server " + serverVersion);
            long created = create(c, tables, false);
            System.out.printf(Locale.ROOT, "postgresql: created %d tables in %.1f s%n", tables, created / 1e9);
            double ours = median(() -> read(engine, c, tables));
            pgDriftCheck = driftCheck(engine, c, () -> DriverManager.getConnection(url, user, password), tables);
            System.out.printf(Locale.ROOT, "postgresql: drift check %.3f s%n", pgDriftCheck);
            String pgDump = System.getProperty("dbchange.bench.pg_dump", "pg_dump");
            Optional<Integer> dumpMajor = pgDumpMajor(pgDump);
            if (dumpMajor.isEmpty() || dumpMajor.get() < serverMajor) {
                String reason = dumpMajor.isEmpty()
                        ? "no " + pgDump
                        : pgDump + " is version " + dumpMajor.get() + " and refuses a " + serverMajor
                                + " server (run benchmarks/run snapshot, which provides a PostgreSQL 15 server)";
                System.out.println("postgresql: " + reason + "; pg_dump half skipped");
                return String.format(Locale.ROOT, "pg_s=%.3f pg_dump_s=skipped pg_ratio=skipped", ours);
            }
            Matcher hostPort = Pattern.compile("//([^:/]+):(\\d+)/").matcher(url);
            if (!hostPort.find()) {
                throw new IllegalStateException("cannot find host and port in " + url);
            }
            List<String> command = List.of(
                    pgDump,
                    "--schema-only",
                    "--host=" + hostPort.group(1),
                    "--port=" + port.map(String::valueOf).orElse(hostPort.group(2)),
                    "--username=" + user,
                    "--no-password",
                    name);
            double theirs = median(() -> runTool(command, "PGPASSWORD", password));
            System.out.printf(
                    Locale.ROOT, "postgresql: readSchema %.3f s, pg_dump %d %.3f s%n", ours, dumpMajor.get(), theirs);
            return String.format(Locale.ROOT, "pg_s=%.3f pg_dump_s=%.3f pg_ratio=%.2f", ours, theirs, ours / theirs);
        }
    }

    /**
     * Prints each query of one MariaDB {@code readSchema}: its time and how many table definitions and tables the
     * server opened for it (status counters {@code Opened_table_definitions} and {@code Opened_tables} of this
     * benchmark's own server), which shows which queries open every table of the database.
     */
    private static void profile(DatabaseEngine engine, Connection c) throws Exception {
        Set<String> queries = new LinkedHashSet<>();
        engine.readSchema(SchemaReadScenario.recording(c, queries), SnapshotOptions.DEFAULTS);
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT @@table_definition_cache, @@table_open_cache")) {
                rs.next();
                System.out.printf(
                        Locale.ROOT,
                        "mysql: table_definition_cache=%s table_open_cache=%s load=%s%n",
                        rs.getString(1),
                        rs.getString(2),
                        loadAverage());
            }
            System.out.println("mysql:   ms  opened_defs  opened_tables  query");
            long total = 0;
            for (String q : queries) {
                long[] before = openCounters(s);
                long start = System.nanoTime();
                try (ResultSet rs = s.executeQuery(q)) {
                    while (rs.next()) {
                        // drain
                    }
                }
                long nanos = System.nanoTime() - start;
                total += nanos;
                long[] after = openCounters(s);
                System.out.printf(
                        Locale.ROOT,
                        "mysql: %7.1f  %10d  %12d  %s%n",
                        nanos / 1e6,
                        after[0] - before[0],
                        after[1] - before[1],
                        q.length() > 150 ? q.substring(0, 150) + "..." : q);
            }
            System.out.printf(Locale.ROOT, "mysql: %7.1f ms in %d queries%n", total / 1e6, queries.size());
        }
        // The rest of a drift check: building the snapshot in Java, and comparing it with the recorded one.
        long start = System.nanoTime();
        SchemaSnapshot live = engine.readSchema(c, SnapshotOptions.DEFAULTS);
        long read = System.nanoTime() - start;
        SchemaSnapshot recorded = SchemaJson.read(SchemaJson.write(live));
        start = System.nanoTime();
        boolean empty =
                io.dbchange.core.schema.diff.SchemaDiff.between(recorded, live).isEmpty();
        long diff = System.nanoTime() - start;
        System.out.printf(
                Locale.ROOT,
                "mysql: readSchema %.1f ms (queries and Java), SchemaDiff %.1f ms (empty=%s), load=%s%n",
                read / 1e6,
                diff / 1e6,
                empty,
                loadAverage());
    }

    private static long[] openCounters(Statement s) throws SQLException {
        long[] counters = new long[2];
        try (ResultSet rs = s.executeQuery(
                "SHOW GLOBAL STATUS WHERE Variable_name IN" + " ('Opened_table_definitions', 'Opened_tables')")) {
            while (rs.next()) {
                counters[rs.getString(1).equals("Opened_table_definitions") ? 0 : 1] = rs.getLong(2);
            }
        }
        return counters;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The PostgreSQL archive inside a zonky binaries jar. */
    private static InputStream txz(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entry = zip.stream()
                    .filter(e -> e.getName().endsWith(".txz"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no .txz archive in " + jar));
            try (InputStream in = zip.getInputStream(entry)) {
                return new ByteArrayInputStream(in.readAllBytes());
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * Records the database's schema as applied (a DONE history record whose snapshot went through JSON, as a
     * persistent store keeps it) and times a drift check against it; the check must find no drift.
     */
    private static double driftCheck(
            DatabaseEngine engine, Connection c, io.dbchange.core.drift.ConnectionSource connections, int tables)
            throws Exception {
        SchemaSnapshot applied = SchemaJson.read(SchemaJson.write(engine.readSchema(c, SnapshotOptions.DEFAULTS)));
        InMemoryMetadataStore store = new InMemoryMetadataStore();
        DatabaseRef database = new DatabaseRef("bench", applied.databaseName());
        Instant now = Instant.now();
        var pending = store.beginMigration(
                new MigrationRecord(
                        database,
                        "1",
                        MigrationType.SCHEMA,
                        tables + " tables",
                        "-- created by the benchmark",
                        "benchmark",
                        Optional.empty(),
                        Optional.of(applied),
                        MigrationStatus.PENDING,
                        now,
                        Optional.empty(),
                        Duration.ZERO,
                        0,
                        "benchmark",
                        Optional.empty(),
                        Optional.empty()),
                false);
        store.finishMigration(
                pending.id(),
                new MigrationRecord(
                        database,
                        "1",
                        MigrationType.SCHEMA,
                        tables + " tables",
                        "-- created by the benchmark",
                        "benchmark",
                        Optional.empty(),
                        Optional.of(applied),
                        MigrationStatus.DONE,
                        now,
                        Optional.of(now),
                        Duration.ZERO,
                        0,
                        "benchmark",
                        Optional.empty(),
                        Optional.empty()));
        DriftDetector detector = DriftDetector.configure()
                .metadataStore(store)
                .target(DriftTarget.of(database, engine, connections))
                .build();
        return median(() -> detector.check(database).ifPresent(report -> {
            throw new IllegalStateException("false positive: drift found right after recording " + report);
        }));
    }

    private static long create(Connection c, int tables, boolean mysql) throws SQLException {
        long start = System.nanoTime();
        try (Statement s = c.createStatement()) {
            for (int t = 0; t < tables; t++) {
                String name = String.format(Locale.ROOT, "t%05d", t);
                String previous = String.format(Locale.ROOT, "t%05d", t - 1);
                String fk = t == 0
                        ? ""
                        : ", CONSTRAINT fk_" + name + " FOREIGN KEY (parent_id) REFERENCES " + previous + " (id)";
                if (mysql) {
                    s.execute("CREATE TABLE " + name + " (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                            + " name VARCHAR(100) NOT NULL DEFAULT '', amount DECIMAL(10,2),"
                            + " created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, parent_id BIGINT,"
                            + " KEY ix_" + name + "_name (name)" + fk + ")");
                } else {
                    s.execute("CREATE TABLE " + name + " (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                            + " name varchar(100) NOT NULL DEFAULT '', amount numeric(10,2),"
                            + " created timestamptz NOT NULL DEFAULT now(), parent_id bigint" + fk + ")");
                    s.execute("CREATE INDEX ix_" + name + "_name ON " + name + " (name)");
                }
            }
        }
        return System.nanoTime() - start;
    }

    private static void read(DatabaseEngine engine, Connection c, int tables) {
        SchemaSnapshot snapshot = engine.readSchema(c, SnapshotOptions.DEFAULTS);
        int read = snapshot.schemas().get(0).tables().size();
        if (read != tables) {
            throw new IllegalStateException("read " + read + " tables but created " + tables);
        }
    }

    private static void runTool(List<String> command, String... environment) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(false);
        for (int i = 0; i + 1 < environment.length; i += 2) {
            builder.environment().put(environment[i], environment[i + 1]);
        }
        try {
            Process process = builder.start();
            String errors = new String(process.getErrorStream().readAllBytes());
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed: " + errors);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Integer> pgDumpMajor(String pgDump) {
        try {
            Process process = new ProcessBuilder(pgDump, "--version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor(30, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("(\\d+)\\.\\d+").matcher(out);
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    /** Seconds of the median of {@link #RUNS} runs after one warm-up run. */
    private static double median(Run run) throws Exception {
        run.run();
        double[] seconds = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            run.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[RUNS / 2];
    }
}
