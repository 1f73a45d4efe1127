package io.dbchange.api.change;

import io.dbchange.api.Ids;
import io.dbchange.api.internal.Checks;
import java.util.List;
import java.util.Optional;

/**
 * The tasks of a plan in one environment. A stage starts only when every task of the previous stage has ended DONE
 * or SKIPPED.
 *
 * @param environmentId the defined id of the environment
 * @param tasks its tasks in execution order (tasks on one database run one at a time, in this order); at least
 *     one, distinct ids (copied, immutable)
 */
public record Stage(String environmentId, List<Task> tasks) {

    public Stage {
        Ids.requireDefinedId("environmentId", environmentId);
        tasks = Checks.copyNotEmpty("tasks", tasks);
        Checks.distinct("tasks", "task id", tasks, Task::id);
    }

    /** The task with the given id, if it is in this stage. */
    public Optional<Task> task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
