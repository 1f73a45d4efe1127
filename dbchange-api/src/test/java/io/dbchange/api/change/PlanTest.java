package io.dbchange.api.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.project.DatabaseRef;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {

    static Task task(String id, String instance) {
        return new Task(id, new DatabaseRef(instance, "shop"), "SELECT 1", TaskState.NOT_STARTED);
    }

    static final Stage TEST = new Stage("test", List.of(task("1", "test-pg")));
    static final Stage PROD = new Stage("prod", List.of(task("2", "prod-pg-a"), task("3", "prod-pg-b")));

    @Test
    void listsTasksStageAfterStageAndFindsThem() {
        Plan plan = new Plan("cr-1", 2, List.of(TEST, PROD));

        assertThat(plan.tasks()).extracting(Task::id).containsExactly("1", "2", "3");
        assertThat(plan.task("3")).map(Task::database).contains(new DatabaseRef("prod-pg-b", "shop"));
        assertThat(plan.task("4")).isEmpty();
        assertThat(plan.stage("prod")).contains(PROD);
        assertThat(plan.stage("staging")).isEmpty();
        assertThat(PROD.task("2")).isPresent();
        assertThat(PROD.task("1")).isEmpty();
    }

    @Test
    void copiesItsLists() {
        List<Stage> stages = new ArrayList<>(List.of(TEST));
        List<Task> tasks = new ArrayList<>(List.of(task("1", "test-pg")));
        Plan plan = new Plan("cr-1", 1, stages);
        Stage stage = new Stage("test", tasks);
        stages.add(PROD);
        tasks.add(task("9", "test-pg"));

        assertThat(plan.stages()).containsExactly(TEST).isUnmodifiable();
        assertThat(stage.tasks()).hasSize(1).isUnmodifiable();
    }

    @Test
    void holdsOneStagePerEnvironment() {
        Stage otherTest = new Stage("test", List.of(task("5", "test-pg")));

        assertThatThrownBy(() -> new Plan("cr-1", 1, List.of(TEST, otherTest)))
                .hasMessage("'stages' holds environment id 'test' more than once");
    }

    @Test
    void holdsEachTaskOnceAcrossStages() {
        Stage prod = new Stage("prod", List.of(task("1", "prod-pg-a")));

        assertThatThrownBy(() -> new Plan("cr-1", 1, List.of(TEST, prod)))
                .hasMessage("'stages' holds task id '1' more than once");
        assertThatThrownBy(() -> new Stage("prod", List.of(task("1", "a"), task("1", "b"))))
                .hasMessage("'tasks' holds task id '1' more than once");
    }

    @Test
    void rejectsEmptyPlansStagesAndBadRevisions() {
        assertThatThrownBy(() -> new Plan("cr-1", 1, List.of())).hasMessage("'stages' must not be empty");
        assertThatThrownBy(() -> new Stage("test", List.of())).hasMessage("'tasks' must not be empty");
        assertThatThrownBy(() -> new Plan("cr-1", 0, List.of(TEST)))
                .hasMessage("'revision' must be at least 1 but was 0");
        assertThatThrownBy(() -> new Stage("Test", List.of(task("1", "a"))))
                .hasMessageContaining("'environmentId' must be");
    }
}
