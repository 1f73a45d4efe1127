package io.dbchange.api;

import java.util.Objects;

/**
 * The one unchecked root of every exception dbchange throws. Each carries a stable {@link #code()}; the message
 * names the object concerned and, where there is one, the fix.
 *
 * <p>Review findings and drift are values that a caller collects, never exceptions.
 */
public class DbChangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorCode code;

    public DbChangeException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public DbChangeException(ErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(code, "'code' must not be null").name() + ": " + message, cause);
        this.code = code;
    }

    /** The stable code of this error, never {@code null}. */
    public ErrorCode code() {
        return code;
    }

    /** Whether repeating the same call unchanged may succeed; a property of the {@link #code()}. */
    public boolean retryable() {
        return code.retryable();
    }
}
