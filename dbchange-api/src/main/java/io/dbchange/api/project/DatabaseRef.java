package io.dbchange.api.project;

import io.dbchange.api.Ids;
import io.dbchange.api.internal.Checks;

/**
 * Names one database: the {@link Instance} it lives on and its name there (a MySQL/MariaDB database, a PostgreSQL
 * database). Printed as {@code instanceId/name}.
 *
 * @param instanceId the instance's defined id
 * @param name the database's name as the server knows it (case as written), not blank, at most 64 characters
 */
public record DatabaseRef(String instanceId, String name) {

    public DatabaseRef {
        Ids.requireDefinedId("instanceId", instanceId);
        Checks.notBlank("name", name);
        if (name.length() > 64) {
            throw new IllegalArgumentException(
                    "'name' must be at most 64 characters but was " + name.length() + ": '" + name + "'");
        }
    }

    @Override
    public String toString() {
        return instanceId + "/" + name;
    }
}
