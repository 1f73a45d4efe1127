package io.dbchange.api.engine;

import java.util.Objects;

/**
 * An error or warning reported by the server for one statement.
 *
 * @param sqlState the SQLSTATE, or {@code ""} when the server gave none
 * @param vendorCode the server's own error number (MySQL error code; 0 for PostgreSQL)
 * @param message the server's message
 */
public record SqlProblem(String sqlState, int vendorCode, String message) {

    public SqlProblem {
        sqlState = sqlState == null ? "" : sqlState;
        Objects.requireNonNull(message, "'message' must not be null");
    }

    @Override
    public String toString() {
        return (sqlState.isEmpty() ? "" : "[" + sqlState + "] ") + (vendorCode != 0 ? vendorCode + " " : "") + message;
    }
}
