package io.dbchange.testing.internal;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServer;
import io.dbchange.testing.TestServerKind;
import io.dbchange.testing.TestServerSettings;
import io.dbchange.testing.TestServerSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A server someone else runs, named by a JDBC URL and an account that may create and drop databases. Test
 * databases are created with that account and reached with it; callers drop them when done, since the server
 * outlives the JVM.
 */
public final class ExternalServer implements TestServer {

    private final TestServerKind kind;
    private final ConnectionSettings admin;

    private ExternalServer(TestServerKind kind, ConnectionSettings admin) {
        this.kind = kind;
        this.admin = admin;
    }

    /**
     * Checks that the server answers and returns it.
     *
     * @throws DbChangeException with {@code TEST_SERVER_UNAVAILABLE} if it cannot be reached
     */
    public static ExternalServer connect(TestServerSettings settings) {
        Objects.requireNonNull(settings, "'settings' must not be null");
        if (settings.source() != TestServerSource.EXTERNAL) {
            throw new IllegalArgumentException("'settings' must name an external server but name " + settings);
        }
        ConnectionSettings admin = ConnectionSettings.of(settings.jdbcUrl(), settings.user(), settings.password());
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password())) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new DbChangeException(
                    CoreErrorCode.TEST_SERVER_UNAVAILABLE,
                    "cannot connect to the external " + settings.kind() + " test server "
                            + ConnectionSettings.redact(admin.jdbcUrl()) + " as " + admin.user() + " (SQLSTATE "
                            + e.getSQLState() + ": " + e.getMessage() + "); check the _URL, _USER and _PASSWORD"
                            + " settings, or unset them to use the embedded server",
                    e);
        }
        return new ExternalServer(settings.kind(), admin);
    }

    @Override
    public TestServerKind kind() {
        return kind;
    }

    @Override
    public TestServerSource source() {
        return TestServerSource.EXTERNAL;
    }

    @Override
    public String description() {
        return "external " + ConnectionSettings.redact(admin.jdbcUrl());
    }

    @Override
    public TestDatabase createDatabase() {
        return DatabaseAdmin.create(
                kind, admin, DatabaseNames.next(), admin.user(), admin.password(), /* owner: the creator */ null);
    }

    @Override
    public ConnectionSettings adminSettings() {
        return admin;
    }

    /** Nothing to stop: the server is not ours; its test databases are dropped when they are closed. */
    @Override
    public void stop() {}

    @Override
    public String toString() {
        return description();
    }
}
