package io.dbchange.api.project;

import java.util.Set;

/**
 * Who holds which roles, for decisions about who may do what: start a manual rollout, override a blocking check,
 * retry, skip, cancel, mark done, approve. The host answers from its own directory (LDAP groups, its user table);
 * dbchange never stores people.
 *
 * <p>Implementations must be thread-safe and fast (called on every permission check); an unknown principal has no
 * roles.
 */
@FunctionalInterface
public interface RoleResolver {

    /**
     * The roles {@code principal} holds in {@code projectId} (project roles and instance-wide roles together), never
     * {@code null}; role names follow {@link io.dbchange.api.approval.Roles#ROLE_REGEX}.
     */
    Set<String> roles(String principal, String projectId);
}
