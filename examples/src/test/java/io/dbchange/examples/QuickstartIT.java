package io.dbchange.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's second example must keep working: the quickstart runs on both servers as it promises. */
class QuickstartIT {

    @Test
    void demoShowsEachEnginesTransactionSemantics() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Quickstart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(out).contains("== MARIADB 11.4", "log_bin=ON binlog_format=ROW binlog_row_image=FULL");
        assertThat(out).contains("== POSTGRESQL 17", "wal_level=logical");
        assertThat(out).contains("-- migration: 6 statements, succeeded", "-- migration: 7 statements, succeeded");
        // The trigger body (with semicolons inside) is one statement, starting on line 13.
        assertThat(out).containsPattern("3 +13:1 +SUCCEEDED .*CREATE TRIGGER book_title_audit");
        assertThat(out).containsPattern("7 +16:1 +SUCCEEDED .*CREATE INDEX CONCURRENTLY");

        List<String> failing = out.lines()
                .filter(l -> l.matches(" +[1-4] +[1-4]:1 .*"))
                .filter(l -> l.contains("publisher") || l.contains("INSERT INTO publisher"))
                .toList();
        // MariaDB keeps what ran before the failure; PostgreSQL rolls it back.
        assertThat(failing)
                .extracting(l -> l.strip().split(" +")[2])
                .containsExactly(
                        "SUCCEEDED",
                        "SUCCEEDED",
                        "FAILED",
                        "NOT_RUN",
                        "ROLLED_BACK",
                        "ROLLED_BACK",
                        "FAILED",
                        "NOT_RUN");
        assertThat(out).contains("Duplicate entry '1' for key 'PRIMARY'", "duplicate key value violates unique");
    }
}
