package io.dbchange.testing;

import io.dbchange.api.engine.ConnectionSettings;

/**
 * A database server that hands out fresh, empty databases to tests. Obtain the shared one of this JVM from
 * {@link TestServers#mysql()} or {@link TestServers#postgres()}.
 *
 * <pre>{@code
 * try (TestDatabase db = TestServers.postgres().createDatabase()) {
 *     try (Connection c = db.openConnection()) { ... }
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe: tests running in parallel may create databases concurrently.
 */
public interface TestServer {

    /** The family of this server, never {@code null}. */
    TestServerKind kind();

    /** Where this server comes from, never {@code null}. */
    TestServerSource source();

    /**
     * What this server is, for logs and failure messages, e.g. {@code "embedded MariaDB 11.4.5 on port 41234"} or
     * {@code "external jdbc:mysql://db:3306/"}. Never contains a password.
     */
    String description();

    /**
     * Creates a new, empty database with a unique name (such as {@code t_3k9x0c2mqa7f}) on this server.
     *
     * @return the database; the caller {@linkplain TestDatabase#close() closes} it to drop it
     * @throws io.dbchange.api.DbChangeException with {@code TEST_SERVER_UNAVAILABLE} if the server cannot be reached
     */
    TestDatabase createDatabase();

    /**
     * Settings of the server's administrative connection (root on MySQL, the bootstrap superuser on PostgreSQL),
     * not bound to any test database. Useful to create users or inspect server-wide settings.
     */
    ConnectionSettings adminSettings();

    /**
     * Stops a server this JVM started (an embedded server or a container) and deletes what it left on disk; does
     * nothing for an external server. Servers stop at JVM exit anyway; a program that ends by returning from
     * {@code main} calls this (or {@link TestServers#stopAll()}), because an embedded server's process watcher keeps
     * the JVM alive. Calling it twice is harmless. The server must not be used afterwards.
     */
    void stop();
}
