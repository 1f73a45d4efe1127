package io.dbchange.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.testing.internal.EmbeddedMariaDbServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded MariaDB: binlog settings, accounts, and where it keeps its files. */
class EmbeddedMariaDbIT {

    private static TestServer server;

    @BeforeAll
    static void embeddedServer() {
        server = TestServers.mysql();
        assumeTrue(server.source() == TestServerSource.EMBEDDED, "the shared MySQL server is " + server.description());
    }

    @Test
    void writesRowBasedBinlogWithFullImagesAndMetadata() throws SQLException {
        try (TestDatabase db = server.createDatabase();
                Connection c = db.openConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@log_bin, @@binlog_format, @@binlog_row_image, @@server_id,"
                        + " @@binlog_row_metadata")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).as("log_bin").isTrue();
            assertThat(rs.getString(2)).as("binlog_format").isEqualTo("ROW");
            assertThat(rs.getString(3)).as("binlog_row_image").isEqualTo("FULL");
            assertThat(rs.getInt(4)).as("server_id").isEqualTo(1);
            assertThat(rs.getString(5)).as("binlog_row_metadata").isEqualTo("FULL");
        }
    }

    @Test
    void acceptsEventsWithoutRunningThem() throws SQLException {
        try (TestDatabase db = server.createDatabase();
                Connection c = db.openConnection();
                Statement s = c.createStatement()) {
            assertThat(SharedServersIT.single(c, "SELECT @@event_scheduler")).isEqualTo("OFF");
            s.execute("CREATE EVENT probe ON SCHEDULE EVERY 1 DAY DO SELECT 1");
            try (ResultSet rs = s.executeQuery(
                    "SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()")) {
                assertThat(rs.next()).as("the created event is listed").isTrue();
                assertThat(rs.getString(1)).isEqualTo("probe");
            }
        }
    }

    @Test
    void describesItselfAsEmbeddedMariaDb114() {
        assertThat(server.description()).matches("embedded MariaDB 11\\.4\\.\\d+ on port \\d+");
    }

    @Test
    void testUserMayReadTheBinlog() throws SQLException {
        try (TestDatabase db = server.createDatabase();
                Connection c = db.openConnection();
                Statement s = c.createStatement()) {
            assertThat(db.user()).isEqualTo(EmbeddedMariaDbServer.USER);
            try (ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
                assertThat(rs.next()).as("at least one binary log").isTrue();
            }
            try (ResultSet rs = s.executeQuery("SHOW BINLOG EVENTS LIMIT 1")) {
                assertThat(rs.next()).as("a readable binlog event").isTrue();
            }
            try (ResultSet rs = s.executeQuery("SHOW GRANTS")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("GRANT ALL PRIVILEGES ON *.* TO `dbchange`@");
            }
        }
    }

    @Test
    void checksPasswordsOnceAccountsAreSetUp() throws SQLException {
        String url = server.adminSettings().jdbcUrl();

        assertThatThrownBy(() -> DriverManager.getConnection(url, EmbeddedMariaDbServer.USER, "wrong"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Access denied");
        assertThatThrownBy(() -> DriverManager.getConnection(url, "root", ""))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Access denied");
    }

    @Test
    void adminSettingsConnectAsRootOverTcp() throws SQLException {
        ConnectionSettings admin = server.adminSettings();
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password())) {
            assertThat(SharedServersIT.single(c, "SELECT CURRENT_USER()")).startsWith("root@");
            assertThat(SharedServersIT.single(c, "SELECT @@bind_address")).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void keepsItsFilesInADirectoryOfThisJvm() throws SQLException {
        Path directory = ((EmbeddedMariaDbServer) server).directory();
        ConnectionSettings admin = server.adminSettings();
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password())) {
            assertThat(Path.of(SharedServersIT.single(c, "SELECT @@datadir"))).startsWith(directory);
            assertThat(Path.of(SharedServersIT.single(c, "SELECT @@basedir"))).startsWith(directory);
            assertThat(Path.of(SharedServersIT.single(c, "SELECT @@socket"))).startsWith(directory);
        }
        assertThat(directory.getFileName().toString()).startsWith("dbchange-mariadb-");
        assertThat(directory.resolve(".owner-lock")).exists();
    }
}
