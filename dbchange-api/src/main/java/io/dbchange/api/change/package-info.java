/**
 * A change and its execution: the {@link io.dbchange.api.change.ChangeRequest} a person makes and its lifecycle
 * ({@link io.dbchange.api.change.ChangeRequestStatus}), the {@link io.dbchange.api.change.Plan} it expands into (one
 * {@link io.dbchange.api.change.Stage} per environment, one {@link io.dbchange.api.change.Task} per target database),
 * each task's lifecycle ({@link io.dbchange.api.change.TaskState}) and the
 * {@link io.dbchange.api.change.TaskRun attempts} to execute it.
 *
 * <p>These are values. The lifecycles are written down here ({@code canMoveTo}); planning, executing and storing
 * them live in {@code dbchange-core}, where every transition is a compare-and-set in the metadata store.
 */
package io.dbchange.api.change;
