package io.dbchange.testing.internal;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServer;
import io.dbchange.testing.TestServerKind;
import io.dbchange.testing.TestServerSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * MySQL 8.4 in a Docker container started with Testcontainers, with the binary log in row format with full images
 * and metadata. Loaded only through {@link TestcontainersGate}; this class links against Testcontainers.
 *
 * <p>Tests connect as {@value #USER}, which gets all privileges on the server (binlog reading included); the
 * container (and with it every test database) is removed when the JVM exits.
 */
final class TestcontainersMySqlServer implements TestServer {

    private static final Logger LOG = LoggerFactory.getLogger(TestcontainersMySqlServer.class);

    static final String IMAGE = "mysql:8.4";
    static final String USER = "dbchange";
    static final String PASSWORD = "dbchange";

    /** Connector/J options: MySQL 8.4's caching_sha2_password over plain TCP needs the server's public key. */
    private static final String URL_OPTIONS = "?allowPublicKeyRetrieval=true&sslMode=DISABLED";

    private final MySQLContainer<?> container;

    private TestcontainersMySqlServer(MySQLContainer<?> container) {
        this.container = container;
    }

    static TestServer start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new DbChangeException(
                    CoreErrorCode.TEST_SERVER_UNAVAILABLE,
                    "DBCHANGE_TEST_MYSQL=testcontainers selects a MySQL container, but Testcontainers found no"
                            + " Docker environment; start Docker (or set DOCKER_HOST), or unset DBCHANGE_TEST_MYSQL"
                            + " to use the embedded MariaDB");
        }
        MySQLContainer<?> container = new MySQLContainer<>(DockerImageName.parse(IMAGE))
                .withUsername(USER)
                .withPassword(PASSWORD)
                .withCommand(EmbeddedMariaDbServer.BINLOG_OPTIONS.toArray(String[]::new));
        try {
            container.start();
            TestcontainersMySqlServer server = new TestcontainersMySqlServer(container);
            server.grantAll();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "dbchange-mysql-container-shutdown"));
            LOG.info("started {}", server.description());
            return server;
        } catch (RuntimeException e) {
            container.stop();
            throw new DbChangeException(
                    CoreErrorCode.TEST_SERVER_UNAVAILABLE,
                    "cannot start the " + IMAGE + " container: " + e.getMessage()
                            + "; or unset DBCHANGE_TEST_MYSQL to use the embedded MariaDB",
                    e);
        }
    }

    private void grantAll() {
        ConnectionSettings admin = adminSettings();
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                Statement s = c.createStatement()) {
            s.execute("GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%' WITH GRANT OPTION");
        } catch (SQLException e) {
            throw new DbChangeException(
                    CoreErrorCode.TEST_SERVER_UNAVAILABLE,
                    "cannot grant privileges to " + USER + " in the " + IMAGE + " container: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public TestServerKind kind() {
        return TestServerKind.MYSQL;
    }

    @Override
    public TestServerSource source() {
        return TestServerSource.TESTCONTAINERS;
    }

    @Override
    public String description() {
        return "Testcontainers " + IMAGE + " on " + container.getHost() + ":" + container.getMappedPort(3306);
    }

    @Override
    public TestDatabase createDatabase() {
        return DatabaseAdmin.create(kind(), adminSettings(), DatabaseNames.next(), USER, PASSWORD, null);
    }

    @Override
    public ConnectionSettings adminSettings() {
        // The MySQL module gives root the same password as the configured user.
        return ConnectionSettings.of(
                "jdbc:mysql://" + container.getHost() + ":" + container.getMappedPort(3306) + "/" + URL_OPTIONS,
                "root",
                PASSWORD);
    }

    @Override
    public String toString() {
        return description();
    }
}
