package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;

/**
 * A stored function or procedure. PostgreSQL overloads names, so a routine is identified by kind, name and
 * signature.
 *
 * @param kind function or procedure
 * @param name the routine's name, not empty
 * @param signature its parameter list and, for a function, return type, as normalized text (e.g.
 *     {@code (integer, text) RETURNS integer}); {@code "()"} at least
 * @param definition its full definition as the server reports it, normalized by the reader; not blank
 */
public record Routine(Kind kind, String name, String signature, String definition) {

    public Routine {
        Checks.notNull("kind", kind);
        Checks.notEmpty("name", name);
        Checks.notBlank("signature", signature);
        Checks.notBlank("definition", definition);
    }

    /** Whether a routine returns a value. */
    public enum Kind {
        /** Returns a value; usable in expressions. */
        FUNCTION,
        /** Invoked with {@code CALL}. */
        PROCEDURE
    }
}
