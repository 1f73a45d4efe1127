package io.dbchange.core.review;

import io.dbchange.api.review.Finding;
import io.dbchange.api.review.Level;
import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SourcePosition;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a rule sees when it checks one statement.
 *
 * @param ruleId the id the finding must carry
 * @param level the level the policy gave the rule
 * @param payload the rule's validated payload
 * @param dialect the script's dialect
 * @param statement the statement under review
 * @param previous the statements before it in the script, in order
 * @param following the statements after it in the script, in order (e.g. a primary key added by a later
 *     {@code ALTER TABLE})
 * @param catalog the schema before the statement (base snapshot plus earlier DDL)
 * @param database the live target database, when review was given a connection ({@link SqlReview#withConnection})
 * @param notices where {@link #notice} sends what the rule could not check
 */
public record RuleContext(
        String ruleId,
        Level level,
        RulePayload payload,
        Dialect dialect,
        ParsedStatement statement,
        List<ParsedStatement> previous,
        List<ParsedStatement> following,
        Catalog catalog,
        Optional<LiveDatabase> database,
        Consumer<Notice> notices) {

    public RuleContext {
        Objects.requireNonNull(ruleId, "'ruleId' must not be null");
        Objects.requireNonNull(level, "'level' must not be null");
        Objects.requireNonNull(payload, "'payload' must not be null");
        Objects.requireNonNull(dialect, "'dialect' must not be null");
        Objects.requireNonNull(statement, "'statement' must not be null");
        // read-only views of the engine's statement list, not copies: copying per rule and statement would make a
        // review quadratic in the script length
        previous = Collections.unmodifiableList(Objects.requireNonNull(previous, "'previous' must not be null"));
        following = Collections.unmodifiableList(Objects.requireNonNull(following, "'following' must not be null"));
        Objects.requireNonNull(catalog, "'catalog' must not be null");
        Objects.requireNonNull(database, "'database' must not be null");
        Objects.requireNonNull(notices, "'notices' must not be null");
    }

    /**
     * Reports that this rule could not check the statement, e.g. {@code "not checked: no connection; ..."}. Review
     * keeps one notice per rule and message.
     */
    public void notice(String message) {
        notices.accept(new Notice(ruleId, message));
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
