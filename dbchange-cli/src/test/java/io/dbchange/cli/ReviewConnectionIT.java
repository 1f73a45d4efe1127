package io.dbchange.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.junit.DbChangeTest;
import io.dbchange.testing.junit.MySqlDatabase;
import io.dbchange.testing.junit.PostgresDatabase;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dbchange review --connection}: the live schema is the starting catalog and the live rules run, on the
 * embedded MariaDB and PostgreSQL; a database that cannot be reached exits 3 without showing the password.
 */
@DbChangeTest
class ReviewConnectionIT {

    private static final String POLICY = """
            rules:
              - type: column.disallow-change-type
                level: ERROR
              - type: statement.dml-dry-run
                level: ERROR
            """;

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    static Run run(String stdin, Map<String, String> environment, String... args) {
        CommandLine commandLine = DbChangeCli.commandLine(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false, environment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Run(commandLine.execute(args), out.toString(), err.toString());
    }

    private Run review(String engine, String script, TestDatabase db, Map<String, String> environment, String... more)
            throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), POLICY);
        List<String> args = new ArrayList<>(List.of("review", "--engine", engine, "--policy", policy.toString()));
        if (db != null) {
            args.addAll(List.of("--connection", db.jdbcUrl()));
        }
        args.addAll(List.of(more));
        args.add("-");
        return run(script, environment, args.toArray(String[]::new));
    }

    private static void sql(TestDatabase db, String... statements) throws SQLException {
        try (Connection c = db.openConnection();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    @Test
    void mariadb_schema_is_the_base_and_the_live_rules_run(@MySqlDatabase TestDatabase db) throws Exception {
        sql(db, "CREATE TABLE book (id INT PRIMARY KEY, title VARCHAR(100))");
        String script = "ALTER TABLE book MODIFY COLUMN title INT;\nDELETE FROM nosuch WHERE id = 1;\n";

        Run offline = review("mariadb", script, null, Map.of());
        Run live = review(
                "mariadb",
                script,
                db,
                Map.of(ReviewCommand.USER_ENV, db.user(), ReviewCommand.PASSWORD_ENV, db.password()));

        assertThat(offline.out())
                .doesNotContain("column.disallow-change-type")
                .contains("note statement.dml-dry-run: not checked: no connection");
        assertThat(offline.exitCode()).isEqualTo(DbChangeCli.EXIT_CLEAN);
        assertThat(live.err()).isEmpty();
        assertThat(live.out())
                .contains("<stdin>:1:18: ERROR column.disallow-change-type: column `title` of `book` changes type"
                        + " from varchar(100) to INT")
                .contains("<stdin>:2:1: ERROR statement.dml-dry-run")
                .doesNotContain("not checked");
        assertThat(live.exitCode()).isEqualTo(DbChangeCli.EXIT_ERRORS);
    }

    @Test
    void postgres_schema_is_the_base_and_the_live_rules_run(@PostgresDatabase TestDatabase db) throws Exception {
        sql(db, "CREATE TABLE book (id INT PRIMARY KEY, title TEXT)");
        String script = "ALTER TABLE book ALTER COLUMN title TYPE bigint;\nDELETE FROM nosuch WHERE id = 1;\n";

        Run offline = review("postgres", script, null, Map.of());
        Run live = review("postgres", script, db, Map.of(), "--user", db.user(), "--password", db.password());

        // without the schema the rule knows the new type only; with it, the old one too
        assertThat(offline.out())
                .contains("column `title` of `book` changes type to BIGINT")
                .contains("not checked: no connection");
        assertThat(live.err()).isEmpty();
        assertThat(live.out())
                .contains("<stdin>:1:18: ERROR column.disallow-change-type: column `title` of `book` changes type from"
                        + " text to BIGINT")
                .contains("<stdin>:2:1: ERROR statement.dml-dry-run")
                .doesNotContain("not checked");
        assertThat(live.exitCode()).isEqualTo(DbChangeCli.EXIT_ERRORS);
    }

    @Test
    void a_failed_login_exits_3_naming_the_database_not_the_password(@PostgresDatabase TestDatabase db)
            throws Exception {
        String secret = "s3cret-" + System.nanoTime();
        Run run = review(
                "postgres", "SELECT 1;", db, Map.of(ReviewCommand.PASSWORD_ENV, secret), "--user", "no_such_role");

        assertThat(run.exitCode()).isEqualTo(DbChangeCli.EXIT_USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .startsWith("dbchange: cannot connect to " + db.jdbcUrl() + " as no_such_role (")
                .doesNotContain(secret);
    }

    @Test
    void an_unreachable_server_or_unknown_url_exits_3() throws Exception {
        Run down = review(
                "postgres",
                "SELECT 1;",
                null,
                Map.of(),
                "--connection",
                "jdbc:postgresql://127.0.0.1:1/app?password=hunter2",
                "--password",
                "hunter2");
        Run unknown = review("postgres", "SELECT 1;", null, Map.of(), "--connection", "jdbc:oracle:thin:@x:1521/y");

        assertThat(down.exitCode()).isEqualTo(DbChangeCli.EXIT_USAGE);
        assertThat(down.err())
                .contains("cannot connect to jdbc:postgresql://127.0.0.1:1/app?password=***")
                .doesNotContain("hunter2");
        assertThat(unknown.exitCode()).isEqualTo(DbChangeCli.EXIT_USAGE);
        assertThat(unknown.err()).contains("no database engine serves --connection jdbc:oracle:thin:@x:1521/y");
    }

    @Test
    void engine_and_connection_must_agree(@MySqlDatabase TestDatabase db) throws Exception {
        Run run = review(
                "postgres",
                "SELECT 1;",
                db,
                Map.of(ReviewCommand.USER_ENV, db.user(), ReviewCommand.PASSWORD_ENV, db.password()));

        assertThat(run.exitCode()).isEqualTo(DbChangeCli.EXIT_USAGE);
        assertThat(run.err()).contains("but --engine says postgres");
    }
}
