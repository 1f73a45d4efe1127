package io.dbchange.benchmarks;

import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.mysql.MySqlEngine;
import io.dbchange.postgres.PostgresEngine;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code benchmarks/run snapshot [tables]}: creates {@value #DEFAULT_TABLES} tables (each with a key, four more
 * columns, an index and a foreign key to the one before) in a database of the embedded MariaDB and of the embedded
 * PostgreSQL, then times a full {@code readSchema} against the server's own schema dump of the same database:
 * {@code mariadb-dump --no-data} from the MariaDB binaries the embedded server runs, and {@code pg_dump
 * --schema-only} from the {@code PATH}. Each figure is the median of {@value #RUNS} runs after one warm-up run; a
 * ratio is ours divided by the dump's (below 1 means we are faster).
 *
 * <p>{@code pg_dump} refuses a server of a newer major version; Debian 12 ships {@code pg_dump} 15 and the embedded
 * server is 17, so the PostgreSQL dump half is then skipped with the reason ({@code pg_dump_s=skipped}) while our
 * own PostgreSQL figure is still measured.
 */
final class SnapshotScenario implements Scenario {

    static final int DEFAULT_TABLES = 5000;
    static final int RUNS = 3;

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
        String mysql = mysql(tables);
        String postgres = postgres(tables);
        System.out.println("RESULT snapshot " + mysql + " " + postgres);
        return 0;
    }

    private String mysql(int tables) throws Exception {
        MySqlEngine engine = new MySqlEngine();
        try (TestDatabase db = TestServers.mysql().createDatabase();
                Connection c = db.openConnection()) {
            long created = create(c, tables, true);
            System.out.printf(Locale.ROOT, "mysql: created %d tables in %.1f s%n", tables, created / 1e9);
            double ours = median(() -> read(engine, c, tables));
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
        PostgresEngine engine = new PostgresEngine();
        try (TestDatabase db = TestServers.postgres().createDatabase();
                Connection c = db.openConnection()) {
            long created = create(c, tables, false);
            System.out.printf(Locale.ROOT, "postgresql: created %d tables in %.1f s%n", tables, created / 1e9);
            double ours = median(() -> read(engine, c, tables));
            int serverMajor;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SHOW server_version_num")) {
                rs.next();
                serverMajor = Integer.parseInt(rs.getString(1)) / 10000;
            }
            Optional<Integer> dumpMajor = pgDumpMajor();
            if (dumpMajor.isEmpty() || dumpMajor.get() < serverMajor) {
                String reason = dumpMajor.isEmpty()
                        ? "no pg_dump on the PATH"
                        : "pg_dump on the PATH is version " + dumpMajor.get() + " and refuses a " + serverMajor
                                + " server (run a PostgreSQL " + dumpMajor.get()
                                + " server to compare, or put a pg_dump " + serverMajor + "+ on the PATH)";
                System.out.println("postgresql: " + reason + "; pg_dump half skipped");
                return String.format(Locale.ROOT, "pg_s=%.3f pg_dump_s=skipped pg_ratio=skipped", ours);
            }
            Matcher url = Pattern.compile("//([^:/]+):(\\d+)/").matcher(db.jdbcUrl());
            if (!url.find()) {
                throw new IllegalStateException("cannot find host and port in " + db.jdbcUrl());
            }
            List<String> command = List.of(
                    "pg_dump",
                    "--schema-only",
                    "--host=" + url.group(1),
                    "--port=" + url.group(2),
                    "--username=" + db.user(),
                    "--no-password",
                    db.name());
            double theirs = median(() -> runTool(command, "PGPASSWORD", db.password()));
            System.out.printf(Locale.ROOT, "postgresql: readSchema %.3f s, pg_dump %.3f s%n", ours, theirs);
            return String.format(Locale.ROOT, "pg_s=%.3f pg_dump_s=%.3f pg_ratio=%.2f", ours, theirs, ours / theirs);
        }
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

    private static Optional<Integer> pgDumpMajor() {
        try {
            Process process = new ProcessBuilder("pg_dump", "--version")
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
