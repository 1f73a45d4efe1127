package io.dbchange.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.engine.ConnectionSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two embedded MariaDB servers in one JVM, as a test (or the tutorial's "MySQL Test" and "MySQL Prod") that needs
 * two instances starts them with {@link TestServers#start}: separate processes, ports, data directories and binary
 * logs, so that a database of one name exists on each and a change on one leaves the other alone.
 */
class IndependentMariaDbServersIT {

    private static Connection connect(ConnectionSettings s, String database) throws SQLException {
        return DriverManager.getConnection(s.jdbcUrl() + database, s.user(), s.password());
    }

    @Test
    void aSecondEmbeddedMariaDbIsAServerOfItsOwnWithTheSameNamesAndItsOwnBinlog() throws Exception {
        TestServer first = TestServers.start(TestServerSettings.embedded(TestServerKind.MYSQL));
        TestServer second = TestServers.start(TestServerSettings.embedded(TestServerKind.MYSQL));
        try {
            assertThat(second.description()).isNotEqualTo(first.description());
            for (TestServer server : List.of(first, second)) {
                try (Connection c = connect(server.adminSettings(), "");
                        Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE test_db");
                    s.execute("CREATE TABLE test_db.book (id INT PRIMARY KEY)");
                }
            }
            try (Connection c = connect(first.adminSettings(), "test_db");
                    Statement s = c.createStatement()) {
                s.execute("ALTER TABLE book ADD COLUMN isbn VARCHAR(20)");
                assertThat(SharedServersIT.single(c, "SELECT @@log_bin")).isEqualTo("1");
            }
            try (Connection c = connect(second.adminSettings(), "test_db")) {
                assertThat(SharedServersIT.single(
                                c,
                                "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = 'test_db'"
                                        + " AND table_name = 'book'"))
                        .as("the second server's book is untouched")
                        .isEqualTo("1");
                assertThat(SharedServersIT.single(c, "SELECT @@datadir"))
                        .isNotEqualTo(single(first, "SELECT @@datadir"));
            }
        } finally {
            first.stop();
            second.stop();
        }
        assertThatThrownBy(() -> connect(first.adminSettings(), "").close())
                .as("a stopped server no longer accepts connections")
                .isInstanceOf(SQLException.class);
    }

    private static String single(TestServer server, String sql) throws SQLException {
        try (Connection c = connect(server.adminSettings(), "")) {
            return SharedServersIT.single(c, sql);
        }
    }
}
