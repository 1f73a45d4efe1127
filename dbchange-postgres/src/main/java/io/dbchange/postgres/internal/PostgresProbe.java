package io.dbchange.postgres.internal;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.engine.Product;
import io.dbchange.api.engine.ServerInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Probes a PostgreSQL server with two queries: {@code pg_settings} for the settings (as the server stores them, in
 * their base unit: {@code lock_timeout} {@code 0} means none, {@code 1000} one second) and {@code pg_roles} for the
 * current user's role attributes, reported as privileges; a superuser holds them all.
 */
public final class PostgresProbe {

    /**
     * The settings other capabilities depend on: logical decoding ({@code wal_level}, slots, senders), how literals
     * and transactions behave, timeouts, and whether the server is a standby.
     */
    static final List<String> SETTINGS = List.of(
            "server_version",
            "server_version_num",
            "wal_level",
            "max_replication_slots",
            "max_wal_senders",
            "max_slot_wal_keep_size",
            "wal_sender_timeout",
            "track_commit_timestamp",
            "standard_conforming_strings",
            "default_transaction_isolation",
            "default_transaction_read_only",
            "transaction_read_only",
            "in_hot_standby",
            "lock_timeout",
            "statement_timeout",
            "idle_in_transaction_session_timeout",
            "server_encoding",
            "client_encoding",
            "TimeZone",
            "search_path",
            "max_connections");

    private static final String SETTINGS_QUERY = "SELECT name, setting FROM pg_catalog.pg_settings WHERE name IN ("
            + SETTINGS.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", ")) + ")";

    /** The role attributes reported as privileges, in the order of {@link #ROLE_QUERY}'s columns 2 to 6. */
    private static final List<String> ROLE_ATTRIBUTES =
            List.of("SUPERUSER", "REPLICATION", "CREATEDB", "CREATEROLE", "BYPASSRLS");

    private static final String ROLE_QUERY = "SELECT current_user, r.rolsuper, r.rolreplication, r.rolcreatedb,"
            + " r.rolcreaterole, r.rolbypassrls FROM pg_catalog.pg_roles r WHERE r.rolname = current_user";

    private PostgresProbe() {}

    /** Probes the server behind the connection. */
    public static ServerInfo probe(Connection connection) {
        Objects.requireNonNull(connection, "'connection' must not be null");
        try (Statement statement = connection.createStatement()) {
            Map<String, String> settings = new TreeMap<>();
            try (ResultSet rows = statement.executeQuery(SETTINGS_QUERY)) {
                while (rows.next()) {
                    settings.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2));
                }
            }
            String user;
            Set<String> privileges = new TreeSet<>();
            try (ResultSet rows = statement.executeQuery(ROLE_QUERY)) {
                if (!rows.next()) {
                    throw new SQLException("the current user has no row in pg_roles");
                }
                user = rows.getString(1);
                boolean superuser = rows.getBoolean(2);
                for (int i = 0; i < ROLE_ATTRIBUTES.size(); i++) {
                    // A superuser may do what each attribute allows, whether or not the attribute is set.
                    if (superuser || rows.getBoolean(i + 2)) {
                        privileges.add(ROLE_ATTRIBUTES.get(i));
                    }
                }
            }
            int versionNum = Integer.parseInt(settings.getOrDefault("server_version_num", "0"));
            return new ServerInfo(
                    Product.POSTGRESQL,
                    settings.getOrDefault("server_version", ""),
                    major(versionNum),
                    minor(versionNum),
                    user,
                    settings,
                    privileges);
        } catch (SQLException | NumberFormatException e) {
            throw new DbChangeException(
                    CoreErrorCode.PROBE_FAILED,
                    "cannot probe the PostgreSQL server at " + url(connection) + ": " + e.getMessage()
                            + "; check that the connection is open and the user may read pg_settings and pg_roles",
                    e);
        }
    }

    /** {@code 170006} is 17, {@code 90624} is 9. */
    static int major(int versionNum) {
        return versionNum / 10000;
    }

    /** {@code 170006} is 17.6 (since 10, two parts); {@code 90624} is 9.6.24 (before 10, three parts). */
    static int minor(int versionNum) {
        return versionNum >= 100000 ? versionNum % 100 : (versionNum / 100) % 100;
    }

    private static String url(Connection connection) {
        try {
            return ConnectionSettings.redact(connection.getMetaData().getURL());
        } catch (SQLException | RuntimeException e) {
            return "(unknown URL)";
        }
    }
}
