package io.dbchange.api.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The result of executing a script: one {@link StatementResult} per statement, in order, so a caller knows exactly
 * which statements took effect.
 *
 * @param statements per-statement results, one for every statement given, in script order
 * @param duration wall time of the whole execution
 */
public record ScriptResult(List<StatementResult> statements, Duration duration) {

    public ScriptResult {
        statements = List.copyOf(statements);
    }

    /** Whether every statement succeeded. */
    public boolean succeeded() {
        return statements.stream().allMatch(s -> s.outcome() == StatementOutcome.SUCCEEDED);
    }

    /** The first failed statement, if any. */
    public Optional<StatementResult> failure() {
        return statements.stream()
                .filter(s -> s.outcome() == StatementOutcome.FAILED)
                .findFirst();
    }

    /** The statements whose effect is in the database. */
    public List<StatementResult> tookEffect() {
        return statements.stream().filter(StatementResult::tookEffect).toList();
    }
}
