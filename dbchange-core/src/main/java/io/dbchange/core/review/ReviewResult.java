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
 * @param scripts the scripts reviewed, in order, with the statements each holds: one unnamed script for {@link
 *     SqlReview#review(String)}, one per file for {@link SqlReview#reviewFiles}
 */
public record ReviewResult(
        List<Finding> findings, List<ParsedStatement> statements, List<Notice> notices, List<Script> scripts) {

    public ReviewResult {
        findings = List.copyOf(findings);
        statements = List.copyOf(statements);
        notices = List.copyOf(notices);
        scripts = List.copyOf(scripts);
    }

    /** A result of one unnamed script without notices. */
    public ReviewResult(List<Finding> findings, List<ParsedStatement> statements) {
        this(findings, statements, List.of(), List.of(new Script("", 0, statements.size())));
    }

    /**
     * One script of a review.
     *
     * @param name the file it came from as given, or {@code ""} for a script given as text
     * @param firstStatement the index of its first statement among the review's statements
     * @param statementCount how many statements it holds
     */
    public record Script(String name, int firstStatement, int statementCount) {

        public Script {
            java.util.Objects.requireNonNull(name, "'name' must not be null");
        }
    }

    /**
     * The name of the file a finding belongs to, for findings of a multi-file review: the script holding its
     * statement. Empty for a finding about no statement, and for a script given as text. (A split problem, which
     * belongs to no statement, names its file in its message.)
     */
    public Optional<String> scriptOf(Finding finding) {
        if (finding.statementIndex().isEmpty()) {
            return Optional.empty();
        }
        int index = finding.statementIndex().getAsInt();
        return scripts.stream()
                .filter(s -> index >= s.firstStatement() && index < s.firstStatement() + s.statementCount())
                .map(Script::name)
                .filter(name -> !name.isEmpty())
                .findFirst();
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
