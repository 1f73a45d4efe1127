package io.dbchange.api.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskStateTest {

    static List<TaskState> oneStatePerStatus() {
        return List.of(
                TaskState.NOT_STARTED,
                TaskState.waiting(WaitReason.APPROVAL, "step 1 (DBA) of flow 'prod-ddl'"),
                TaskState.RUNNING,
                TaskState.DONE,
                TaskState.FAILED,
                TaskState.skipped("database retired"),
                TaskState.CANCELED,
                TaskState.INTERRUPTED);
    }

    @Test
    void everyStatusHasExactlyOneStateType() {
        assertThat(oneStatePerStatus().stream().map(TaskState::status)).containsExactly(TaskStatus.values());
        assertThat(oneStatePerStatus().stream().map(Object::getClass).distinct())
                .hasSize(TaskStatus.values().length);
    }

    static Stream<TaskState[]> everyPair() {
        return oneStatePerStatus().stream()
                .flatMap(from -> oneStatePerStatus().stream().map(to -> new TaskState[] {from, to}));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void followsTheStatusLifecycle(TaskState from, TaskState to) {
        assertThat(from.canMoveTo(to)).isEqualTo(from.status().canMoveTo(to.status()));
    }

    @Test
    void waitingRequiresAReason() {
        assertThatThrownBy(() -> TaskState.waiting(null, "detail"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("'reason' must not be null");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t\n"})
    void waitingRequiresADetail(String detail) {
        assertThatThrownBy(() -> TaskState.waiting(WaitReason.DATABASE_BUSY, detail))
                .hasMessageContaining("'detail' must not be");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" "})
    void skippedRequiresAReason(String reason) {
        assertThatThrownBy(() -> TaskState.skipped(reason)).hasMessageContaining("'reason' must not be");
    }

    @Test
    void everyWaitReasonCanBeCarried() {
        Arrays.stream(WaitReason.values())
                .forEach(reason -> assertThat(((TaskState.Waiting) TaskState.waiting(reason, "x")).reason())
                        .isEqualTo(reason));
        assertThat(WaitReason.values())
                .extracting(Enum::name)
                .containsExactly(
                        "APPROVAL",
                        "MANUAL_ROLLOUT",
                        "ROLLOUT_TIME",
                        "PREVIOUS_STAGE",
                        "DATABASE_BUSY",
                        "CHECKS",
                        "QUEUED");
    }

    @Test
    void printsTheReason() {
        assertThat(TaskState.waiting(WaitReason.ROLLOUT_TIME, "starts 02:00 UTC"))
                .hasToString("WAITING(ROLLOUT_TIME: starts 02:00 UTC)");
        assertThat(TaskState.skipped("applied by hand")).hasToString("SKIPPED(applied by hand)");
    }

    @Test
    void statesWithoutReasonAreEqualValues() {
        assertThat(new TaskState.Done()).isEqualTo(TaskState.DONE);
        assertThat(TaskState.waiting(WaitReason.CHECKS, "a")).isNotEqualTo(TaskState.waiting(WaitReason.CHECKS, "b"));
    }
}
