package io.dbchange.api.change;

import io.dbchange.api.Ids;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.project.DatabaseRef;

/**
 * The part of a plan that changes one database: the statements to execute there and where that is in its lifecycle.
 *
 * @param id the task's generated id ({@link Ids#GENERATED_ID_REGEX})
 * @param database the database the statements run on
 * @param statement the script to execute on that database
 * @param state its status, with the reason where the status needs one
 */
public record Task(String id, DatabaseRef database, String statement, TaskState state) {

    public Task {
        Ids.requireGeneratedId("id", id);
        Checks.notNull("database", database);
        Checks.notNull("statement", statement);
        Checks.notNull("state", state);
    }

    /** The task's status; short for {@code state().status()}. */
    public TaskStatus status() {
        return state.status();
    }

    /**
     * This task in state {@code next}.
     *
     * @throws io.dbchange.api.DbChangeException with code {@code ILLEGAL_STATE_TRANSITION} if the task lifecycle
     *     does not allow it ({@link TaskStatus#canMoveTo(TaskStatus)})
     */
    public Task withState(TaskState next) {
        Checks.notNull("next", next);
        if (!state.canMoveTo(next)) {
            throw Transitions.illegal(
                    "task '" + id + "' on " + database, status(), next.status(), status().successors());
        }
        return new Task(id, database, statement, next);
    }
}
