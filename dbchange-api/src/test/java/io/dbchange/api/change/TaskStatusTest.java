package io.dbchange.api.change;

import static io.dbchange.api.change.TaskStatus.CANCELED;
import static io.dbchange.api.change.TaskStatus.DONE;
import static io.dbchange.api.change.TaskStatus.FAILED;
import static io.dbchange.api.change.TaskStatus.INTERRUPTED;
import static io.dbchange.api.change.TaskStatus.NOT_STARTED;
import static io.dbchange.api.change.TaskStatus.RUNNING;
import static io.dbchange.api.change.TaskStatus.SKIPPED;
import static io.dbchange.api.change.TaskStatus.WAITING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TaskStatusTest {

    /**
     * DESIGN.md: NOT_STARTED -> WAITING(reason) -> RUNNING -> DONE | FAILED | SKIPPED(reason) | CANCELED |
     * INTERRUPTED; a FAILED task is retried or skipped with a reason; INTERRUPTED waits for a human decision
     * (retry, skip, or mark done after checking the database). Read
     * as: a task runs only from WAITING; a retry (FAILED, INTERRUPTED) waits again; SKIPPED from any status that is
     * not running and not final; CANCELED from any status that is not final; WAITING -> WAITING when its reason
     * changes. Written by hand, not derived from the code under test.
     */
    private static final Map<TaskStatus, Set<TaskStatus>> LEGAL = Map.of(
            NOT_STARTED, Set.of(WAITING, SKIPPED, CANCELED),
            WAITING, Set.of(WAITING, RUNNING, SKIPPED, CANCELED),
            RUNNING, Set.of(DONE, FAILED, CANCELED, INTERRUPTED),
            DONE, Set.of(),
            FAILED, Set.of(WAITING, SKIPPED, CANCELED),
            SKIPPED, Set.of(),
            CANCELED, Set.of(),
            INTERRUPTED, Set.of(WAITING, SKIPPED, CANCELED, DONE));

    static Stream<Arguments> everyPair() {
        return Arrays.stream(TaskStatus.values())
                .flatMap(from -> Arrays.stream(TaskStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @Test
    void expectationTableCoversEveryStatus() {
        assertThat(LEGAL.keySet()).containsExactlyInAnyOrder(TaskStatus.values());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void allowsExactlyTheTransitionsOfTheDesign(TaskStatus from, TaskStatus to) {
        assertThat(from.canMoveTo(to)).isEqualTo(LEGAL.get(from).contains(to));
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void successorsAreTheLegalTargets(TaskStatus from) {
        assertThat(from.successors()).containsExactlyInAnyOrderElementsOf(LEGAL.get(from));
    }

    @Test
    void doneSkippedAndCanceledAreFinal() {
        assertThat(Arrays.stream(TaskStatus.values()).filter(TaskStatus::isFinal))
                .containsExactlyInAnyOrder(DONE, SKIPPED, CANCELED);
    }

    @Test
    void onlyFailedAndInterruptedCanBeRetried() {
        assertThat(Arrays.stream(TaskStatus.values()).filter(TaskStatus::isRetryable))
                .containsExactlyInAnyOrder(FAILED, INTERRUPTED);
    }

    @Test
    void interruptedNeverRunsAgainWithoutWaitingFirst() {
        assertThat(INTERRUPTED.canMoveTo(RUNNING)).isFalse();
        assertThat(FAILED.canMoveTo(RUNNING)).isFalse();
    }

    @Test
    void aRunningTaskCannotBeSkipped() {
        assertThat(RUNNING.canMoveTo(SKIPPED)).isFalse();
    }
}
