package io.dbchange.api.pipeline;

import io.dbchange.api.change.ChangeOptions;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.Task;
import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.project.Database;
import io.dbchange.api.sql.SqlStatement;
import java.sql.Connection;
import java.util.List;

/**
 * What a {@link TaskCheck} or a {@link TaskExecutor} gets about the task at hand. Valid only during the call it is
 * passed to; the connection belongs to the pipeline and must not be closed.
 */
public interface TaskContext {

    /** The request, at the revision the task belongs to. */
    ChangeRequest request();

    /** The request's options (version, rollout time, rollback). */
    ChangeOptions options();

    /** The task. */
    Task task();

    /** The target database and its environment. */
    Database database();

    /** The engine of the target's instance. */
    DatabaseEngine engine();

    /** An open connection to the target database (its catalog selected). */
    Connection connection();

    /** The task's script split by the engine, in order. */
    List<SqlStatement> statements();
}
