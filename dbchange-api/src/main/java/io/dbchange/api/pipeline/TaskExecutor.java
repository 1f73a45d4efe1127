package io.dbchange.api.pipeline;

import io.dbchange.api.engine.ScriptResult;
import io.dbchange.api.engine.StatementResult;
import java.util.function.Consumer;

/**
 * Executes a task's statements on the target database. The pipeline asks its executors in the order they were
 * registered and uses the first that {@link #handles handles} the task, ending with the built-in one (which runs
 * {@code DatabaseEngine.execute}: PostgreSQL in one transaction, MySQL statement by statement). A rollback-capturing
 * executor claims DATA tasks whose request has {@code rollbackEnabled}.
 *
 * <p>The pipeline has written the PENDING history record and the RUNNING task run before {@link #execute} is
 * called, and writes their outcome after; the executor only executes and reports. It must report every statement
 * that took effect, and should call {@code progress} as each statement completes, so that a crash mid-script leaves
 * the completed statements on record.
 */
public interface TaskExecutor {

    /** Whether this executor runs the task, e.g. {@code type == DATA && options.rollbackEnabled()}. */
    boolean handles(TaskContext context);

    /**
     * Executes statements {@code fromStatement} (1-based; greater than 1 only for an explicit "resume from statement
     * N" retry) to the end of {@code context.statements()}.
     *
     * @param progress called with each statement's result as soon as it is known
     * @return the results of the statements executed, in order; never throws for a SQL error
     */
    ScriptResult execute(TaskContext context, int fromStatement, Consumer<StatementResult> progress);
}
