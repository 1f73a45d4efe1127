package io.dbchange.mysql.internal;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.engine.Product;
import io.dbchange.api.engine.ServerInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Probes a MySQL or MariaDB server with three queries, whatever the server: {@code SHOW VARIABLES} for the settings
 * (a variable the server lacks is simply absent), {@code SELECT CURRENT_USER()}, and {@code SHOW GRANTS}.
 */
public final class MySqlProbe {

    /**
     * The variables other capabilities depend on: binlog-based rollback ({@code log_bin}, {@code binlog_*},
     * {@code server_id}, GTIDs, retention), schema reading ({@code lower_case_table_names}, {@code sql_mode}), and
     * execution ({@code autocommit}, isolation, lock timeouts, read-only). {@code aurora_version} marks Amazon Aurora.
     */
    static final List<String> SETTINGS = List.of(
            "version",
            "version_comment",
            "innodb_version",
            "aurora_version",
            "log_bin",
            "binlog_format",
            "binlog_row_image",
            "binlog_row_metadata",
            "binlog_checksum",
            "binlog_expire_logs_seconds",
            "expire_logs_days",
            "server_id",
            "server_uuid",
            "gtid_mode",
            "enforce_gtid_consistency",
            "gtid_strict_mode",
            "gtid_domain_id",
            "log_slave_updates",
            "log_replica_updates",
            "lower_case_table_names",
            "sql_mode",
            "autocommit",
            "transaction_isolation",
            "tx_isolation",
            "read_only",
            "super_read_only",
            "lock_wait_timeout",
            "innodb_lock_wait_timeout",
            "max_execution_time",
            "max_statement_time",
            "character_set_server",
            "collation_server",
            "time_zone",
            "system_time_zone",
            "default_storage_engine",
            "explicit_defaults_for_timestamp",
            "max_allowed_packet",
            "wsrep_on");

    private static final String SHOW_VARIABLES = "SHOW VARIABLES WHERE Variable_name IN ("
            + SETTINGS.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", ")) + ")";

    private MySqlProbe() {}

    /** Probes the server behind the connection. */
    public static ServerInfo probe(Connection connection) {
        Objects.requireNonNull(connection, "'connection' must not be null");
        try (Statement statement = connection.createStatement()) {
            Map<String, String> settings = new TreeMap<>();
            try (ResultSet rows = statement.executeQuery(SHOW_VARIABLES)) {
                while (rows.next()) {
                    settings.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2));
                }
            }
            String user;
            try (ResultSet rows = statement.executeQuery("SELECT CURRENT_USER()")) {
                rows.next();
                user = rows.getString(1);
            }
            List<String> grants = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SHOW GRANTS")) {
                while (rows.next()) {
                    grants.add(rows.getString(1));
                }
            }
            String version = settings.getOrDefault("version", "");
            Product product = product(version, settings.getOrDefault("version_comment", ""));
            int[] majorMinor = majorMinor(version);
            return new ServerInfo(
                    product,
                    version,
                    majorMinor[0],
                    majorMinor[1],
                    user,
                    settings,
                    MySqlGrants.globalPrivileges(grants, product));
        } catch (SQLException e) {
            throw new DbChangeException(
                    CoreErrorCode.PROBE_FAILED,
                    "cannot probe the MySQL/MariaDB server at " + url(connection) + ": " + e.getMessage()
                            + "; check that the connection is open and the user may run SHOW VARIABLES and SHOW"
                            + " GRANTS",
                    e);
        }
    }

    /** MariaDB says so in its version ({@code 11.4.5-MariaDB-log}) or version comment; anything else is MySQL. */
    static Product product(String version, String versionComment) {
        return (version + " " + versionComment).toLowerCase(Locale.ROOT).contains("mariadb")
                ? Product.MARIADB
                : Product.MYSQL;
    }

    /** Major and minor from a version string such as {@code 8.0.36-log} or {@code 11.4.5-MariaDB}; 0 if absent. */
    static int[] majorMinor(String version) {
        int[] parts = new int[2];
        int part = 0;
        int value = 0;
        boolean any = false;
        for (int i = 0; i < version.length() && part < 2; i++) {
            char c = version.charAt(i);
            if (Character.isDigit(c)) {
                value = value * 10 + (c - '0');
                any = true;
            } else {
                if (any) {
                    parts[part++] = value;
                }
                value = 0;
                any = false;
                if (c != '.') {
                    break;
                }
            }
        }
        if (any && part < 2) {
            parts[part] = value;
        }
        return parts;
    }

    private static String url(Connection connection) {
        try {
            return ConnectionSettings.redact(connection.getMetaData().getURL());
        } catch (SQLException | RuntimeException e) {
            return "(unknown URL)";
        }
    }
}
