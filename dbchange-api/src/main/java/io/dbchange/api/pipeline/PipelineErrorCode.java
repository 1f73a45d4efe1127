package io.dbchange.api.pipeline;

import io.dbchange.api.ErrorCode;

/** Error codes of change requests, rollouts and history. */
public enum PipelineErrorCode implements ErrorCode {
    /** A request, task or database named by the caller does not exist. */
    NOT_FOUND(false),
    /** The principal lacks every role permitted for the action. */
    PERMISSION_DENIED(false),
    /** The action does not apply in the object's current state (e.g. retry of a DONE task). */
    ILLEGAL_ACTION(false),
    /** A target selector matched no database, or named one the project does not have. */
    NO_TARGETS(false),
    /** Another node changed the object first; read it again and decide anew. */
    CONCURRENT_MODIFICATION(true),
    /** The version is already DONE on the database; it is not applied again. */
    MIGRATION_ALREADY_APPLIED(false),
    /** The version FAILED on the database before; it runs again only on an explicit retry. */
    MIGRATION_FAILED_BEFORE(false),
    /** The version has a PENDING record on the database: running elsewhere, or a crash left it; a person decides. */
    MIGRATION_PENDING(false);

    private final boolean retryable;

    PipelineErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
