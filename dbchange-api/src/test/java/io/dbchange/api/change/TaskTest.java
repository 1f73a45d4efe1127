package io.dbchange.api.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.project.DatabaseRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskTest {

    static final DatabaseRef ORDERS = new DatabaseRef("prod-mysql", "orders");

    static Task task(String id, TaskState state) {
        return new Task(id, ORDERS, "ALTER TABLE t ADD c INT", state);
    }

    @Test
    void movesAlongItsLifecycle() {
        Task done = task("7", TaskState.NOT_STARTED)
                .withState(TaskState.waiting(WaitReason.APPROVAL, "flow 'prod'"))
                .withState(TaskState.waiting(WaitReason.PREVIOUS_STAGE, "stage 'test'"))
                .withState(TaskState.RUNNING)
                .withState(TaskState.DONE);

        assertThat(done.status()).isEqualTo(TaskStatus.DONE);
        assertThat(done.id()).isEqualTo("7");
        assertThat(done.database()).isEqualTo(ORDERS);
    }

    @Test
    void aRetryOfAFailedTaskWaitsAgain() {
        Task retried = task("7", TaskState.FAILED).withState(TaskState.waiting(WaitReason.CHECKS, "retried by bob"));

        assertThat(retried.status()).isEqualTo(TaskStatus.WAITING);
    }

    @Test
    void rejectsAnIllegalTransitionWithAStableCodeNamingTheTask() {
        Task done = task("7", TaskState.DONE);

        assertThatThrownBy(() -> done.withState(TaskState.RUNNING))
                .isInstanceOfSatisfying(
                        DbChangeException.class,
                        e -> assertThat(e.code()).isEqualTo(CoreErrorCode.ILLEGAL_STATE_TRANSITION))
                .hasMessage("ILLEGAL_STATE_TRANSITION: task '7' on prod-mysql/orders cannot move from DONE to RUNNING:"
                        + " DONE is final");
    }

    @Test
    void rejectsRunningAnInterruptedTaskDirectlyAndNamesTheAllowedStates() {
        Task interrupted = task("7", TaskState.INTERRUPTED);

        assertThatThrownBy(() -> interrupted.withState(TaskState.RUNNING))
                .hasMessageEndingWith("from INTERRUPTED it may move to WAITING, DONE, SKIPPED, CANCELED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 7", "a b", "-1", "x/y"})
    void rejectsInvalidIds(String id) {
        assertThatThrownBy(() -> task(id, TaskState.NOT_STARTED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id' must be");
    }

    @Test
    void requiresAllComponents() {
        assertThatThrownBy(() -> new Task("7", null, "", TaskState.DONE)).hasMessage("'database' must not be null");
        assertThatThrownBy(() -> new Task("7", ORDERS, null, TaskState.DONE))
                .hasMessage("'statement' must not be null");
        assertThatThrownBy(() -> new Task("7", ORDERS, "", null)).hasMessage("'state' must not be null");
    }
}
