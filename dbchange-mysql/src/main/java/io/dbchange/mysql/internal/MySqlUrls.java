package io.dbchange.mysql.internal;

import io.dbchange.core.engine.internal.JdbcUrls;
import java.util.List;

/** The URLs the MySQL engine serves and the one it hands to Connector/J. */
public final class MySqlUrls {

    /** The prefixes the engine accepts. */
    public static final List<String> PREFIXES = List.of("jdbc:mysql:", "jdbc:mariadb:");

    private MySqlUrls() {}

    /**
     * The URL for Connector/J: {@code jdbc:mariadb:} becomes {@code jdbc:mysql:}, the rest unchanged (both drivers
     * write host, port, database and {@code ?key=value} parameters the same way).
     */
    public static String driverUrl(String jdbcUrl) {
        return JdbcUrls.replacePrefix(jdbcUrl, "jdbc:mariadb:", "jdbc:mysql:");
    }
}
