package io.dbchange.mysql.rollback.internal;

import io.dbchange.api.engine.Product;
import io.dbchange.mysql.internal.MySqlGrants;
import io.dbchange.mysql.rollback.PrerequisiteProblem;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The prerequisites of binlog rollback, read from the server in three queries (global variables, session variables,
 * {@code SHOW GRANTS}) and judged by a pure function, so each rule is testable on its own.
 */
public final class Prerequisites {

    private static final String VARIABLES = "('version', 'log_bin', 'binlog_format', 'binlog_row_image',"
            + " 'binlog_row_value_options', 'binlog_transaction_compression', 'log_bin_compress',"
            + " 'binlog_expire_logs_seconds', 'expire_logs_days')";

    private Prerequisites() {}

    /** Reads the server's settings and the user's privileges, and judges them. */
    public static List<PrerequisiteProblem> check(Connection connection, Duration minimumRetention)
            throws SQLException {
        Map<String, String> global = variables(connection, "GLOBAL");
        Map<String, String> session = variables(connection, "SESSION");
        List<String> grants = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rows = s.executeQuery("SHOW GRANTS")) {
            while (rows.next()) {
                grants.add(rows.getString(1));
            }
        }
        Product product =
                global.getOrDefault("version", "").toLowerCase(Locale.ROOT).contains("mariadb")
                        ? Product.MARIADB
                        : Product.MYSQL;
        return evaluate(global, session, MySqlGrants.globalPrivileges(grants, product), minimumRetention);
    }

    private static Map<String, String> variables(Connection connection, String scope) throws SQLException {
        Map<String, String> values = new TreeMap<>();
        try (Statement s = connection.createStatement();
                ResultSet rows = s.executeQuery("SHOW " + scope + " VARIABLES WHERE Variable_name IN " + VARIABLES)) {
            while (rows.next()) {
                values.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2));
            }
        }
        return values;
    }

    /**
     * Judges settings and privileges.
     *
     * @param global global variables by lower-case name (absent when the server has no such variable)
     * @param session session variables of the connection that will run the change
     * @param privileges the user's global privileges, upper case
     * @param minimumRetention how long binary logs must at least be kept ({@code Duration.ZERO}: no minimum)
     */
    public static List<PrerequisiteProblem> evaluate(
            Map<String, String> global,
            Map<String, String> session,
            Set<String> privileges,
            Duration minimumRetention) {
        List<PrerequisiteProblem> problems = new ArrayList<>();
        String logBin = global.getOrDefault("log_bin", "OFF");
        if (!logBin.equalsIgnoreCase("ON") && !logBin.equals("1")) {
            problems.add(new PrerequisiteProblem(
                    "log_bin",
                    logBin,
                    "ON",
                    "start the server with log-bin (and a server-id); the binary log cannot be turned on at run"
                            + " time"));
        }
        expect(
                problems,
                global,
                "binlog_format",
                "ROW",
                "global",
                "SET GLOBAL binlog_format = 'ROW' and in the"
                        + " server's configuration, so that new sessions log rows");
        expect(
                problems,
                session,
                "binlog_format",
                "ROW",
                "session",
                "SET SESSION binlog_format = 'ROW' on the" + " connection that runs the change");
        expect(
                problems,
                global,
                "binlog_row_image",
                "FULL",
                "global",
                "SET GLOBAL binlog_row_image = 'FULL' and in" + " the server's configuration");
        expect(
                problems,
                session,
                "binlog_row_image",
                "FULL",
                "session",
                "SET SESSION binlog_row_image = 'FULL' on" + " the connection that runs the change");
        for (Map<String, String> scope : List.of(global, session)) {
            String options = scope.get("binlog_row_value_options");
            if (options != null && options.toUpperCase(Locale.ROOT).contains("PARTIAL_JSON")) {
                problems.add(new PrerequisiteProblem(
                        "binlog_row_value_options." + (scope == global ? "global" : "session"),
                        options,
                        "''",
                        "SET " + (scope == global ? "GLOBAL" : "SESSION") + " binlog_row_value_options = ''; partial"
                                + " JSON updates log only the changed parts of a document"));
            }
        }
        String compression = global.get("binlog_transaction_compression");
        if (compression != null && compression.equalsIgnoreCase("ON")) {
            problems.add(new PrerequisiteProblem(
                    "binlog_transaction_compression",
                    compression,
                    "OFF",
                    "SET GLOBAL binlog_transaction_compression = OFF; compressed transaction payloads are not"
                            + " inverted"));
        }
        String mariaCompression = global.get("log_bin_compress");
        if (mariaCompression != null && mariaCompression.equalsIgnoreCase("ON")) {
            problems.add(new PrerequisiteProblem(
                    "log_bin_compress",
                    mariaCompression,
                    "OFF",
                    "SET GLOBAL log_bin_compress = OFF; compressed row events are not inverted"));
        }
        if (!privileges.contains("REPLICATION SLAVE") && !privileges.contains("SUPER")) {
            problems.add(new PrerequisiteProblem(
                    "privilege.replication_slave",
                    "missing",
                    "REPLICATION SLAVE",
                    "GRANT REPLICATION SLAVE ON *.* TO the user; reading the binary log uses the replication"
                            + " protocol"));
        }
        if (!privileges.contains("REPLICATION CLIENT")
                && !privileges.contains("BINLOG MONITOR")
                && !privileges.contains("SUPER")) {
            problems.add(new PrerequisiteProblem(
                    "privilege.replication_client",
                    "missing",
                    "REPLICATION CLIENT (MariaDB: BINLOG MONITOR)",
                    "GRANT REPLICATION CLIENT ON *.* TO the user (MariaDB: BINLOG MONITOR); capture reads the"
                            + " binary log position"));
        }
        Duration retention = retention(global);
        if (!retention.isZero() && retention.compareTo(minimumRetention) < 0) {
            problems.add(new PrerequisiteProblem(
                    "binlog_retention",
                    retention.toString(),
                    "at least " + minimumRetention,
                    "SET GLOBAL binlog_expire_logs_seconds = " + minimumRetention.toSeconds()
                            + " (or more); a rollback can only be generated while the change's binary log exists"));
        }
        return List.copyOf(problems);
    }

    /** How long binary logs are kept; zero means forever (no automatic purge). */
    static Duration retention(Map<String, String> global) {
        long seconds = parse(global.get("binlog_expire_logs_seconds"));
        if (seconds > 0) {
            return Duration.ofSeconds(seconds);
        }
        String days = global.get("expire_logs_days");
        if (days != null && !days.isBlank()) {
            double value = Double.parseDouble(days.strip());
            return Duration.ofSeconds(Math.round(value * 86400));
        }
        return Duration.ZERO;
    }

    private static long parse(String value) {
        return value == null || value.isBlank() ? 0 : Long.parseLong(value.strip());
    }

    private static void expect(
            List<PrerequisiteProblem> problems,
            Map<String, String> scope,
            String name,
            String expected,
            String scopeName,
            String fix) {
        String value = scope.getOrDefault(name, "(absent)");
        if (!value.equalsIgnoreCase(expected)) {
            problems.add(new PrerequisiteProblem(name + "." + scopeName, value, expected, fix));
        }
    }
}
