package io.dbchange.api;

/**
 * A stable, machine-readable code carried by every {@link DbChangeException}. Core codes are the
 * {@link CoreErrorCode} enum; engine modules add enums of their own.
 *
 * <p>Codes are part of the API: hosts branch on them, so a code's name never changes once released.
 */
public interface ErrorCode {

    /** The stable name of the code, e.g. {@code REVIEW_BLOCKED}. */
    String name();

    /**
     * Whether repeating the same call unchanged can succeed (a lost connection can; a syntax error cannot).
     * Whether it is safe to repeat is a separate question that the caller's state machine answers.
     */
    boolean retryable();
}
