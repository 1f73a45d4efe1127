package io.dbchange.api.engine;

/** What became of one statement of a script. */
public enum StatementOutcome {
    /** It ran and its effect is committed (or, for a still-open transaction, will be with the script's commit). */
    SUCCEEDED,
    /** It ran, but its transaction was rolled back afterwards, so it has no effect. */
    ROLLED_BACK,
    /** It failed; the error says why. It has no effect. */
    FAILED,
    /** It did not run because an earlier statement failed. */
    NOT_RUN
}
