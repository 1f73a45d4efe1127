package io.dbchange.examples.tutorial;

import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.testing.TestServer;
import io.dbchange.testing.TestServerKind;
import io.dbchange.testing.TestServerSettings;
import io.dbchange.testing.TestServers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The tutorial's database servers, all embedded and private to this run: two independent MariaDB 11.4 servers
 * ("MySQL Test" and "MySQL Prod", each with its own data directory, port and binary log) and one PostgreSQL 17.
 * They start in parallel, and {@link #close()} stops them.
 *
 * <p>The demo always starts its own servers ({@link TestServers#start}), never the shared ones that
 * {@code DBCHANGE_TEST_*} variables may point at an external server: it creates databases with fixed names.
 */
final class Servers implements AutoCloseable {

    final TestServer mysqlTest;
    final TestServer mysqlProd;
    final TestServer postgres;

    private Servers(TestServer mysqlTest, TestServer mysqlProd, TestServer postgres) {
        this.mysqlTest = mysqlTest;
        this.mysqlProd = mysqlProd;
        this.postgres = postgres;
    }

    /**
     * Starts the three servers in parallel (each one unpacks and installs its binaries, which is most of the wait).
     * If one fails, the others are stopped and its error is thrown.
     */
    static Servers start() {
        ExecutorService starters = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<TestServer>> starts = Stream.of(
                            TestServerKind.MYSQL, TestServerKind.MYSQL, TestServerKind.POSTGRESQL)
                    .map(kind -> CompletableFuture.supplyAsync(() -> embedded(kind), starters))
                    .toList();
            try {
                return new Servers(
                        starts.get(0).join(),
                        starts.get(1).join(),
                        starts.get(2).join());
            } catch (CompletionException e) {
                for (CompletableFuture<TestServer> start : starts) {
                    start.handle((server, error) -> server)
                            .thenAccept(server -> {
                                if (server != null) {
                                    server.stop();
                                }
                            })
                            .join();
                }
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        } finally {
            starters.shutdown();
        }
    }

    private static TestServer embedded(TestServerKind kind) {
        return TestServers.start(TestServerSettings.embedded(kind));
    }

    /** How the tutorial's instances connect: the server's administrative account (it creates databases). */
    static ConnectionSettings instanceSettings(TestServer server) {
        return server.adminSettings();
    }

    List<TestServer> all() {
        return List.of(mysqlTest, mysqlProd, postgres);
    }

    /** Stops every server; each stop waits for the server process to end. */
    @Override
    public void close() {
        all().forEach(TestServer::stop);
    }

    /** Whether something still accepts connections on the server's port. */
    static boolean listening(TestServer server) {
        URI uri = URI.create(server.adminSettings().jdbcUrl().substring("jdbc:".length()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
