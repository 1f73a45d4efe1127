package io.dbchange.api.approval;

import java.util.Set;

/**
 * Who holds which role: the host's business (its directory, its database, its SSO groups). The approval engine asks
 * at each decision, so a role granted or revoked in the host takes effect at the next decision.
 *
 * <p>Implementations must be thread-safe. A role is counted only if its name equals a step's role exactly: there
 * is no wildcard and no hierarchy (a workspace {@code OWNER} does not satisfy a {@code DBA} step unless the host
 * also gives it {@code DBA}).
 */
@FunctionalInterface
public interface RoleResolver {

    /**
     * The roles {@code principal} holds in project {@code projectId}, workspace roles ({@link Roles#OWNER},
     * {@link Roles#DBA}) included.
     *
     * @param projectId the project's defined id
     * @param principal the principal's name as the host identifies it
     * @return the role names, never {@code null}; empty for an unknown principal
     */
    Set<String> rolesOf(String projectId, String principal);
}
