package io.dbchange.cli;

import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.core.engine.DatabaseEngines;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The database of {@code dbchange review --connection}: its engine (from the JDBC URL), one connection, and its
 * schema read through the engine. Opening and reading fail with {@link Unavailable}, whose message names the URL with
 * any password in it masked, never the password itself.
 */
final class LiveTarget implements AutoCloseable {

    // password=... in a URL's query (PostgreSQL, MySQL) or ;password=... properties
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&;]*");

    private final DatabaseEngine engine;
    private final Connection connection;
    private final SchemaSnapshot schema;

    private LiveTarget(DatabaseEngine engine, Connection connection, SchemaSnapshot schema) {
        this.engine = engine;
        this.connection = connection;
        this.schema = schema;
    }

    /** Connects to {@code url} and reads its schema; {@code user} and {@code password} may be null. */
    static LiveTarget open(String url, String user, String password) {
        String shown = masked(url);
        DatabaseEngine engine;
        try {
            engine = DatabaseEngines.forUrl(url);
        } catch (RuntimeException e) {
            throw new Unavailable("no database engine serves --connection " + shown + " (" + e.getMessage()
                    + "); use a jdbc:mysql:, jdbc:mariadb: or jdbc:postgresql: URL");
        }
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        Connection connection;
        try {
            connection = DriverManager.getConnection(url, properties);
        } catch (SQLException | RuntimeException e) {
            throw new Unavailable("cannot connect to " + shown + (user == null ? "" : " as " + user) + " ("
                    + scrub(e.getMessage(), password) + "); check the URL, --user (or " + ReviewCommand.USER_ENV
                    + ") and the password (" + ReviewCommand.PASSWORD_ENV + "), and that the server is up");
        }
        try {
            SchemaSnapshot schema = engine.readSchema(connection, SnapshotOptions.DEFAULTS);
            return new LiveTarget(engine, connection, schema);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw new Unavailable("cannot read the schema of " + shown + " (" + scrub(e.getMessage(), password)
                    + "); check that the user may read the catalog");
        }
    }

    /** {@code url} with the value of any {@code password=} in it replaced by {@code ***}. */
    static String masked(String url) {
        return PASSWORD_IN_URL.matcher(url).replaceAll("$1***");
    }

    private static String scrub(String message, String password) {
        String text = message == null ? "no message" : masked(message);
        return password == null || password.isEmpty() ? text : text.replace(password, "***");
    }

    DatabaseEngine engine() {
        return engine;
    }

    Connection connection() {
        return connection;
    }

    SchemaSnapshot schema() {
        return schema;
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // the review is done; a failed close changes nothing the user can act on
        }
    }

    /** The database cannot be used: the message says what to fix. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }
}
