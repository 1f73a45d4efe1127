package io.dbchange.testing;

import io.dbchange.testing.internal.EmbeddedMariaDbServer;
import io.dbchange.testing.internal.EmbeddedPostgresServer;
import io.dbchange.testing.internal.ExternalServer;
import io.dbchange.testing.internal.TestcontainersGate;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test servers of this JVM, one per {@link TestServerKind}, chosen by {@link TestServerSettings#fromEnvironment}
 * (Testcontainers opt-in, then an external URL, then embedded), started or connected lazily on first use and
 * stopped at JVM exit.
 *
 * <pre>{@code
 * TestServer server = TestServers.mysql();   // embedded MariaDB unless DBCHANGE_TEST_MYSQL_URL is set
 * try (TestDatabase db = server.createDatabase()) { ... }
 * }</pre>
 *
 * <p>Thread-safe. If a server fails to start, every later call fails with the same error at once rather than
 * waiting for another start-up to fail.
 */
public final class TestServers {

    private static final Logger LOG = LoggerFactory.getLogger(TestServers.class);

    private static final Shared MYSQL = new Shared(TestServerKind.MYSQL);
    private static final Shared POSTGRES = new Shared(TestServerKind.POSTGRESQL);

    private TestServers() {}

    /** This JVM's MySQL-family server (embedded MariaDB 11.4 by default), started on first call. */
    public static TestServer mysql() {
        return MYSQL.get();
    }

    /** This JVM's PostgreSQL server (embedded PostgreSQL 17 by default), started on first call. */
    public static TestServer postgres() {
        return POSTGRES.get();
    }

    /** This JVM's server of the given kind; {@link #mysql()} or {@link #postgres()}. */
    public static TestServer of(TestServerKind kind) {
        Objects.requireNonNull(kind, "'kind' must not be null");
        return kind == TestServerKind.MYSQL ? mysql() : postgres();
    }

    /**
     * Stops this JVM's shared servers, if they were started (see {@link TestServer#stop()}). A later
     * {@link #mysql()} or {@link #postgres()} starts a new one. Tests never need this; a program such as a demo,
     * which ends by returning from {@code main}, calls it last so that the JVM can exit.
     */
    public static void stopAll() {
        MYSQL.stop();
        POSTGRES.stop();
    }

    /**
     * Starts or connects a new server for the given settings, not shared with {@link #mysql()} or
     * {@link #postgres()}. Embedded servers and containers started this way also stop at JVM exit; each call starts
     * another one, so use this sparingly.
     *
     * @throws io.dbchange.api.DbChangeException with {@code TEST_SERVER_UNAVAILABLE} if it cannot start or connect
     */
    public static TestServer start(TestServerSettings settings) {
        Objects.requireNonNull(settings, "'settings' must not be null");
        switch (settings.source()) {
            case EXTERNAL:
                return ExternalServer.connect(settings);
            case TESTCONTAINERS:
                return TestcontainersGate.startMySql();
            case EMBEDDED:
            default:
                return settings.kind() == TestServerKind.MYSQL
                        ? EmbeddedMariaDbServer.start()
                        : EmbeddedPostgresServer.start();
        }
    }

    /** Holds one lazily started server, or the error its start-up raised. */
    private static final class Shared {
        private final TestServerKind kind;
        private TestServer server;
        private RuntimeException failure;

        Shared(TestServerKind kind) {
            this.kind = kind;
        }

        synchronized void stop() {
            if (server != null) {
                server.stop();
                server = null;
            }
            failure = null;
        }

        synchronized TestServer get() {
            if (server != null) {
                return server;
            }
            if (failure != null) {
                throw failure;
            }
            try {
                TestServerSettings settings = TestServerSettings.fromEnvironment(kind);
                server = start(settings);
                LOG.info("{} test server of this JVM: {}", kind, server.description());
                return server;
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
    }
}
