package io.dbchange.postgres.rollback;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: full table contents as exact row texts, sorted, and running plain SQL. */
final class Tables {

    private Tables() {}

    /** Inside an open transaction, reads within it (and leaves it open); otherwise in a transaction of its own. */
    static List<String> contents(Connection c, String table) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT set_config('DateStyle', 'ISO, MDY', true), set_config('IntervalStyle', 'postgres', true),"
                    + " set_config('TimeZone', 'UTC', true), set_config('extra_float_digits', '3', true),"
                    + " set_config('bytea_output', 'hex', true)");
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t ORDER BY t::text COLLATE \"C\"")) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        } finally {
            if (auto) {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    static void sql(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
