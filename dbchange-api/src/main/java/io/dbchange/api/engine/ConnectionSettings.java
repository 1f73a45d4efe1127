package io.dbchange.api.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach one database: a JDBC URL, a user, a password, and pool limits. The password is held only in memory,
 * never stored by dbchange, never logged, and never printed by {@link #toString()}.
 *
 * @param jdbcUrl JDBC URL naming the server and the database
 * @param user user name, or {@code ""} for the driver's default
 * @param password password, or {@code ""} for none
 * @param properties extra driver properties (copied, immutable)
 * @param maxPoolSize the most connections the pool for these settings may hold (default 4)
 * @param connectTimeout how long to wait for a connection before failing (default 30 s)
 */
public record ConnectionSettings(
        String jdbcUrl,
        String user,
        String password,
        Map<String, String> properties,
        int maxPoolSize,
        Duration connectTimeout) {

    public static final int DEFAULT_MAX_POOL_SIZE = 4;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    public ConnectionSettings {
        Objects.requireNonNull(jdbcUrl, "'jdbcUrl' must not be null");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("'jdbcUrl' must start with 'jdbc:' but was '" + redact(jdbcUrl) + "'");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        properties = Map.copyOf(properties == null ? Map.of() : properties);
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("'maxPoolSize' must be at least 1 but was " + maxPoolSize);
        }
        Objects.requireNonNull(connectTimeout, "'connectTimeout' must not be null");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("'connectTimeout' must be positive but was " + connectTimeout);
        }
    }

    /** Settings with the default pool size and timeout and no extra properties. */
    public static ConnectionSettings of(String jdbcUrl, String user, String password) {
        return new ConnectionSettings(
                jdbcUrl, user, password, Map.of(), DEFAULT_MAX_POOL_SIZE, DEFAULT_CONNECT_TIMEOUT);
    }

    /** A copy with another pool size. */
    public ConnectionSettings withMaxPoolSize(int size) {
        return new ConnectionSettings(jdbcUrl, user, password, properties, size, connectTimeout);
    }

    /** A copy with one more driver property. */
    public ConnectionSettings withProperty(String key, String value) {
        var copy = new java.util.HashMap<>(properties);
        copy.put(key, value);
        return new ConnectionSettings(jdbcUrl, user, password, copy, maxPoolSize, connectTimeout);
    }

    @Override
    public String toString() {
        return "ConnectionSettings[jdbcUrl=" + redact(jdbcUrl) + ", user=" + user + ", password=***, maxPoolSize="
                + maxPoolSize + ", connectTimeout=" + connectTimeout + "]";
    }

    /**
     * The URL with its secrets masked, for messages and logs: every {@code ...password=} parameter (also
     * {@code sslpassword=} and the like) and the password of a {@code //user:password@host} authority, which
     * MySQL Connector/J accepts.
     */
    public static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;)]*", "$1***").replaceAll("(//[^/:@?;]*:)[^/@?;]*@", "$1***@");
    }
}
