package io.dbchange.api.engine;

import io.dbchange.api.sql.SqlStatement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one statement of a script.
 *
 * @param statement the statement, with its text and position
 * @param outcome what became of it
 * @param duration how long it ran ({@link Duration#ZERO} if it did not run)
 * @param updateCount rows the server reported as affected (summed over all the statement's results; {@code 0} for
 *     statements that change no rows, which includes DDL on MySQL and PostgreSQL), or {@code -1} when the
 *     statement returned only result sets (queries) or did not run
 * @param warnings warnings the server raised for it, in order
 * @param error the error, present exactly when {@code outcome} is {@link StatementOutcome#FAILED}
 */
public record StatementResult(
        SqlStatement statement,
        StatementOutcome outcome,
        Duration duration,
        long updateCount,
        List<SqlProblem> warnings,
        Optional<SqlProblem> error) {

    public StatementResult {
        Objects.requireNonNull(statement, "'statement' must not be null");
        Objects.requireNonNull(outcome, "'outcome' must not be null");
        Objects.requireNonNull(duration, "'duration' must not be null");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(error, "'error' must not be null");
        if (error.isPresent() != (outcome == StatementOutcome.FAILED)) {
            throw new IllegalArgumentException("an error is present exactly for a FAILED statement, but outcome was "
                    + outcome + " and error " + error);
        }
    }

    /** A statement that did not run. */
    public static StatementResult notRun(SqlStatement statement) {
        return new StatementResult(statement, StatementOutcome.NOT_RUN, Duration.ZERO, -1, List.of(), Optional.empty());
    }

    /** The same result with another outcome (used when a transaction is rolled back after the statement ran). */
    public StatementResult withOutcome(StatementOutcome newOutcome) {
        return new StatementResult(statement, newOutcome, duration, updateCount, warnings, error);
    }

    /** Whether the statement's effect is in the database after the script. */
    public boolean tookEffect() {
        return outcome == StatementOutcome.SUCCEEDED;
    }
}
