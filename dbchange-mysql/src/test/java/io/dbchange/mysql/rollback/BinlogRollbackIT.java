package io.dbchange.mysql.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import io.dbchange.testing.junit.DbChangeTest;
import io.dbchange.testing.junit.MySqlDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capture, generation and verified apply against the embedded MariaDB. */
@DbChangeTest
class BinlogRollbackIT {

    @TempDir
    Path temp;

    private static void sql(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static List<String> contents(TestDatabase db, String table) throws SQLException {
        return TableContents.read(db.jdbcUrl(), db.user(), db.password(), table);
    }

    @Test
    void rollsBackUpdateInsertAndDeleteExactly(@MySqlDatabase TestDatabase db) throws SQLException {
        BinlogRollback rollback = BinlogRollback.of(db.connectionSettings());
        try (Connection c = db.openConnection()) {
            sql(
                    c,
                    "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20) CHARACTER SET latin1, amount DECIMAL(65,30),"
                            + " d DOUBLE, f FLOAT, dt DATETIME(6), ts TIMESTAMP(3) NULL, tm TIME(4), y YEAR,"
                            + " e ENUM('a','b,c','it''s'), s SET('x','y','z'), b BIT(64), bin BINARY(4),"
                            + " u BIGINT UNSIGNED, j JSON, g INT AS (id * 2) VIRTUAL)",
                    "INSERT INTO t (id, name, amount, d, f, dt, ts, tm, y, e, s, b, bin, u, j) VALUES"
                            + " (1, 'café', 12345678901234567890.123456789012345678901234567890, 0.1, 1.1,"
                            + " '1582-10-04 23:59:59.999999', '2024-03-31 01:30:00.123', '-838:59:59.0001', 0,"
                            + " 'b,c', '', b'1000000000000000000000000000000000000000000000000000000000000001',"
                            + " 'ab', 18446744073709551615, '{\"a\": [1, 2.5, null]}'),"
                            + " (2, NULL, -1, -0.0, -3.4e38, '0000-00-00 00:00:00', NULL, '838:59:59', 2155,"
                            + " 'it''s', 'x,z', 0, X'00FF0000', 0, 'null'),"
                            + " (3, 'x', 0, 1e308, 0, '2020-00-00 00:00:00', '1970-01-01 00:00:01', '00:00:00.5', 1901,"
                            + " 'a', 'y', 1, '', 1, '1')");
            List<String> before = contents(db, "t");
            CapturedChange change = rollback.execute(
                    c,
                    List.of(
                            "UPDATE t SET id = id + 10 ORDER BY id DESC",
                            "UPDATE t SET name = 'CAFÉ', d = d / 3, f = f * 2, dt = NOW(6), ts = NOW(), tm = '-00:00:01',"
                                    + " y = 1999, e = 'a', s = 'x,y,z', b = b'1', bin = X'01', u = u DIV 2,"
                                    + " j = '[]' WHERE id = 11",
                            "DELETE FROM t WHERE id = 12",
                            "INSERT INTO t (id, name) VALUES (4, 'new'), (5, NULL)"));
            assertThat(change.gtid()).isPresent();
            assertThat(contents(db, "t")).isNotEqualTo(before);
            RollbackScript script = rollback.generate(change, temp.resolve("r1"));
            assertThat(script.statementCount()).isEqualTo(3 + 1 + 1 + 2);
            rollback.apply(c, script);
            assertThat(contents(db, "t")).isEqualTo(before);
        }
    }

    private static Connection admin() throws SQLException {
        ConnectionSettings admin = TestServers.mysql().adminSettings();
        return DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
    }

    private static long count(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static RollbackErrorCode code(Throwable e) {
        return (RollbackErrorCode) ((DbChangeException) e).code();
    }

    @Test
    void refusesToRunWhenTheSessionLogsStatements(@MySqlDatabase TestDatabase db) throws SQLException {
        try (Connection c = db.openConnection()) {
            sql(c, "CREATE TABLE t (id INT PRIMARY KEY, v INT)", "INSERT INTO t VALUES (1, 1)");
            sql(c, "SET SESSION binlog_format = 'STATEMENT'");
            BinlogRollback rollback = BinlogRollback.of(db.connectionSettings());
            assertThat(rollback.checkPrerequisites(c))
                    .extracting(PrerequisiteProblem::check)
                    .containsExactly("binlog_format.session");
            assertThatThrownBy(() -> rollback.execute(c, List.of("UPDATE t SET v = 2")))
                    .isInstanceOf(DbChangeException.class)
                    .hasMessageContaining("binlog_format.session is STATEMENT, needs ROW")
                    .hasMessageContaining("nothing was executed")
                    .satisfies(e -> assertThat(code(e)).isEqualTo(RollbackErrorCode.ROLLBACK_PREREQUISITE_FAILED));
            assertThat(count(c, "SELECT v FROM t")).isEqualTo(1);
        }
    }

    @Test
    void refusesToRunWhenTheSessionLogsMinimalRowImages(@MySqlDatabase TestDatabase db) throws SQLException {
        try (Connection c = db.openConnection()) {
            sql(c, "SET SESSION binlog_row_image = 'MINIMAL'");
            assertThat(BinlogRollback.of(db.connectionSettings()).checkPrerequisites(c))
                    .extracting(PrerequisiteProblem::check, PrerequisiteProblem::found)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("binlog_row_image.session", "MINIMAL"));
        }
    }

    @Test
    void reportsGlobalBinlogFormatAndShortRetention(@MySqlDatabase TestDatabase db) throws SQLException {
        try (Connection root = admin();
                Connection c = db.openConnection()) {
            String format;
            long expire;
            try (Statement s = root.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT @@GLOBAL.binlog_format, @@GLOBAL.binlog_expire_logs_seconds")) {
                rs.next();
                format = rs.getString(1);
                expire = rs.getLong(2);
            }
            try {
                sql(root, "SET GLOBAL binlog_format = 'MIXED'", "SET GLOBAL binlog_expire_logs_seconds = 3600");
                assertThat(BinlogRollback.of(db.connectionSettings()).checkPrerequisites(c))
                        .extracting(PrerequisiteProblem::check)
                        .containsExactlyInAnyOrder("binlog_format.global", "binlog_retention");
                assertThat(BinlogRollback.of(db.connectionSettings())
                                .withMinimumRetention(Duration.ofMinutes(30))
                                .checkPrerequisites(c))
                        .extracting(PrerequisiteProblem::check)
                        .containsExactly("binlog_format.global");
            } finally {
                sql(
                        root,
                        "SET GLOBAL binlog_format = '" + format + "'",
                        "SET GLOBAL binlog_expire_logs_seconds = " + expire);
            }
        }
    }

    @Test
    void reportsMissingReplicationPrivileges(@MySqlDatabase TestDatabase db) throws SQLException {
        String user = "norepl_" + db.name().substring(2);
        try (Connection root = admin()) {
            for (String host : List.of("localhost", "%")) {
                sql(
                        root,
                        "CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY 'pw'",
                        "GRANT ALL PRIVILEGES ON `" + db.name() + "`.* TO '" + user + "'@'" + host + "'");
            }
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), user, "pw")) {
                sql(c, "CREATE TABLE t (id INT PRIMARY KEY)");
                BinlogRollback rollback = BinlogRollback.of(ConnectionSettings.of(db.jdbcUrl(), user, "pw"));
                assertThat(rollback.checkPrerequisites(c))
                        .extracting(PrerequisiteProblem::check)
                        .containsExactlyInAnyOrder("privilege.replication_slave", "privilege.replication_client");
                assertThatThrownBy(() -> rollback.execute(c, List.of("INSERT INTO t VALUES (1)")))
                        .hasMessageContaining("GRANT REPLICATION SLAVE");
                assertThat(count(c, "SELECT COUNT(*) FROM t")).isZero();
            } finally {
                sql(root, "DROP USER '" + user + "'@'%', '" + user + "'@'localhost'");
            }
        }
    }

    @Test
    void refusesDdlBeforeRunningAnything(@MySqlDatabase TestDatabase db) throws SQLException {
        try (Connection c = db.openConnection()) {
            sql(c, "CREATE TABLE t (id INT PRIMARY KEY)");
            assertThatThrownBy(() -> BinlogRollback.of(db.connectionSettings())
                            .execute(c, List.of("INSERT INTO t VALUES (1)", "CREATE TABLE u (id INT)")))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(RollbackErrorCode.ROLLBACK_UNSUPPORTED))
                    .hasMessageContaining("statement 2");
            assertThat(count(c, "SELECT COUNT(*) FROM t")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aFailingStatementRollsTheChangeBack(@MySqlDatabase TestDatabase db) throws SQLException {
        try (Connection c = db.openConnection()) {
            sql(c, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
            assertThatThrownBy(() -> BinlogRollback.of(db.connectionSettings())
                            .execute(c, List.of("INSERT INTO t VALUES (2)", "INSERT INTO t VALUES (1)")))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(RollbackErrorCode.ROLLBACK_EXECUTION_FAILED))
                    .hasMessageContaining("statement 2");
            assertThat(count(c, "SELECT COUNT(*) FROM t")).isEqualTo(1);
        }
    }

    @Test
    void aChangeThatChangesNoRowHasAnEmptyRollback(@MySqlDatabase TestDatabase db) throws SQLException {
        try (Connection c = db.openConnection()) {
            sql(c, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
            BinlogRollback rollback = BinlogRollback.of(db.connectionSettings());
            CapturedChange change = rollback.execute(c, List.of("DELETE FROM t WHERE id = 2"));
            assertThat(change.loggedNothing()).isTrue();
            RollbackScript script = rollback.generate(change, temp.resolve("empty"));
            assertThat(script.statementCount()).isZero();
            rollback.apply(c, script);
            assertThat(count(c, "SELECT COUNT(*) FROM t")).isEqualTo(1);
        }
    }

    @Test
    void otherSessionsCommittingInsideTheRangeDoNotLeak(@MySqlDatabase TestDatabase db) throws Exception {
        try (Connection c = db.openConnection()) {
            sql(
                    c,
                    "CREATE TABLE t (id INT PRIMARY KEY, v INT)",
                    "CREATE TABLE other (id INT AUTO_INCREMENT PRIMARY KEY," + " v INT)");
            for (int i = 0; i < 100; i++) {
                sql(c, "INSERT INTO t VALUES (" + i + ", " + i + ")");
            }
            List<String> before = contents(db, "t");
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger committed = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w;
                Thread thread = new Thread(() -> {
                    try (Connection wc = db.openConnection();
                            Statement s = wc.createStatement()) {
                        int n = 0;
                        while (running.get()) {
                            // Rows of t our change never touches, and rows of another table.
                            s.execute("INSERT INTO t VALUES (" + (1000 + writer * 100000 + n) + ", 7)");
                            s.execute("INSERT INTO other (v) VALUES (" + n + ")");
                            committed.addAndGet(2);
                            n++;
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                thread.start();
                writers.add(thread);
            }
            BinlogRollback rollback = BinlogRollback.of(db.connectionSettings());
            int committedBefore;
            CapturedChange change;
            try {
                while (committed.get() < 10) {
                    Thread.sleep(5);
                }
                committedBefore = committed.get();
                change = rollback.execute(
                        c,
                        List.of(
                                "UPDATE t SET v = v + 1 WHERE id < 50",
                                "SELECT SLEEP(0.3)",
                                "DELETE FROM t WHERE id >= 50 AND id < 100",
                                "SELECT SLEEP(0.3)",
                                "INSERT INTO t VALUES (500, 500)"));
                while (committed.get() < committedBefore + 20) {
                    Thread.sleep(5);
                }
            } finally {
                running.set(false);
                for (Thread thread : writers) {
                    thread.join();
                }
            }
            assertThat(committed.get()).isGreaterThan(committedBefore);
            RollbackScript script = rollback.generate(change, temp.resolve("concurrent"));
            assertThat(script.statementCount()).isEqualTo(50 + 50 + 1);
            rollback.apply(c, script);
            assertThat(count(c, "SELECT COUNT(*) FROM other")).isEqualTo(committed.get() / 2);
            List<String> ours = new ArrayList<>(contents(db, "t"));
            assertThat(count(c, "SELECT COUNT(*) FROM t WHERE id >= 1000")).isEqualTo(committed.get() / 2);
            sql(c, "DELETE FROM t WHERE id >= 1000");
            assertThat(contents(db, "t")).isEqualTo(before);
            assertThat(ours).hasSizeGreaterThan(before.size());
        }
    }

    @Test
    void refusesWhenARowChangedAfterTheChangeAndChangesNothing(@MySqlDatabase TestDatabase db) throws SQLException {
        try (Connection c = db.openConnection()) {
            sql(
                    c,
                    "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))",
                    "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            BinlogRollback rollback = BinlogRollback.of(db.connectionSettings());
            CapturedChange change = rollback.execute(c, List.of("UPDATE t SET v = 'x'"));
            // A later edit that only changes case: a case-insensitive '=' would not notice it.
            sql(c, "UPDATE t SET v = 'X' WHERE id = 2");
            List<String> later = contents(db, "t");
            RollbackScript script = rollback.generate(change, temp.resolve("conflict"));
            assertThatThrownBy(() -> rollback.apply(c, script))
                    .isInstanceOfSatisfying(RollbackConflictException.class, e -> {
                        assertThat(e.conflictCount()).isEqualTo(1);
                        assertThat(e.conflicts()).singleElement().satisfies(conflict -> {
                            assertThat(conflict.statement()).contains("`id` = 2");
                            assertThat(conflict.reason()).contains("matched 0 rows");
                        });
                    });
            assertThat(contents(db, "t")).isEqualTo(later);
        }
    }

    @Test
    void runningTheSameRollbackTwiceFailsTheSecondTime(@MySqlDatabase TestDatabase db) throws SQLException {
        try (Connection c = db.openConnection()) {
            sql(c, "CREATE TABLE t (v INT)", "INSERT INTO t VALUES (1), (1), (2)");
            BinlogRollback rollback = BinlogRollback.of(db.connectionSettings());
            List<String> before = contents(db, "t");
            CapturedChange change = rollback.execute(c, List.of("DELETE FROM t WHERE v = 1 LIMIT 1"));
            RollbackScript script = rollback.generate(change, temp.resolve("twice"));
            rollback.apply(c, script);
            assertThat(contents(db, "t")).isEqualTo(before);
            // Without a key, the INSERT back cannot conflict by itself; an UPDATE's rollback can.
            CapturedChange update = rollback.execute(c, List.of("UPDATE t SET v = 5 WHERE v = 2"));
            RollbackScript undo = rollback.generate(update, temp.resolve("twice-update"));
            rollback.apply(c, undo);
            assertThatThrownBy(() -> rollback.apply(c, undo)).isInstanceOf(RollbackConflictException.class);
            assertThat(contents(db, "t")).isEqualTo(before);
        }
    }

    @Test
    void rollsBackTheRollback(@MySqlDatabase TestDatabase db) throws SQLException {
        try (Connection c = db.openConnection()) {
            sql(c, "CREATE TABLE t (id INT PRIMARY KEY, v INT)", "INSERT INTO t VALUES (1, 1), (2, 2), (3, 3)");
            BinlogRollback rollback = BinlogRollback.of(db.connectionSettings());
            List<String> before = contents(db, "t");
            CapturedChange change = rollback.execute(
                    c,
                    List.of(
                            "UPDATE t SET id = id + 1 ORDER BY id DESC",
                            "DELETE FROM t WHERE id = 2",
                            "INSERT INTO t VALUES (9, 9)"));
            List<String> after = contents(db, "t");
            CapturedChange undone = rollback.apply(c, rollback.generate(change, temp.resolve("undo")));
            assertThat(contents(db, "t")).isEqualTo(before);
            CapturedChange redone = rollback.apply(c, rollback.generate(undone, temp.resolve("redo")));
            assertThat(contents(db, "t")).isEqualTo(after);
            rollback.apply(c, rollback.generate(redone, temp.resolve("undo-again")));
            assertThat(contents(db, "t")).isEqualTo(before);
        }
    }
}
