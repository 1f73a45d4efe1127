package io.dbchange.core.review;

import io.dbchange.api.review.Finding;
import io.dbchange.api.review.Level;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one review: the findings in script order and the statements as the rules saw them.
 *
 * @param findings every finding, ordered by position (script-level findings last)
 * @param statements the parsed statements, in script order
 * @param notices what review could not check (e.g. rules that need a connection), one per rule and message
 */
public record ReviewResult(List<Finding> findings, List<ParsedStatement> statements, List<Notice> notices) {

    public ReviewResult {
        findings = List.copyOf(findings);
        statements = List.copyOf(statements);
        notices = List.copyOf(notices);
    }

    /** A result without notices. */
    public ReviewResult(List<Finding> findings, List<ParsedStatement> statements) {
        this(findings, statements, List.of());
    }

    /** The most severe level among the findings, empty when there are none. */
    public Optional<Level> maxLevel() {
        return findings.stream().map(Finding::level).reduce(Level::max);
    }

    /** Whether any finding is an ERROR (the change is blocked unless overridden). */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.level() == Level.ERROR);
    }

    /** The findings of rule {@code ruleId}. */
    public List<Finding> findings(String ruleId) {
        return findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }
}
