package io.dbchange.api.project;

import io.dbchange.api.Ids;
import io.dbchange.api.internal.Checks;

/**
 * One database on an {@link Instance}, assigned to a {@link Project}. It belongs to its instance's environment
 * unless configured otherwise (for example one server hosting both a test and a staging database).
 *
 * <pre>{@code
 * Database orders = Database.on(prodInstance, "orders", "shop");   // environment of prodInstance
 * }</pre>
 *
 * @param ref the instance and the database name
 * @param projectId the defined id of the project that changes it
 * @param environmentId the defined id of the environment it is rolled out in
 */
public record Database(DatabaseRef ref, String projectId, String environmentId) {

    public Database {
        Checks.notNull("ref", ref);
        Ids.requireDefinedId("projectId", projectId);
        Ids.requireDefinedId("environmentId", environmentId);
    }

    /** The database {@code name} on {@code instance}, in the instance's environment. */
    public static Database on(Instance instance, String name, String projectId) {
        Checks.notNull("instance", instance);
        return new Database(new DatabaseRef(instance.id(), name), projectId, instance.environmentId());
    }
}
