package io.dbchange.examples;

import io.dbchange.api.engine.ConnectionPool;
import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.engine.ExecutionOptions;
import io.dbchange.api.engine.ScriptResult;
import io.dbchange.api.engine.ServerInfo;
import io.dbchange.api.engine.StatementResult;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.engine.DatabaseEngines;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServer;
import io.dbchange.testing.TestServers;
import java.io.PrintStream;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;

/**
 * The quickstart: starts embedded MariaDB (binary log on) and embedded PostgreSQL, then for each one splits a small
 * migration script, executes it through the engine with the engine's transaction semantics, and prints what ran.
 * A second script fails halfway on each engine, to show the difference: MariaDB keeps what ran before the failure
 * (DDL commits implicitly) and says so statement by statement; PostgreSQL rolls the whole script back.
 *
 * <p>Run it from the repository root with
 * {@code ./mvnw -q -Pdemo -pl examples -am package -Ddemo.mainClass=io.dbchange.examples.Quickstart}.
 */
public final class Quickstart {

    private static final String MYSQL_SCRIPT = """
            -- a small schema with a trigger whose body holds semicolons
            CREATE TABLE author (
              id BIGINT AUTO_INCREMENT PRIMARY KEY,
              name VARCHAR(100) NOT NULL COMMENT 'shown on the cover; never empty'
            ) ENGINE=InnoDB;
            CREATE TABLE book (
              id BIGINT AUTO_INCREMENT PRIMARY KEY,
              author_id BIGINT NOT NULL,
              title VARCHAR(200) NOT NULL,
              title_changes INT NOT NULL DEFAULT 0,
              CONSTRAINT fk_book_author FOREIGN KEY (author_id) REFERENCES author (id)
            );
            CREATE TRIGGER book_title_audit BEFORE UPDATE ON book FOR EACH ROW
            BEGIN
              IF NEW.title <> OLD.title THEN
                SET NEW.title_changes = OLD.title_changes + 1;
              END IF;
            END;
            INSERT INTO author (name) VALUES ('Ursula K. Le Guin'), ('Stanisław Lem');
            INSERT INTO book (author_id, title) VALUES (1, 'The Dispossessed'), (2, 'Solaris'), (2, 'Fiasco');
            UPDATE book SET title = 'Solaris (1961)' WHERE title = 'Solaris'
            """;

    private static final String MYSQL_FAILING_SCRIPT = """
            CREATE TABLE publisher (id INT PRIMARY KEY, name VARCHAR(100));
            INSERT INTO publisher VALUES (1, 'Gollancz');
            INSERT INTO publisher VALUES (1, 'duplicate key');
            DROP TABLE publisher;
            """;

    private static final String POSTGRES_SCRIPT = """
            CREATE TYPE book_format AS ENUM ('hardcover', 'paperback', 'ebook');
            CREATE TABLE author (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT NOT NULL);
            CREATE TABLE book (
              id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              author_id BIGINT NOT NULL REFERENCES author (id),
              title TEXT NOT NULL,
              format book_format NOT NULL DEFAULT 'paperback'
            );
            CREATE FUNCTION title_case(t TEXT) RETURNS TEXT LANGUAGE plpgsql AS $body$
            BEGIN
              RETURN initcap(t); -- a semicolon inside a dollar-quoted body
            END;
            $body$;
            INSERT INTO author (name) VALUES ('Ursula K. Le Guin'), ('Stanisław Lem');
            INSERT INTO book (author_id, title) VALUES (1, title_case('the dispossessed')), (2, 'Solaris');
            CREATE INDEX CONCURRENTLY book_title_idx ON book (title);
            """;

    private static final String POSTGRES_FAILING_SCRIPT = """
            CREATE TABLE publisher (id INT PRIMARY KEY, name TEXT);
            INSERT INTO publisher VALUES (1, 'Gollancz');
            INSERT INTO publisher VALUES (1, 'duplicate key');
            DROP TABLE publisher;
            """;

    private Quickstart() {}

    public static void main(String[] args) {
        run(System.out);
        // The embedded servers would stop at JVM exit anyway, but their process watchers keep the JVM alive.
        TestServers.stopAll();
    }

    /** Runs the demo, printing to {@code out}; leaves the servers running for the caller to reuse or stop. */
    static void run(PrintStream out) {
        out.println("dbchange quickstart: starting embedded servers (first run unpacks binaries)...");
        demo(out, TestServers.mysql(), MYSQL_SCRIPT, MYSQL_FAILING_SCRIPT);
        demo(out, TestServers.postgres(), POSTGRES_SCRIPT, POSTGRES_FAILING_SCRIPT);
        out.println();
        out.println("Done. Next: README.md shows the API behind this demo.");
    }

    private static void demo(PrintStream out, TestServer server, String script, String failingScript) {
        try (TestDatabase db = server.createDatabase()) {
            DatabaseEngine engine = DatabaseEngines.forUrl(db.jdbcUrl());
            try (ConnectionPool pool = engine.openPool(db.connectionSettings());
                    Connection connection = pool.getConnection()) {
                ServerInfo info = engine.probe(connection);
                out.println();
                out.printf(
                        "== %s %s (engine '%s', database %s)%n",
                        info.product(), info.version(), engine.name(), db.name());
                out.println("   settings: " + interestingSettings(info));
                runAndPrint(out, engine, connection, "migration", script);
                runAndPrint(out, engine, connection, "failing script", failingScript);
            }
        } catch (Exception e) {
            throw new IllegalStateException("quickstart failed on " + server.description(), e);
        }
    }

    private static String interestingSettings(ServerInfo info) {
        List<String> names = List.of("log_bin", "binlog_format", "binlog_row_image", "wal_level");
        StringBuilder sb = new StringBuilder();
        for (String name : names) {
            info.setting(name)
                    .ifPresent(v -> sb.append(name).append('=').append(v).append(' '));
        }
        return sb.toString().strip();
    }

    private static void runAndPrint(
            PrintStream out, DatabaseEngine engine, Connection connection, String label, String script) {
        List<SqlStatement> statements = engine.split(script);
        ScriptResult result = engine.execute(connection, statements, ExecutionOptions.DEFAULTS);
        out.printf(
                "-- %s: %d statements, %s, %d ms%n",
                label,
                statements.size(),
                result.succeeded() ? "succeeded" : "FAILED",
                result.duration().toMillis());
        out.printf("   %-4s %-7s %-11s %7s %5s  %s%n", "#", "at", "outcome", "ms", "rows", "statement");
        for (StatementResult r : result.statements()) {
            SqlStatement s = r.statement();
            out.printf(
                    Locale.ROOT,
                    "   %-4d %-7s %-11s %7.1f %5s  %s%n",
                    s.index() + 1,
                    s.start(),
                    r.outcome(),
                    r.duration().toNanos() / 1e6,
                    r.updateCount() < 0 ? "" : Long.toString(r.updateCount()),
                    firstLine(s.sql()));
            r.error().ifPresent(e -> out.println("        error: " + e));
            r.warnings().forEach(w -> out.println("        warning: " + w));
        }
    }

    private static String firstLine(String sql) {
        String line = sql.lines().findFirst().orElse("").strip();
        return line.length() > 70 ? line.substring(0, 67) + "..." : line;
    }
}
