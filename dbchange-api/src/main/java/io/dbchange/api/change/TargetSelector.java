package io.dbchange.api.change;

import io.dbchange.api.Ids;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.project.DatabaseRef;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which databases a change request targets. A selector is expanded once, when the request is created or edited, into
 * one task per database; the expanded list is what the request's content hash covers, so a database added to an
 * environment later does not silently join an approved request.
 */
public sealed interface TargetSelector {

    /** These databases, in this order. */
    static TargetSelector databases(List<DatabaseRef> databases) {
        return new Databases(databases);
    }

    /** These databases, in this order. */
    static TargetSelector databases(DatabaseRef... databases) {
        return new Databases(List.of(Checks.notNull("databases", databases)));
    }

    /** Every database of the project in {@code environmentId} whose name matches {@code namePattern} (a regex). */
    static TargetSelector matching(String environmentId, String namePattern) {
        return new Matching(environmentId, namePattern);
    }

    /** Every database of the named group, as configured by the host. */
    static TargetSelector group(String groupName) {
        return new Group(groupName);
    }

    /** Named databases; must not be empty nor repeat a database. */
    record Databases(List<DatabaseRef> databases) implements TargetSelector {
        public Databases {
            databases = Checks.copyNotEmpty("databases", databases);
            Checks.distinct("databases", "database", databases, d -> d);
        }
    }

    /**
     * The project's databases in one environment whose whole name matches a regular expression.
     *
     * @param environmentId the environment ({@link Ids#DEFINED_ID_REGEX})
     * @param namePattern a {@link Pattern} matched against the whole database name, e.g. {@code tenant_.*}
     */
    record Matching(String environmentId, String namePattern) implements TargetSelector {
        public Matching {
            Ids.requireDefinedId("environmentId", environmentId);
            Checks.notBlank("namePattern", namePattern);
            try {
                Pattern.compile(namePattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "'namePattern' must be a regular expression but was '" + namePattern + "': "
                                + e.getDescription(),
                        e);
            }
        }

        /** Whether {@code databaseName} matches the whole pattern. */
        public boolean matches(String databaseName) {
            return Pattern.compile(namePattern).matcher(databaseName).matches();
        }
    }

    /** A database group the host configured by name ({@link Ids#DEFINED_ID_REGEX}). */
    record Group(String groupName) implements TargetSelector {
        public Group {
            Ids.requireDefinedId("groupName", groupName);
        }
    }
}
