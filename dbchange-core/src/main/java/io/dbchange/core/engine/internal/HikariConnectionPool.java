package io.dbchange.core.engine.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionPool;
import io.dbchange.api.engine.ConnectionSettings;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link ConnectionPool} backed by HikariCP, one per {@link ConnectionSettings}: what every engine's
 * {@code openPool} returns.
 *
 * <p>Sized for a library embedded in someone else's service: at most {@link ConnectionSettings#maxPoolSize()}
 * connections, at most one kept idle. The pool starts on first use, so opening it never touches the server; the
 * first borrow tries one connection and fails at once (after HikariCP's one-second retry pause) with the server's
 * reason, instead of waiting out the whole connect timeout as a running pool does. Its name holds the engine, host,
 * port and database and a sequence number, never a credential. Thread-safe.
 *
 * <pre>{@code
 * var pool = new HikariConnectionPool("mysql", settings, "com.mysql.cj.jdbc.Driver", settings.jdbcUrl(), Map.of());
 * try (Connection c = pool.getConnection()) { ... }
 * pool.close();
 * }</pre>
 */
public final class HikariConnectionPool implements ConnectionPool {

    /** HikariCP refuses connection timeouts below this. */
    private static final long MIN_CONNECT_TIMEOUT_MILLIS = 250;

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String name;
    private final ConnectionSettings settings;
    private final HikariDataSource hikari;
    private final DataSource view;

    /**
     * @param engineName the engine's name, first part of the pool name
     * @param settings where to connect; its URL, user and password are used as given unless {@code driverUrl}
     *     rewrites the URL
     * @param driverClassName the JDBC driver to load (named rather than found through {@code DriverManager}, which
     *     fails in some class loader arrangements)
     * @param driverUrl the URL handed to the driver (e.g. {@code jdbc:mariadb:} rewritten to {@code jdbc:mysql:})
     * @param defaultProperties driver properties the engine sets unless the settings give the same key
     * @throws DbChangeException {@code INVALID_ARGUMENT} when HikariCP rejects the settings
     */
    public HikariConnectionPool(
            String engineName,
            ConnectionSettings settings,
            String driverClassName,
            String driverUrl,
            Map<String, String> defaultProperties) {
        Objects.requireNonNull(engineName, "'engineName' must not be null");
        this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
        Objects.requireNonNull(driverClassName, "'driverClassName' must not be null");
        Objects.requireNonNull(driverUrl, "'driverUrl' must not be null");
        Objects.requireNonNull(defaultProperties, "'defaultProperties' must not be null");
        this.name = "dbchange-" + engineName + "-" + JdbcUrls.location(settings.jdbcUrl()) + "-"
                + SEQUENCE.incrementAndGet();

        var config = new HikariConfig();
        config.setPoolName(name);
        config.setDriverClassName(driverClassName);
        config.setJdbcUrl(driverUrl);
        config.setUsername(settings.user().isEmpty() ? null : settings.user());
        config.setPassword(settings.password().isEmpty() ? null : settings.password());
        defaultProperties.forEach(config::addDataSourceProperty);
        settings.properties().forEach(config::addDataSourceProperty);
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(
                Math.max(MIN_CONNECT_TIMEOUT_MILLIS, settings.connectTimeout().toMillis()));
        // > 0: the pool, started by the first borrow, tries one connection and fails with the server's reason.
        config.setInitializationFailTimeout(1);
        try {
            config.validate();
            this.hikari = new HikariDataSource();
            config.copyStateTo(hikari);
        } catch (RuntimeException e) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "cannot configure a connection pool for " + settings + ": " + e.getMessage(),
                    e);
        }
        this.view = new PoolDataSource();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DataSource dataSource() {
        return view;
    }

    @Override
    public Connection getConnection() {
        try {
            return hikari.getConnection();
        } catch (SQLException e) {
            throw connectionFailed(e);
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return hikari.isClosed();
    }

    /** Closes every connection of the pool, waiting for HikariCP to close them; idempotent. */
    @Override
    public void close() {
        hikari.close();
    }

    @Override
    public String toString() {
        return name;
    }

    private DbChangeException connectionFailed(SQLException e) {
        if (hikari.isClosed()) {
            return new DbChangeException(
                    CoreErrorCode.CONNECTION_FAILED,
                    "pool " + name + " is closed; open a new pool to connect to "
                            + ConnectionSettings.redact(settings.jdbcUrl()) + " again",
                    e);
        }
        String reason = e.getMessage();
        if (e.getCause() != null && e.getCause() != e && e.getCause().getMessage() != null) {
            reason += " (" + e.getCause().getMessage() + ")";
        }
        return new DbChangeException(
                CoreErrorCode.CONNECTION_FAILED,
                "cannot connect to " + ConnectionSettings.redact(settings.jdbcUrl()) + " as user '" + settings.user()
                        + "' (pool " + name + "): " + mask(reason)
                        + "; check that the server is reachable and the URL, user and password are right",
                e);
    }

    /** The text with the password masked, should a driver ever echo it. */
    private String mask(String text) {
        String password = settings.password();
        return text == null || password.length() < 4 ? String.valueOf(text) : text.replace(password, "***");
    }

    /**
     * The pool as a plain {@link DataSource}: it hands out pooled connections but neither closes nor reconfigures
     * the pool, which stays owned by the {@link HikariConnectionPool}.
     */
    private final class PoolDataSource implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return hikari.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException(
                    "pool " + name + " connects as the user of its settings; open another pool for another user");
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return hikari.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            hikari.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            throw new SQLFeatureNotSupportedException(
                    "pool " + name + " takes its timeout from its connection settings");
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return hikari.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("dbchange logs through SLF4J");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new SQLException("pool " + name + " does not wrap a " + type.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(this);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
