package io.dbchange.mysql.rollback;

import java.util.Objects;

/**
 * One inverse statement of a rollback that did not find its row as the change left it.
 *
 * @param statementNumber the statement's 1-based number in the rollback script (session settings not counted)
 * @param statement the statement, cut to at most 500 characters; it names the table and the row's values
 * @param reason why it conflicts, e.g. {@code matched 0 rows: the row no longer holds the values the change wrote}
 */
public record RollbackConflict(long statementNumber, String statement, String reason) {

    public RollbackConflict {
        Objects.requireNonNull(statement, "'statement' must not be null");
        Objects.requireNonNull(reason, "'reason' must not be null");
    }

    @Override
    public String toString() {
        return "#" + statementNumber + " " + reason + ": " + statement;
    }
}
