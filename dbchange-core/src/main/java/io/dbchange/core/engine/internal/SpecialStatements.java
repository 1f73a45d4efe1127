package io.dbchange.core.engine.internal;

import io.dbchange.api.sql.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * The statements an engine runs through a driver API rather than as plain SQL text, such as PostgreSQL's
 * {@code COPY ... FROM STDIN} with inline data, which pgJDBC streams through its copy API. One method; implemented
 * by engine modules and given to {@link JdbcScriptExecutor}.
 */
@FunctionalInterface
public interface SpecialStatements {

    /** For engines whose every statement runs as plain SQL text. */
    SpecialStatements NONE = (connection, statement) -> OptionalLong.empty();

    /**
     * Runs the statement if this engine handles it specially.
     *
     * @return the rows it affected, or empty when the statement is not special and must run as plain SQL
     * @throws SQLException when it ran and failed; the executor reports that like any statement error
     */
    OptionalLong execute(Connection connection, SqlStatement statement) throws SQLException;
}
