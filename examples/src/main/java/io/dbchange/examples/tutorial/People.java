package io.dbchange.examples.tutorial;

import io.dbchange.api.approval.RoleResolver;
import io.dbchange.api.approval.Roles;
import io.dbchange.core.approval.InMemoryRoleResolver;

/**
 * Who is who in the stories. A host application answers "which roles does this person hold" from its own user
 * directory through a {@link RoleResolver}; the tutorial uses the in-memory one.
 */
final class People {

    /** Developer: writes and submits the changes. */
    static final String ALICE = "alice";
    /** Workspace OWNER: may roll out to prod. */
    static final String OWEN = "owen";
    /** DBA: approves risky changes and rollbacks. */
    static final String DANA = "dana";
    /** PROJECT_OWNER of every project of the tutorial. */
    static final String OLGA = "olga";
    /** Holds the custom role TESTER. */
    static final String TESS = "tess";

    /** The custom role of story 2. */
    static final String TESTER = "TESTER";

    private People() {}

    static RoleResolver roles(String... projects) {
        InMemoryRoleResolver roles =
                new InMemoryRoleResolver().grant(OWEN, Roles.OWNER).grant(DANA, Roles.DBA);
        for (String project : projects) {
            roles.grant(project, ALICE, Roles.PROJECT_DEVELOPER)
                    .grant(project, OLGA, Roles.PROJECT_OWNER)
                    .grant(project, TESS, TESTER);
        }
        return roles;
    }

    /** For the step details. */
    static String cast() {
        return ALICE + " (developer), " + OLGA + " (PROJECT_OWNER), " + DANA + " (DBA), " + OWEN + " (OWNER), " + TESS
                + " (TESTER)";
    }
}
