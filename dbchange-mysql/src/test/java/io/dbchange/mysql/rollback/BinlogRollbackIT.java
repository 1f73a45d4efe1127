package io.dbchange.mysql.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.junit.DbChangeTest;
import io.dbchange.testing.junit.MySqlDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
}
