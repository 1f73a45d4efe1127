package io.dbchange.core.approval;

import io.dbchange.api.approval.Risk;
import io.dbchange.api.internal.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why a task got its risk: rule {@code ruleId} matched a statement of task {@code taskId}. Each rule is recorded once
 * per task, with the first statement it matched and how many it matched in all.
 *
 * @param ruleId the risk rule
 * @param level the level it gives
 * @param taskId the task
 * @param statementIndex the zero-based index of the first matching statement in the task; -1 for a task without
 *     statements
 * @param statement the first words of that statement (at most 60 characters), {@code ""} for none
 * @param variables the variables the rule saw for that statement, as text, sorted by name (copied, immutable)
 * @param matchingStatements how many of the task's statements the rule matched, at least 1
 */
public record RiskMatch(
        String ruleId,
        Risk level,
        String taskId,
        int statementIndex,
        String statement,
        Map<String, String> variables,
        int matchingStatements) {

    public RiskMatch {
        Checks.notBlank("ruleId", ruleId);
        Checks.notNull("level", level);
        Checks.notBlank("taskId", taskId);
        Checks.notNull("statement", statement);
        // sorted, so that equal matches write equal JSON
        variables = Collections.unmodifiableMap(new TreeMap<>(Checks.notNull("variables", variables)));
        Checks.positive("matchingStatements", matchingStatements);
    }
}
