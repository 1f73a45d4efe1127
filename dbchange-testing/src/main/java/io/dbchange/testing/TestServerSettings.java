package io.dbchange.testing;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionSettings;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which server to use for one {@link TestServerKind}, resolved from environment variables and system properties.
 *
 * <p>Keys (the system property wins over the environment variable of the same meaning):
 *
 * <table>
 *   <caption>Settings keys</caption>
 *   <tr><th>environment variable</th><th>system property</th><th>meaning</th></tr>
 *   <tr><td>{@code DBCHANGE_TEST_MYSQL}</td><td>{@code dbchange.test.mysql}</td>
 *       <td>{@code testcontainers}, {@code external} or {@code embedded}; unset: external if a URL is set,
 *       otherwise embedded</td></tr>
 *   <tr><td>{@code DBCHANGE_TEST_MYSQL_URL}</td><td>{@code dbchange.test.mysql.url}</td>
 *       <td>JDBC URL of an external server, e.g. {@code jdbc:mysql://db.example:3306/}</td></tr>
 *   <tr><td>{@code DBCHANGE_TEST_MYSQL_USER}</td><td>{@code dbchange.test.mysql.user}</td>
 *       <td>its user (default {@code root}); needs the privilege to create and drop databases</td></tr>
 *   <tr><td>{@code DBCHANGE_TEST_MYSQL_PASSWORD}</td><td>{@code dbchange.test.mysql.password}</td>
 *       <td>its password (default empty)</td></tr>
 *   <tr><td>{@code DBCHANGE_TEST_POSTGRES}, {@code _URL}, {@code _USER}, {@code _PASSWORD}</td>
 *       <td>{@code dbchange.test.postgres}, {@code .url}, {@code .user}, {@code .password}</td>
 *       <td>the same for PostgreSQL 13 or newer ({@code jdbc:postgresql:} URLs, default user {@code postgres});
 *       Testcontainers is offered for MySQL only</td></tr>
 * </table>
 *
 * <p>Selection order: an explicit {@code testcontainers} opt-in, then an external URL, then the embedded server.
 *
 * @param kind the server family
 * @param source where the server comes from
 * @param jdbcUrl the external server's JDBC URL; {@code null} unless {@code source} is {@link TestServerSource#EXTERNAL}
 * @param user the external server's user; {@code ""} unless external
 * @param password the external server's password; {@code ""} unless external, never printed by {@link #toString()}
 */
public record TestServerSettings(
        TestServerKind kind, TestServerSource source, String jdbcUrl, String user, String password) {

    /** The value of the source selector that opts in to Testcontainers. */
    public static final String TESTCONTAINERS = "testcontainers";

    public TestServerSettings {
        Objects.requireNonNull(kind, "'kind' must not be null");
        Objects.requireNonNull(source, "'source' must not be null");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (source == TestServerSource.EXTERNAL) {
            Objects.requireNonNull(jdbcUrl, "'jdbcUrl' must not be null for an external server");
            String prefix = urlPrefix(kind);
            if (!jdbcUrl.startsWith(prefix)) {
                throw new DbChangeException(
                        CoreErrorCode.INVALID_ARGUMENT,
                        "the external " + kind + " test server URL '" + ConnectionSettings.redact(jdbcUrl)
                                + "' must start with '" + prefix + "'; set " + envPrefix(kind)
                                + "_URL to a URL such as " + prefix + "//db.example:" + defaultPort(kind) + "/");
            }
        } else if (jdbcUrl != null) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "a JDBC URL is only accepted for an external server, not " + source);
        }
        if (source == TestServerSource.TESTCONTAINERS && kind != TestServerKind.MYSQL) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "Testcontainers is offered for MySQL only; unset " + envPrefix(kind) + " or set it to 'embedded'");
        }
    }

    /** The embedded server of the given kind. */
    public static TestServerSettings embedded(TestServerKind kind) {
        return new TestServerSettings(kind, TestServerSource.EMBEDDED, null, "", "");
    }

    /** An external server reached with the given JDBC URL, user and password. */
    public static TestServerSettings external(TestServerKind kind, String jdbcUrl, String user, String password) {
        return new TestServerSettings(kind, TestServerSource.EXTERNAL, jdbcUrl, user, password);
    }

    /** A MySQL 8.4 container started with Testcontainers. */
    public static TestServerSettings testcontainers() {
        return new TestServerSettings(TestServerKind.MYSQL, TestServerSource.TESTCONTAINERS, null, "", "");
    }

    /** Resolves the settings of this JVM from {@link System#getenv()} and {@link System#getProperties()}. */
    public static TestServerSettings fromEnvironment(TestServerKind kind) {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().stringPropertyNames().forEach(name -> properties.put(name, System.getProperty(name)));
        return resolve(kind, System.getenv(), properties);
    }

    /**
     * Resolves settings from the given maps (not from the JVM's own), so that a caller can choose a server without
     * touching global state.
     *
     * @param kind the server family
     * @param environment environment variables, e.g. {@code DBCHANGE_TEST_MYSQL_URL}
     * @param properties system properties, e.g. {@code dbchange.test.mysql.url}; they win over the environment
     * @throws DbChangeException with {@code INVALID_ARGUMENT} if a value is not accepted; the message names the key
     */
    public static TestServerSettings resolve(
            TestServerKind kind, Map<String, String> environment, Map<String, String> properties) {
        Objects.requireNonNull(kind, "'kind' must not be null");
        Objects.requireNonNull(environment, "'environment' must not be null");
        Objects.requireNonNull(properties, "'properties' must not be null");
        String selector = value(kind, environment, properties, "", "");
        String url = value(kind, environment, properties, "_URL", ".url");
        String user = value(kind, environment, properties, "_USER", ".user");
        String password = value(kind, environment, properties, "_PASSWORD", ".password");
        String chosen = selector == null ? "" : selector.trim().toLowerCase(Locale.ROOT);
        switch (chosen) {
            case "":
                return url == null ? embedded(kind) : externalWithDefaults(kind, url, user, password);
            case "embedded":
                return embedded(kind);
            case TESTCONTAINERS:
                if (kind != TestServerKind.MYSQL) {
                    throw new DbChangeException(
                            CoreErrorCode.INVALID_ARGUMENT,
                            envPrefix(kind) + "=" + selector + " is not accepted: Testcontainers is offered for MySQL"
                                    + " only; use 'embedded' or 'external' with " + envPrefix(kind) + "_URL");
                }
                return testcontainers();
            case "external":
                if (url == null) {
                    throw new DbChangeException(
                            CoreErrorCode.INVALID_ARGUMENT,
                            envPrefix(kind) + "=external needs " + envPrefix(kind) + "_URL (or property "
                                    + propertyPrefix(kind) + ".url) naming the server, e.g. " + urlPrefix(kind)
                                    + "//db.example:" + defaultPort(kind) + "/");
                }
                return externalWithDefaults(kind, url, user, password);
            default:
                throw new DbChangeException(
                        CoreErrorCode.INVALID_ARGUMENT,
                        envPrefix(kind) + " (or property " + propertyPrefix(kind) + ") is '" + selector
                                + "' but must be one of 'embedded', 'external'"
                                + (kind == TestServerKind.MYSQL ? ", 'testcontainers'" : "") + " or unset");
        }
    }

    private static TestServerSettings externalWithDefaults(
            TestServerKind kind, String url, String user, String password) {
        String defaultUser = kind == TestServerKind.MYSQL ? "root" : "postgres";
        return external(kind, url.trim(), user == null ? defaultUser : user, password == null ? "" : password);
    }

    private static String value(
            TestServerKind kind,
            Map<String, String> environment,
            Map<String, String> properties,
            String envSuffix,
            String propertySuffix) {
        String property = properties.get(propertyPrefix(kind) + propertySuffix);
        if (property != null && !property.isBlank()) {
            return property;
        }
        String env = environment.get(envPrefix(kind) + envSuffix);
        return env == null || env.isBlank() ? null : env;
    }

    /** The environment variable prefix of a kind, e.g. {@code DBCHANGE_TEST_MYSQL}. */
    static String envPrefix(TestServerKind kind) {
        return kind == TestServerKind.MYSQL ? "DBCHANGE_TEST_MYSQL" : "DBCHANGE_TEST_POSTGRES";
    }

    /** The system property prefix of a kind, e.g. {@code dbchange.test.mysql}. */
    static String propertyPrefix(TestServerKind kind) {
        return kind == TestServerKind.MYSQL ? "dbchange.test.mysql" : "dbchange.test.postgres";
    }

    private static String urlPrefix(TestServerKind kind) {
        return kind == TestServerKind.MYSQL ? "jdbc:mysql:" : "jdbc:postgresql:";
    }

    private static int defaultPort(TestServerKind kind) {
        return kind == TestServerKind.MYSQL ? 3306 : 5432;
    }

    @Override
    public String toString() {
        return "TestServerSettings[kind=" + kind + ", source=" + source + ", jdbcUrl="
                + (jdbcUrl == null ? null : ConnectionSettings.redact(jdbcUrl)) + ", user=" + user
                + ", password=***]";
    }
}
