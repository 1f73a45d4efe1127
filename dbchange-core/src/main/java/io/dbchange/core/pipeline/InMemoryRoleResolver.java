package io.dbchange.core.pipeline;

import io.dbchange.api.approval.Roles;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.project.RoleResolver;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Roles held in memory: instance-wide grants ({@link #grant(String, String)}) and per-project grants
 * ({@link #grant(String, String, String)}). For tests and small hosts; larger hosts answer from their directory.
 *
 * <pre>{@code
 * RoleResolver roles = new InMemoryRoleResolver().grant("dana", Roles.DBA).grant("rob", "shop", Roles.PROJECT_RELEASER);
 * }</pre>
 *
 * <p>Thread-safe; grants may be added while the pipeline runs.
 */
public final class InMemoryRoleResolver implements RoleResolver {

    private static final String EVERY_PROJECT = "";

    private final Map<String, Map<String, Set<String>>> grants = new ConcurrentHashMap<>();

    /** Grants {@code role} to {@code principal} in every project. */
    public InMemoryRoleResolver grant(String principal, String role) {
        return add(principal, EVERY_PROJECT, role);
    }

    /** Grants {@code role} to {@code principal} in {@code projectId}. */
    public InMemoryRoleResolver grant(String principal, String projectId, String role) {
        return add(principal, Checks.notBlank("projectId", projectId), role);
    }

    private InMemoryRoleResolver add(String principal, String projectId, String role) {
        Checks.notBlank("principal", principal);
        Roles.requireValid("role", role);
        grants.computeIfAbsent(principal, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(projectId, p -> ConcurrentHashMap.newKeySet())
                .add(role);
        return this;
    }

    @Override
    public Set<String> roles(String principal, String projectId) {
        Map<String, Set<String>> byProject = grants.getOrDefault(principal, Map.of());
        Set<String> roles = new HashSet<>(byProject.getOrDefault(EVERY_PROJECT, Set.of()));
        roles.addAll(byProject.getOrDefault(projectId, Set.of()));
        return Set.copyOf(roles);
    }
}
