package io.dbchange.mysql.rollback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Full contents of a table, exact: every column's bytes as the server prints them in UTC (temporal values, labels,
 * decimals, BIT bytes, strings), FLOAT/DOUBLE as their bits through the binary protocol; rows sorted, so two
 * snapshots are equal exactly when the tables hold the same multiset of rows. AUTO_INCREMENT counters are not
 * compared.
 */
final class TableContents {

    private TableContents() {}

    static List<String> read(String jdbcUrl, String user, String password, String table) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("useServerPrepStmts", "true");
        try (Connection c = java.sql.DriverManager.getConnection(jdbcUrl, props)) {
            return read(c, table);
        }
    }

    /** The SELECT of a table's contents, by connection and table: the catalog query costs more than the rows. */
    private static final Map<String, String> SELECTS = new ConcurrentHashMap<>();

    static List<String> read(Connection c, String table) throws SQLException {
        String key = System.identityHashCode(c) + "/" + c.getCatalog() + "/" + table;
        String cached = SELECTS.get(key);
        String select = cached != null ? cached : select(c, table);
        SELECTS.putIfAbsent(key, select);
        return rows(c, select);
    }

    private static String select(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<Boolean> floating = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                    String type = rs.getString(2).toLowerCase(Locale.ROOT);
                    floating.add(type.equals("float") || type.equals("double"));
                }
            }
        }
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            String q = "`" + columns.get(i).replace("`", "``") + "`";
            select.append(i == 0 ? "" : ", ").append(floating.get(i) ? q : "HEX(CAST(" + q + " AS BINARY))");
        }
        select.append(" FROM `").append(table.replace("`", "``")).append('`');
        return select.toString();
    }

    private static List<String> rows(Connection c, String select) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION time_zone = '+00:00'");
        }
        List<String> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(select);
                ResultSet rs = s.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 0; i < columns; i++) {
                    Object value = rs.getObject(i + 1);
                    if (value instanceof Double d) {
                        value = "d" + Long.toHexString(Double.doubleToRawLongBits(d));
                    } else if (value instanceof Float f) {
                        value = "f" + Integer.toHexString(Float.floatToRawIntBits(f));
                    } else if (value instanceof byte[] b) {
                        value = HexFormat.of().formatHex(b);
                    }
                    row.append(i == 0 ? "" : "|").append(value);
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        return rows;
    }
}
