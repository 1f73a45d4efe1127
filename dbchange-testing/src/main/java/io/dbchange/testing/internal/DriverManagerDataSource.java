package io.dbchange.testing.internal;

import io.dbchange.api.engine.ConnectionSettings;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that opens a new connection through {@link DriverManager} on every call and pools nothing:
 * what a test needs when it wants to see exactly the connections it opens. Thread-safe.
 */
public final class DriverManagerDataSource implements DataSource {

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private volatile int loginTimeoutSeconds;

    public DriverManagerDataSource(String jdbcUrl, String user, String password) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "'jdbcUrl' must not be null");
        this.user = Objects.requireNonNull(user, "'user' must not be null");
        this.password = Objects.requireNonNull(password, "'password' must not be null");
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(user, password);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    /** Not used: this data source writes no log. Always {@code null}. */
    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    /** Ignored: this data source writes no log. */
    @Override
    public void setLogWriter(PrintWriter out) {
        // Nothing to write: connections come straight from DriverManager, which has its own log writer.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("DriverManagerDataSource logs through SLF4J, not java.util.logging");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("DriverManagerDataSource does not wrap a " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "DriverManagerDataSource[" + ConnectionSettings.redact(jdbcUrl) + ", user=" + user + "]";
    }
}
