package io.dbchange.api.pipeline;

import java.util.List;

/**
 * A check run on the target database right before a task executes: the connection check and SQL review against the
 * live schema (when the pipeline has a review policy) are built in; others, such as rollback prerequisites, register
 * their own. A check that throws counts as an ERROR
 * result naming the exception.
 *
 * <p>Checks run on the connection the task will use, outside any transaction of the task; they must not change the
 * database. Implementations must be thread-safe: tasks on different databases are checked concurrently.
 */
public interface TaskCheck {

    /** A short stable id, e.g. {@code sql-review}; the {@code checkId} of its results. */
    String id();

    /**
     * Checks one task.
     *
     * @return its findings, empty when there is nothing to say; never {@code null}
     */
    List<CheckResult> check(TaskContext context);
}
