package io.dbchange.testing;

import io.dbchange.api.engine.ConnectionSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Test helper: looks a database up through the admin connection of the JVM's server of its kind. */
public final class Databases {

    private Databases() {}

    /** Whether the database exists on the JVM's shared server of its kind. */
    public static boolean exists(TestDatabase db) throws SQLException {
        return exists(TestServers.of(db.kind()).adminSettings(), db);
    }

    /** Whether the database exists on the server reached with the given admin settings. */
    public static boolean exists(ConnectionSettings admin, TestDatabase db) throws SQLException {
        String sql = db.kind() == TestServerKind.MYSQL
                ? "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?"
                : "SELECT COUNT(*) FROM pg_database WHERE datname = ?";
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, db.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }
}
