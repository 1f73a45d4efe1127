package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;
import java.util.List;

/**
 * A trigger on a table (or, {@code INSTEAD OF}, on a view).
 *
 * @param name the trigger's name, not empty
 * @param table the name of its table or view in the same schema, not empty
 * @param timing when it fires relative to the operation
 * @param operations the operations it fires on; at least one, each once (MySQL/MariaDB: exactly one) (copied,
 *     immutable)
 * @param definition its full definition as the server reports it, normalized by the reader; not blank
 */
public record Trigger(String name, String table, Timing timing, List<Operation> operations, String definition) {

    public Trigger {
        Checks.notEmpty("name", name);
        Checks.notEmpty("table", table);
        Checks.notNull("timing", timing);
        operations = Checks.copyNotEmpty("operations", operations);
        Checks.distinct("operations", "operation", operations, o -> o);
        Checks.notBlank("definition", definition);
    }

    /** When a trigger fires. */
    public enum Timing {
        /** Before the row or statement is changed. */
        BEFORE,
        /** After it is changed. */
        AFTER,
        /** Instead of the change (PostgreSQL, on views). */
        INSTEAD_OF
    }

    /** An operation a trigger fires on. */
    public enum Operation {
        /** {@code INSERT}. */
        INSERT,
        /** {@code UPDATE}. */
        UPDATE,
        /** {@code DELETE}. */
        DELETE,
        /** {@code TRUNCATE} (PostgreSQL). */
        TRUNCATE
    }
}
