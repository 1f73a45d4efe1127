package io.dbchange.api.project;

import io.dbchange.api.Ids;
import io.dbchange.api.internal.Checks;

/**
 * A group of databases and the people who change them. Change requests, approval flows and review policies belong
 * to a project.
 *
 * @param id the project's defined id ({@link Ids#DEFINED_ID_REGEX}), e.g. {@code billing}
 * @param name the name people see, not blank
 * @param description free text, {@code ""} for none
 */
public record Project(String id, String name, String description) {

    public Project {
        Ids.requireDefinedId("id", id);
        Checks.notBlank("name", name);
        Checks.notNull("description", description);
    }

    /** A project without description. */
    public static Project of(String id, String name) {
        return new Project(id, name, "");
    }
}
