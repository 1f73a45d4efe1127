package io.dbchange.postgres.rollback;

import static io.dbchange.postgres.rollback.Tables.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.junit.DbChangeTest;
import io.dbchange.testing.junit.PostgresDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Generating and applying a rollback keeps client memory flat: a change of {@value #ROWS} rows whose row data is
 * several times larger than the heap is generated and applied in a child JVM limited to {@value #HEAP}. The same JVM
 * is first shown to be too small to hold the rows (a control that reads them into a list must fail), so the budget
 * proves something: any code path that materializes the rows (a result set read without a cursor, a list of rows, the
 * script built as one string) fails this test.
 */
@DbChangeTest
class RollbackMemoryIT {

    static final int ROWS = 150_000;
    static final String HEAP = "-Xmx24m";

    @Test
    void generatesAndAppliesALargeRollbackInASmallHeap(@PostgresDatabase TestDatabase db) throws Exception {
        try (Connection c = db.openConnection()) {
            // about 300 bytes of text per row: 45 MB of row data, twice the child's heap
            sql(
                    c,
                    "CREATE TABLE big (id integer PRIMARY KEY, payload text NOT NULL)",
                    "INSERT INTO big SELECT g, repeat(md5(g::text), 9) FROM generate_series(1, " + ROWS + ") g");
            String before = checksum(c);
            CapturedChange change = PostgresRollback.configure()
                    .build()
                    .execute(c, "UPDATE big SET payload = payload || 'x'", CaptureOptions.DEFAULTS);
            assertThat(change.rowsChanged()).isEqualTo(ROWS);
            assertThat(checksum(c)).isNotEqualTo(before);

            Child control = child(db, "control", change.id());
            assertThat(control.exit())
                    .as("the control must not fit: %s", control.output())
                    .isNotZero();
            assertThat(control.output()).contains("OutOfMemoryError");

            Child rollback = child(db, "rollback", change.id());
            assertThat(rollback.exit()).as(rollback.output()).isZero();
            assertThat(rollback.output()).contains("applied " + ROWS + " rows");
            assertThat(checksum(c)).isEqualTo(before);
        }
    }

    private static String checksum(Connection c) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT md5(string_agg(payload, ',' ORDER BY id)) FROM big")) {
            rs.next();
            return rs.getString(1);
        }
    }

    record Child(int exit, String output) {}

    private static Child child(TestDatabase db, String mode, String captureId) throws Exception {
        // Failsafe puts the real test class path here (java.class.path is only its booter jar).
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                HEAP,
                "-XX:+UseSerialGC",
                "-cp",
                classPath,
                Main.class.getName(),
                mode,
                db.jdbcUrl(),
                db.user(),
                db.password() == null ? "" : db.password(),
                captureId));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(output).isTrue();
        return new Child(process.exitValue(), output.length() > 4000 ? output.substring(0, 4000) : output);
    }

    /** The child JVM: {@code rollback} generates and applies; {@code control} holds every row's after-image. */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            try (Connection c = DriverManager.getConnection(args[1], args[2], args[3].isEmpty() ? null : args[3])) {
                if (args[0].equals("control")) {
                    List<String> rows = new ArrayList<>();
                    try (Statement s = c.createStatement();
                            ResultSet rs = s.executeQuery("SELECT payload FROM big")) {
                        while (rs.next()) {
                            rows.add(rs.getString(1));
                        }
                    }
                    System.out.println("held " + rows.size() + " rows");
                    return;
                }
                PostgresRollback rollback = PostgresRollback.configure().build();
                RollbackScript script = rollback.generate(c, args[4]);
                rollback.writeScript(c, args[4], new java.io.StringWriter());
                CapturedChange applied = rollback.apply(c, args[4], script.sha256());
                System.out.println("applied " + applied.rowsChanged() + " rows");
            }
        }
    }
}
