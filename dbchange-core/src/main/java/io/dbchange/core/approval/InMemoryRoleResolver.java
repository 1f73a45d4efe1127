package io.dbchange.core.approval;

import io.dbchange.api.Ids;
import io.dbchange.api.approval.RoleResolver;
import io.dbchange.api.approval.Roles;
import io.dbchange.api.internal.Checks;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RoleResolver} kept in memory, for tests and demos: grants are workspace-wide or per project, and may be
 * changed while an engine uses it. Thread-safe.
 *
 * <pre>{@code
 * var roles = new InMemoryRoleResolver()
 *         .grant("dora", Roles.DBA)                          // every project
 *         .grant("shop", "olga", Roles.PROJECT_OWNER);       // project "shop" only
 * }</pre>
 */
public final class InMemoryRoleResolver implements RoleResolver {

    private static final String EVERY_PROJECT = "";

    private final Map<String, Map<String, Set<String>>> grants = new ConcurrentHashMap<>();

    /** Gives {@code principal} {@code role} in every project; returns this. */
    public InMemoryRoleResolver grant(String principal, String role) {
        return put(EVERY_PROJECT, principal, role, true);
    }

    /** Gives {@code principal} {@code role} in project {@code projectId}; returns this. */
    public InMemoryRoleResolver grant(String projectId, String principal, String role) {
        return put(Ids.requireDefinedId("projectId", projectId), principal, role, true);
    }

    /** Takes a workspace-wide {@code role} from {@code principal}; returns this. */
    public InMemoryRoleResolver revoke(String principal, String role) {
        return put(EVERY_PROJECT, principal, role, false);
    }

    /** Takes {@code role} in project {@code projectId} from {@code principal}; returns this. */
    public InMemoryRoleResolver revoke(String projectId, String principal, String role) {
        return put(Ids.requireDefinedId("projectId", projectId), principal, role, false);
    }

    @Override
    public Set<String> rolesOf(String projectId, String principal) {
        Set<String> roles = new TreeSet<>(granted(EVERY_PROJECT, principal));
        roles.addAll(granted(projectId, principal));
        return Set.copyOf(roles);
    }

    private Set<String> granted(String project, String principal) {
        Map<String, Set<String>> byPrincipal = grants.get(project);
        Set<String> roles = byPrincipal == null ? null : byPrincipal.get(principal);
        return roles == null ? Set.of() : roles;
    }

    private InMemoryRoleResolver put(String project, String principal, String role, boolean add) {
        Checks.notBlank("principal", principal);
        Roles.requireValid("role", role);
        Map<String, Set<String>> byPrincipal = grants.computeIfAbsent(project, p -> new ConcurrentHashMap<>());
        Set<String> roles = byPrincipal.computeIfAbsent(principal, p -> ConcurrentHashMap.newKeySet());
        if (add) {
            roles.add(role);
        } else {
            roles.remove(role);
        }
        return this;
    }
}
