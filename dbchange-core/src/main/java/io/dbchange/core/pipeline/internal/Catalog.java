package io.dbchange.core.pipeline.internal;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Environment;
import io.dbchange.api.project.Instance;
import io.dbchange.api.project.Project;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The estate the host configured, frozen at build time: projects, environments, instances, databases and database
 * groups, with the lookups the pipeline needs. Immutable and thread-safe.
 */
public final class Catalog {

    private final Map<String, Project> projects;
    private final Map<String, Environment> environments;
    private final Map<String, Instance> instances;
    private final Map<DatabaseRef, Database> databases;
    private final Map<String, List<DatabaseRef>> groups;
    private final Set<String> relaxedProjects;

    public Catalog(
            List<Project> projects,
            List<Environment> environments,
            List<Instance> instances,
            List<Database> databases,
            Map<String, List<DatabaseRef>> groups,
            Set<String> relaxedProjects) {
        this.projects = index(projects, Project::id, "project");
        this.environments = index(environments, Environment::id, "environment");
        this.instances = index(instances, Instance::id, "instance");
        this.databases = index(databases, Database::ref, "database");
        for (Instance i : instances) {
            requireKnown(this.environments, i.environmentId(), "environment", "instance " + i.id());
        }
        for (Database d : databases) {
            requireKnown(this.projects, d.projectId(), "project", "database " + d.ref());
            requireKnown(this.environments, d.environmentId(), "environment", "database " + d.ref());
            requireKnown(this.instances, d.ref().instanceId(), "instance", "database " + d.ref());
        }
        Map<String, List<DatabaseRef>> g = new LinkedHashMap<>();
        groups.forEach((name, refs) -> {
            for (DatabaseRef ref : refs) {
                requireKnown(this.databases, ref, "database", "database group " + name);
            }
            g.put(name, List.copyOf(refs));
        });
        this.groups = Map.copyOf(g);
        for (String p : relaxedProjects) {
            requireKnown(this.projects, p, "project", "relaxed stage order");
        }
        this.relaxedProjects = Set.copyOf(relaxedProjects);
    }

    private static <K, V> Map<K, V> index(List<V> values, java.util.function.Function<V, K> key, String what) {
        Map<K, V> map = new LinkedHashMap<>();
        for (V v : values) {
            if (map.put(key.apply(v), v) != null) {
                throw new IllegalArgumentException(what + " '" + key.apply(v) + "' is configured twice");
            }
        }
        return map;
    }

    private static <K> void requireKnown(Map<K, ?> map, K key, String what, String where) {
        if (!map.containsKey(key)) {
            throw new IllegalArgumentException(
                    where + " names " + what + " '" + key + "', which is not configured; add it to the builder");
        }
    }

    public Project project(String id) {
        Project p = projects.get(id);
        if (p == null) {
            throw new DbChangeException(
                    PipelineErrorCode.NOT_FOUND,
                    "project '" + id + "' is not configured; known projects: " + projects.keySet());
        }
        return p;
    }

    public Environment environment(String id) {
        return Optional.ofNullable(environments.get(id)).orElseThrow();
    }

    public Instance instance(String id) {
        return Optional.ofNullable(instances.get(id)).orElseThrow();
    }

    public Database database(DatabaseRef ref) {
        Database d = databases.get(ref);
        if (d == null) {
            throw new DbChangeException(PipelineErrorCode.NOT_FOUND, "database " + ref + " is not configured");
        }
        return d;
    }

    public boolean relaxedStageOrder(String projectId) {
        return relaxedProjects.contains(projectId);
    }

    /** The environments, in pipeline order. */
    public List<Environment> environmentsInOrder() {
        return environments.values().stream().sorted(Environment.PIPELINE_ORDER).toList();
    }

    /**
     * The databases a selector stands for in a project, in a stable order (as listed; or as configured).
     *
     * @throws DbChangeException NO_TARGETS if it stands for none, or names a database outside the project
     */
    public List<DatabaseRef> expand(String projectId, TargetSelector selector) {
        project(projectId);
        List<DatabaseRef> result = new ArrayList<>();
        if (selector instanceof TargetSelector.Databases named) {
            for (DatabaseRef ref : named.databases()) {
                Database d = databases.get(ref);
                if (d == null || !d.projectId().equals(projectId)) {
                    throw new DbChangeException(
                            PipelineErrorCode.NO_TARGETS,
                            "database " + ref + " is not a database of project '" + projectId
                                    + "'; configure it with .database(...) for that project or remove it from the"
                                    + " targets");
                }
                result.add(ref);
            }
        } else if (selector instanceof TargetSelector.Matching matching) {
            if (!environments.containsKey(matching.environmentId())) {
                throw new DbChangeException(
                        PipelineErrorCode.NO_TARGETS,
                        "environment '" + matching.environmentId() + "' is not configured; known environments: "
                                + environments.keySet());
            }
            Pattern pattern = Pattern.compile(matching.namePattern());
            for (Database d : databases.values()) {
                if (d.projectId().equals(projectId)
                        && d.environmentId().equals(matching.environmentId())
                        && pattern.matcher(d.ref().name()).matches()) {
                    result.add(d.ref());
                }
            }
        } else if (selector instanceof TargetSelector.Group group) {
            List<DatabaseRef> members = groups.get(group.groupName());
            if (members == null) {
                throw new DbChangeException(
                        PipelineErrorCode.NO_TARGETS,
                        "database group '" + group.groupName() + "' is not configured; known groups: "
                                + groups.keySet());
            }
            for (DatabaseRef ref : members) {
                if (databases.get(ref).projectId().equals(projectId)) {
                    result.add(ref);
                }
            }
        }
        if (result.isEmpty()) {
            throw new DbChangeException(
                    PipelineErrorCode.NO_TARGETS,
                    selector + " selects no database of project '" + projectId + "'; check the environment, the"
                            + " name pattern or the group");
        }
        return List.copyOf(result);
    }
}
