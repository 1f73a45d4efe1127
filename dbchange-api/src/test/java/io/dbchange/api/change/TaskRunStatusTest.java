package io.dbchange.api.change;

import static io.dbchange.api.change.TaskRunStatus.CANCELED;
import static io.dbchange.api.change.TaskRunStatus.DONE;
import static io.dbchange.api.change.TaskRunStatus.FAILED;
import static io.dbchange.api.change.TaskRunStatus.INTERRUPTED;
import static io.dbchange.api.change.TaskRunStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskRunStatusTest {

    /** A run moves once, from RUNNING to how it ended; a retry is a new run. */
    private static final Map<TaskRunStatus, Set<TaskRunStatus>> LEGAL = Map.of(
            RUNNING, Set.of(DONE, FAILED, INTERRUPTED, CANCELED),
            DONE, Set.of(),
            FAILED, Set.of(),
            INTERRUPTED, Set.of(),
            CANCELED, Set.of());

    static Stream<Arguments> everyPair() {
        return Arrays.stream(TaskRunStatus.values())
                .flatMap(from -> Arrays.stream(TaskRunStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @Test
    void expectationTableCoversEveryStatus() {
        assertThat(LEGAL.keySet()).containsExactlyInAnyOrder(TaskRunStatus.values());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void movesOnlyFromRunningToAnEnd(TaskRunStatus from, TaskRunStatus to) {
        assertThat(from.canMoveTo(to)).isEqualTo(LEGAL.get(from).contains(to));
        assertThat(from.isFinal()).isEqualTo(LEGAL.get(from).isEmpty());
    }
}
