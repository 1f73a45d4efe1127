package io.dbchange.api.review;

import io.dbchange.api.internal.Checks;
import io.dbchange.api.sql.SourcePosition;
import io.dbchange.api.sql.SqlStatement;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One result of SQL review: which rule found what, and where. A finding about one statement carries the statement's
 * index and position; a finding about the script as a whole (e.g. "too many statements in one transaction") carries
 * neither; a finding about a place that is not in a statement (e.g. an unterminated comment) may carry only a
 * position.
 *
 * <pre>{@code
 * Finding.at("table.require-pk", Level.ERROR, "table 'orders' has no primary key; add one", statement)
 * }</pre>
 *
 * @param ruleId the stable id of the rule, dot-separated lower-case segments of letters, digits and {@code '-'}
 *     (e.g. {@code table.require-pk}, {@code statement.where.require-update-delete})
 * @param level how serious it is
 * @param message what is wrong and how to fix it, for a person; not blank
 * @param statementIndex the zero-based index of the statement in its script ({@link SqlStatement#index()}), if the
 *     finding is about one statement
 * @param position where in the script it applies, if known
 */
public record Finding(
        String ruleId, Level level, String message, OptionalInt statementIndex, Optional<SourcePosition> position) {

    /** The regular expression of a rule id. */
    public static final String RULE_ID_REGEX = "[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*";

    private static final Pattern RULE_ID = Pattern.compile(RULE_ID_REGEX);

    public Finding {
        Checks.notNull("ruleId", ruleId);
        if (ruleId.length() > 128 || !RULE_ID.matcher(ruleId).matches()) {
            throw new IllegalArgumentException("'ruleId' must be dot-separated lower-case segments of letters, digits"
                    + " and '-' such as 'table.require-pk', at most 128 characters, but was '" + ruleId + "'");
        }
        Checks.notNull("level", level);
        Checks.notBlank("message", message);
        Checks.notNegative("statementIndex", statementIndex);
        Checks.notNull("position", position);
    }

    /** A finding about one statement, at its start. */
    public static Finding at(String ruleId, Level level, String message, SqlStatement statement) {
        Checks.notNull("statement", statement);
        return new Finding(ruleId, level, message, OptionalInt.of(statement.index()), Optional.of(statement.start()));
    }

    /** A finding about one statement, at a position inside it (e.g. the offending column definition). */
    public static Finding at(
            String ruleId, Level level, String message, SqlStatement statement, SourcePosition position) {
        Checks.notNull("statement", statement);
        return new Finding(
                ruleId,
                level,
                message,
                OptionalInt.of(statement.index()),
                Optional.of(Checks.notNull("position", position)));
    }

    /** A finding about the script as a whole. */
    public static Finding ofScript(String ruleId, Level level, String message) {
        return new Finding(ruleId, level, message, OptionalInt.empty(), Optional.empty());
    }

    /** For logs: {@code ERROR table.require-pk at 3:1 (statement #2): message}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(level).append(' ').append(ruleId);
        position.ifPresent(p -> text.append(" at ").append(p));
        statementIndex.ifPresent(i -> text.append(" (statement #").append(i + 1).append(')'));
        return text.append(": ").append(message).toString();
    }
}
