package io.dbchange.examples.tutorial;

import io.dbchange.api.engine.ConnectionSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain JDBC beside the library: what a person does outside dbchange (setting up databases, a change made by hand)
 * and how the tutorial looks at the result (reading rows and catalogs).
 */
final class Sql {

    private final ConnectionSettings server;
    private final String database;

    private Sql(ConnectionSettings server, String database) {
        this.server = server;
        this.database = database;
    }

    /** Statements and queries on {@code database} of the server that {@code server} connects to. */
    static Sql on(ConnectionSettings server, String database) {
        return new Sql(server, database);
    }

    /** A connection to the database; the caller closes it. */
    Connection connect() throws SQLException {
        String url = server.jdbcUrl();
        return DriverManager.getConnection(
                url.substring(0, url.lastIndexOf('/') + 1) + database, server.user(), server.password());
    }

    void execute(String... statements) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The first column of every row, as text. */
    List<String> column(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
