package io.dbchange.examples.tutorial;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.ErrorCode;
import java.util.Objects;

/**
 * The tutorial's self-check: each story states what it expects, and a difference stops the step with both sides in
 * the message. Plain Java on purpose, so that the demo needs no test library at run time.
 */
final class Expect {

    private Expect() {}

    /** A step did not produce what the story promises. */
    static final class Mismatch extends RuntimeException {
        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code actual} equals {@code expected}, else a {@link Mismatch} naming {@code what}. */
    static <T> T equal(String what, Object expected, T actual) {
        if (!Objects.equals(expected, actual)) {
            throw new Mismatch(what + ": expected " + expected + " but saw " + actual);
        }
        return actual;
    }

    /** {@code condition} holds, else a {@link Mismatch} saying what was expected and what was seen. */
    static void that(boolean condition, String expected, Object seen) {
        if (!condition) {
            throw new Mismatch("expected " + expected + " but saw " + seen);
        }
    }

    /** {@code text} contains {@code part}. */
    static String contains(String what, String part, String text) {
        if (text == null || !text.contains(part)) {
            throw new Mismatch(what + ": expected it to contain \"" + part + "\" but saw \"" + text + "\"");
        }
        return text;
    }

    /** An action that should be refused. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    /**
     * {@code action} is refused with {@code code} and a message containing {@code part}; returns the message (what a
     * person would be shown).
     */
    static String refused(String what, ErrorCode code, String part, Action action) throws Exception {
        try {
            action.run();
        } catch (DbChangeException e) {
            equal(what + ": error code", code, e.code());
            return contains(what + ": message", part, e.getMessage());
        }
        throw new Mismatch(what + ": expected it to be refused with " + code + " but it was accepted");
    }
}
