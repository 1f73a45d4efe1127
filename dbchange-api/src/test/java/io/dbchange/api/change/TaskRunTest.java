package io.dbchange.api.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.engine.StatementResult;
import io.dbchange.api.sql.SqlStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskRunTest {

    static final Instant START = Instant.parse("2025-01-01T10:00:00Z");

    static TaskRun run(TaskRunStatus status, Optional<Instant> endedAt, List<StatementResult> results) {
        return new TaskRun("run-1", "7", 1, START, endedAt, status, results, "node-a", Optional.empty());
    }

    @Test
    void aStartedRunIsRunningWithoutResults() {
        TaskRun run = TaskRun.started("run-1", "7", 2, START, "node-a");

        assertThat(run.status()).isEqualTo(TaskRunStatus.RUNNING);
        assertThat(run.attempt()).isEqualTo(2);
        assertThat(run.results()).isEmpty();
        assertThat(run.endedAt()).isEmpty();
        assertThat(run.duration()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = TaskRunStatus.class, names = "RUNNING", mode = EnumSource.Mode.EXCLUDE)
    void anEndedRunHasAnEndTime(TaskRunStatus status) {
        assertThatThrownBy(() -> run(status, Optional.empty(), List.of()))
                .hasMessageContaining("'endedAt' is present exactly when the run has ended");
        assertThat(run(status, Optional.of(START.plusSeconds(3)), List.of()).duration())
                .contains(Duration.ofSeconds(3));
    }

    @Test
    void aRunningRunHasNoEndTime() {
        assertThatThrownBy(() -> run(TaskRunStatus.RUNNING, Optional.of(START), List.of()))
                .hasMessageContaining("'endedAt' is present exactly when the run has ended");
    }

    @Test
    void endsNotBeforeItStarts() {
        assertThatThrownBy(() -> run(TaskRunStatus.DONE, Optional.of(START.minusMillis(1)), List.of()))
                .hasMessageContaining("must not be before 'startedAt'");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void attemptsCountFromOne(int attempt) {
        assertThatThrownBy(() -> TaskRun.started("run-1", "7", attempt, START, "node-a"))
                .hasMessage("'attempt' must be at least 1 but was " + attempt);
    }

    @Test
    void requiresAnOwner() {
        assertThatThrownBy(() -> TaskRun.started("run-1", "7", 1, START, " ")).hasMessage("'owner' must not be blank");
    }

    @Test
    void copiesItsResults() {
        List<StatementResult> results = new ArrayList<>(List.of(StatementResult.notRun(SqlStatement.of("SELECT 1"))));
        TaskRun run = run(TaskRunStatus.FAILED, Optional.of(START), results);
        results.clear();

        assertThat(run.results()).hasSize(1).isUnmodifiable();
    }
}
