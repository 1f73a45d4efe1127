package io.dbchange.core.review.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbchange.api.sql.Dialect;
import io.dbchange.core.review.LiveDatabase;
import io.dbchange.core.review.statement.ObjectName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link LiveDatabase} over one JDBC connection. Hazard: on PostgreSQL a failed statement aborts the surrounding
 * transaction, so when the connection is not in auto-commit every call runs inside a savepoint that is rolled back,
 * leaving the caller's transaction as it was.
 */
public final class JdbcLiveDatabase implements LiveDatabase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;
    private final Dialect dialect;

    public JdbcLiveDatabase(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    @Override
    public long explainRows(String sql) throws SQLException {
        return guarded(() -> dialect == Dialect.POSTGRESQL ? explainPostgres(sql) : explainMySql(sql));
    }

    private long explainPostgres(String sql) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("EXPLAIN (FORMAT JSON) " + sql)) {
            rs.next();
            JsonNode plan;
            try {
                plan = JSON.readTree(rs.getString(1)).path(0).path("Plan");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SQLException("EXPLAIN returned a plan that is not JSON: " + e.getOriginalMessage(), e);
            }
            // UPDATE and DELETE plan as ModifyTable (estimated 0 rows since PostgreSQL 13) over the scan that
            // finds the rows to change: the scan's estimate is the rows affected
            if (plan.path("Node Type").asText().equals("ModifyTable")
                    && plan.path("Plans").isArray()
                    && !plan.path("Plans").isEmpty()) {
                plan = plan.path("Plans").path(0);
            }
            return plan.path("Plan Rows").asLong();
        }
    }

    private long explainMySql(String sql) throws SQLException {
        long rows = 0;
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                // one line per table read; the statement's own table comes first, joined tables multiply
                // the work but not the rows changed, so the first line is the estimate
                if (rs.getRow() == 1) {
                    rows = rs.getLong("rows");
                }
            }
        }
        return rows;
    }

    @Override
    public OptionalLong tableRows(ObjectName table) throws SQLException {
        return guarded(() -> dialect == Dialect.POSTGRESQL ? tableRowsPostgres(table) : tableRowsMySql(table));
    }

    @Override
    public Optional<Ownership> owner(ObjectName object) throws SQLException {
        if (dialect != Dialect.POSTGRESQL) {
            return Optional.empty();
        }
        return guarded(() -> {
            try (PreparedStatement ps =
                    connection.prepareStatement("SELECT pg_get_userbyid(c.relowner), current_user::text,"
                            + " pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c"
                            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = ?"
                            + " AND n.nspname = coalesce(?, current_schema())")) {
                ps.setString(1, object.name());
                ps.setString(2, object.schema().orElse(null));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Ownership(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
                            : Optional.empty();
                }
            }
        });
    }

    private OptionalLong tableRowsMySql(ObjectName table) throws SQLException {
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_NAME = ?"
                        + " AND TABLE_SCHEMA = coalesce(?, DATABASE())")) {
            ps.setString(1, table.name());
            ps.setString(2, table.schema().orElse(null));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /**
     * {@code pg_class.reltuples}; it is -1 for a table never vacuumed or analyzed (PostgreSQL 14 and later), and then
     * the planner's estimate of a full scan of the table is used instead: the table's current size in pages times
     * the rows that fit in a page, which is what the planner assumes too. Nothing is counted.
     */
    private OptionalLong tableRowsPostgres(ObjectName table) throws SQLException {
        String qualified;
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT c.reltuples::bigint, quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = ?"
                        + " AND n.nspname = coalesce(?, current_schema()) AND c.relkind IN ('r', 'p')")) {
            ps.setString(1, table.name());
            ps.setString(2, table.schema().orElse(null));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return OptionalLong.empty();
                }
                long reltuples = rs.getLong(1);
                if (reltuples >= 0) {
                    return OptionalLong.of(reltuples);
                }
                qualified = rs.getString(2);
            }
        }
        return OptionalLong.of(explainPostgres("SELECT 1 FROM " + qualified));
    }

    private interface Call<T> {
        T run() throws SQLException;
    }

    private <T> T guarded(Call<T> call) throws SQLException {
        if (connection.getAutoCommit()) {
            return call.run();
        }
        Savepoint savepoint = connection.setSavepoint();
        try {
            return call.run();
        } finally {
            connection.rollback(savepoint);
        }
    }
}
