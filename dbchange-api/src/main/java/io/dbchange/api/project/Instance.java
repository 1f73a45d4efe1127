package io.dbchange.api.project;

import io.dbchange.api.Ids;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.internal.Checks;
import java.util.regex.Pattern;

/**
 * A database server, with how to reach it. The password inside {@link #connection()} is held in memory only:
 * dbchange never stores it, never logs it, and {@link #toString()} never prints it nor any driver property.
 *
 * @param id the instance's defined id ({@link Ids#DEFINED_ID_REGEX}), e.g. {@code prod-mysql-1}
 * @param environmentId the environment the server belongs to; its databases belong to it unless configured
 *     otherwise (see {@link Database})
 * @param engine the name of the {@code DatabaseEngine} that serves it ({@code "mysql"} for MySQL and MariaDB,
 *     {@code "postgresql"}); lower-case letters, digits and {@code '-'}
 * @param connection JDBC URL, credentials and pool limits
 */
public record Instance(String id, String environmentId, String engine, ConnectionSettings connection) {

    private static final Pattern ENGINE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public Instance {
        Ids.requireDefinedId("id", id);
        Ids.requireDefinedId("environmentId", environmentId);
        Checks.notNull("engine", engine);
        if (!ENGINE.matcher(engine).matches()) {
            throw new IllegalArgumentException("'engine' must be an engine name such as 'mysql' or 'postgresql'"
                    + " (lower-case letters, digits and '-'), but was '" + engine + "'");
        }
        Checks.notNull("connection", connection);
    }

    /** The instance without secrets: id, environment, engine, the redacted JDBC URL and the user. */
    @Override
    public String toString() {
        return "Instance[id=" + id + ", environmentId=" + environmentId + ", engine=" + engine + ", jdbcUrl="
                + ConnectionSettings.redact(connection.jdbcUrl()) + ", user=" + connection.user() + "]";
    }
}
