package io.dbchange.core.review;

import io.dbchange.api.review.Finding;
import io.dbchange.api.review.Level;
import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SourcePosition;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Objects;

/**
 * What a rule sees when it checks one statement.
 *
 * @param ruleId the id the finding must carry
 * @param level the level the policy gave the rule
 * @param payload the rule's validated payload
 * @param dialect the script's dialect
 * @param statement the statement under review
 * @param previous the statements before it in the script, in order
 * @param catalog the schema before the statement (base snapshot plus earlier DDL)
 */
public record RuleContext(
        String ruleId,
        Level level,
        RulePayload payload,
        Dialect dialect,
        ParsedStatement statement,
        List<ParsedStatement> previous,
        Catalog catalog) {

    public RuleContext {
        Objects.requireNonNull(ruleId, "'ruleId' must not be null");
        Objects.requireNonNull(level, "'level' must not be null");
        Objects.requireNonNull(payload, "'payload' must not be null");
        Objects.requireNonNull(dialect, "'dialect' must not be null");
        Objects.requireNonNull(statement, "'statement' must not be null");
        previous = List.copyOf(previous);
        Objects.requireNonNull(catalog, "'catalog' must not be null");
    }

    /** A finding of this rule at the statement's start. */
    public Finding finding(String message) {
        return Finding.at(ruleId, level, message, statement.statement());
    }

    /** A finding of this rule at {@code position} (the offending clause) inside the statement. */
    public Finding finding(String message, SourcePosition position) {
        return Finding.at(ruleId, level, message, statement.statement(), position);
    }
}
