package io.dbchange.api.change;

import io.dbchange.api.Ids;
import io.dbchange.api.internal.Checks;
import java.util.List;
import java.util.Optional;

/**
 * A change request expanded for execution: one {@link Stage} per environment, in pipeline order, each with one
 * {@link Task} per target database in that environment. A plan belongs to one revision of its request; a revised
 * request gets a new plan.
 *
 * @param requestId the generated id of the change request
 * @param revision the request revision it was planned from, at least 1
 * @param stages the stages in the order they roll out; at least one, one per environment, and task ids distinct
 *     across all stages (copied, immutable)
 */
public record Plan(String requestId, int revision, List<Stage> stages) {

    public Plan {
        Ids.requireGeneratedId("requestId", requestId);
        Checks.positive("revision", revision);
        stages = Checks.copyNotEmpty("stages", stages);
        Checks.distinct("stages", "environment id", stages, Stage::environmentId);
        Checks.distinct(
                "stages",
                "task id",
                stages.stream().flatMap(s -> s.tasks().stream()).toList(),
                Task::id);
    }

    /** Every task of the plan, stage after stage. */
    public List<Task> tasks() {
        return stages.stream().flatMap(s -> s.tasks().stream()).toList();
    }

    /** The task with the given id, if it is in this plan. */
    public Optional<Task> task(String id) {
        return tasks().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The stage of the given environment, if the plan has one. */
    public Optional<Stage> stage(String environmentId) {
        return stages.stream()
                .filter(s -> s.environmentId().equals(environmentId))
                .findFirst();
    }
}
