package io.dbchange.api;

/** Error codes raised by the API and core modules. Engine modules add their own {@link ErrorCode} enums. */
public enum CoreErrorCode implements ErrorCode {
    /** An argument or configuration value is invalid; the message names it and the accepted values. */
    INVALID_ARGUMENT(false),
    /** No {@code DatabaseEngine} on the class path accepts the given JDBC URL or engine name. */
    UNKNOWN_ENGINE(false),
    /** A connection to a database server could not be opened or was lost. */
    CONNECTION_FAILED(true),
    /** Probing a server's product, version or settings failed. */
    PROBE_FAILED(true),
    /** A script could not be split into statements (for example an unterminated string or comment). */
    SCRIPT_INVALID(false),
    /** A statement failed while a script ran; the result says which statements took effect. */
    STATEMENT_FAILED(false),
    /** A server setting or privilege that the requested operation needs is missing. */
    PREREQUISITE_FAILED(false),
    /** An embedded or external test server could not be started or reached. */
    TEST_SERVER_UNAVAILABLE(false),
    /**
     * A change request or a task was asked to move to a state its lifecycle does not allow from its current
     * state (for example a {@code DONE} task to {@code RUNNING}); the message names the object, both states and the
     * states it may move to.
     */
    ILLEGAL_STATE_TRANSITION(false),
    /**
     * A database's schema could not be read from its catalog (a lost connection, a missing privilege on the
     * catalog); the message names the database and the query that failed.
     */
    SCHEMA_READ_FAILED(true);

    private final boolean retryable;

    CoreErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
