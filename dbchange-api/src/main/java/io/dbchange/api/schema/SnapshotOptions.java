package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What a schema reader reads and what it leaves out.
 *
 * <pre>{@code
 * SnapshotOptions options = SnapshotOptions.DEFAULTS
 *         .withSchemas(List.of("public", "billing"))      // PostgreSQL only
 *         .ignoring(ObjectKind.EVENT)
 *         .ignoringNames("tmp_*");
 * SchemaSnapshot snapshot = engine.readSchema(connection, options);
 * }</pre>
 *
 * @param schemas the PostgreSQL schemas to read, distinct, at least one (default {@code ["public"]}); ignored by
 *     MySQL/MariaDB, which read the connected database (copied, immutable)
 * @param ignoredKinds kinds of objects left out entirely (default none) (copied, immutable)
 * @param ignoredNames glob patterns ({@code *} any run of characters, {@code ?} one character, case-sensitive) of
 *     names of tables, views, sequences, routines, triggers, types and events left out (default
 *     {@link #ONLINE_DDL_SHADOW_TABLES}) (copied, immutable)
 * @param keepDefiners whether MySQL/MariaDB views, routines, triggers and events keep their {@code DEFINER}
 *     (default {@code false}: the definer is dropped, so that the same schema created by two users compares
 *     equal)
 */
public record SnapshotOptions(
        List<String> schemas, Set<ObjectKind> ignoredKinds, List<String> ignoredNames, boolean keepDefiners) {

    /**
     * Name patterns of the shadow and leftover tables of gh-ost ({@code _t_gho}, {@code _t_ghc}, {@code _t_del})
     * and pt-online-schema-change ({@code _t_new}, {@code _t_old}): an online schema change in progress is not
     * drift.
     */
    public static final List<String> ONLINE_DDL_SHADOW_TABLES =
            List.of("_*_gho", "_*_ghc", "_*_del", "_*_new", "_*_old");

    /** Schema {@code public}, every kind, online-DDL shadow tables ignored, definers dropped. */
    public static final SnapshotOptions DEFAULTS =
            new SnapshotOptions(List.of("public"), Set.of(), ONLINE_DDL_SHADOW_TABLES, false);

    public SnapshotOptions {
        schemas = Checks.copyNotEmpty("schemas", schemas);
        schemas.forEach(s -> Checks.notBlank("schemas", s));
        Checks.distinct("schemas", "schema name", schemas, s -> s);
        Checks.notNull("ignoredKinds", ignoredKinds);
        ignoredKinds = ignoredKinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(ignoredKinds));
        ignoredNames = Checks.copy("ignoredNames", ignoredNames);
        ignoredNames.forEach(p -> Checks.notBlank("ignoredNames", p));
    }

    /** These options reading the given PostgreSQL schemas. */
    public SnapshotOptions withSchemas(List<String> newSchemas) {
        return new SnapshotOptions(newSchemas, ignoredKinds, ignoredNames, keepDefiners);
    }

    /** These options also leaving out the given kinds. */
    public SnapshotOptions ignoring(ObjectKind... kinds) {
        Set<ObjectKind> all = EnumSet.noneOf(ObjectKind.class);
        all.addAll(ignoredKinds);
        all.addAll(List.of(kinds));
        return new SnapshotOptions(schemas, all, ignoredNames, keepDefiners);
    }

    /** These options also leaving out objects whose names match one of the given glob patterns. */
    public SnapshotOptions ignoringNames(String... patterns) {
        List<String> all = new ArrayList<>(ignoredNames);
        all.addAll(List.of(patterns));
        return new SnapshotOptions(schemas, ignoredKinds, all, keepDefiners);
    }

    /** These options with no name pattern at all (not even the online-DDL shadow tables). */
    public SnapshotOptions withoutIgnoredNames() {
        return new SnapshotOptions(schemas, ignoredKinds, List.of(), keepDefiners);
    }

    /** These options keeping (or dropping) MySQL/MariaDB definers. */
    public SnapshotOptions withKeepDefiners(boolean keep) {
        return new SnapshotOptions(schemas, ignoredKinds, ignoredNames, keep);
    }

    /** Whether objects of this kind are read. */
    public boolean includes(ObjectKind kind) {
        return !ignoredKinds.contains(kind);
    }

    /** Whether an object with this name is left out by one of {@link #ignoredNames()}. */
    public boolean ignoresName(String name) {
        for (String pattern : ignoredNames) {
            if (glob(pattern).matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Compiled globs by their text: {@link #ignoresName} runs for every object of every snapshot, and compiling the
     * default five patterns each time was a tenth of a small database's read. Patterns come from configuration, so
     * the map stays small; past {@value #MAX_CACHED_GLOBS} entries a pattern is compiled for each use.
     */
    private static final Map<String, Pattern> GLOBS = new ConcurrentHashMap<>();

    private static final int MAX_CACHED_GLOBS = 256;

    private static Pattern glob(String pattern) {
        Pattern compiled = GLOBS.get(pattern);
        if (compiled == null) {
            compiled = compileGlob(pattern);
            if (GLOBS.size() < MAX_CACHED_GLOBS) {
                GLOBS.putIfAbsent(pattern, compiled);
            }
        }
        return compiled;
    }

    private static Pattern compileGlob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** The kinds of schema objects a snapshot holds. */
    public enum ObjectKind {
        /** Tables, with their columns, keys, indexes and constraints. */
        TABLE,
        /** Views. */
        VIEW,
        /** Sequences. */
        SEQUENCE,
        /** Functions and procedures. */
        ROUTINE,
        /** Triggers. */
        TRIGGER,
        /** PostgreSQL enum types. */
        ENUM_TYPE,
        /** PostgreSQL domain types. */
        DOMAIN_TYPE,
        /** MySQL/MariaDB events. */
        EVENT
    }
}
