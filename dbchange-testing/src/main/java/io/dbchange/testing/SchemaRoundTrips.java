package io.dbchange.testing;

import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.engine.ExecutionOptions;
import io.dbchange.api.engine.ScriptResult;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.SnapshotOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Round trips of schemas through a real server, for tests of an engine's schema reader and DDL writers: apply a
 * script and read the schema back; check that a migration script turns a database of one schema into another; walk
 * a directory of versioned migrations.
 *
 * <pre>{@code
 * SchemaSnapshot a = SchemaRoundTrips.applyAndRead(engine, db, script);
 * SchemaRoundTrips.assertMigrates(engine, TestServers.mysql(), a, b);
 * }</pre>
 */
public final class SchemaRoundTrips {

    private SchemaRoundTrips() {}

    /**
     * Runs the script in the database and reads its schema with the default options.
     *
     * @throws AssertionError naming the failed statement and the script when a statement fails
     */
    public static SchemaSnapshot applyAndRead(DatabaseEngine engine, TestDatabase database, String script) {
        try (Connection c = database.openConnection()) {
            apply(engine, c, script);
            return engine.readSchema(c, SnapshotOptions.DEFAULTS);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + database, e);
        }
    }

    private static void apply(DatabaseEngine engine, Connection c, String script) {
        ScriptResult result = engine.execute(c, engine.split(script), ExecutionOptions.DEFAULTS);
        result.failure().ifPresent(f -> {
            throw new AssertionError(
                    "statement failed: " + f.error().map(Object::toString).orElse("?") + "\n"
                            + f.statement().sql() + "\n--- script:\n" + script);
        });
    }

    /** The snapshot without what differs between databases by design: its name and when it was taken. */
    public static SchemaSnapshot comparable(SchemaSnapshot snapshot) {
        return new SchemaSnapshot(snapshot.dialect(), "db", Instant.EPOCH, snapshot.schemas());
    }

    /**
     * Checks the migration property: in a new database of the server brought to state {@code from} (by the
     * engine's dump), running {@code engine.migrationDdl(from, to)} gives a database that reads back equal to
     * {@code to}.
     *
     * @throws AssertionError with the migration script and what still differs (as the migration that would be
     *     left) when it does not
     */
    public static void assertMigrates(
            DatabaseEngine engine, TestServer server, SchemaSnapshot from, SchemaSnapshot to) {
        try (TestDatabase database = server.createDatabase()) {
            SchemaSnapshot start = applyAndRead(engine, database, engine.dumpSchema(from));
            if (!comparable(start).equals(comparable(from))) {
                throw new AssertionError("the dump of the first schema reads back different; left over:\n"
                        + engine.migrationDdl(start, from));
            }
            assertMigrates(engine, database, from, to);
        }
    }

    /**
     * Checks the migration property on a database that is in state {@code from}: running
     * {@code engine.migrationDdl(from, to)} in it gives a database that reads back equal to {@code to}.
     */
    public static void assertMigrates(
            DatabaseEngine engine, TestDatabase database, SchemaSnapshot from, SchemaSnapshot to) {
        assertMigrates(engine, database, from, to, (reached, target) -> engine.migrationDdl(reached, target));
    }

    /**
     * Checks the migration property on a database that is in state {@code from}, describing a difference with the
     * given function (e.g. a structural diff's report) when the schema reached is not {@code to}.
     */
    public static void assertMigrates(
            DatabaseEngine engine,
            TestDatabase database,
            SchemaSnapshot from,
            SchemaSnapshot to,
            BiFunction<SchemaSnapshot, SchemaSnapshot, String> describe) {
        String migration = engine.migrationDdl(from, to);
        SchemaSnapshot reached;
        try (Connection c = database.openConnection()) {
            apply(engine, c, migration);
            reached = engine.readSchema(c, SnapshotOptions.DEFAULTS);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + database, e);
        }
        if (!comparable(reached).equals(comparable(to))) {
            throw new AssertionError("after the migration the schema differs from the target; migration:\n" + migration
                    + "\n--- what still differs:\n" + describe.apply(reached, to));
        }
    }

    /**
     * One version of a directory of versioned migrations.
     *
     * @param version the version, e.g. {@code 1.10}
     * @param files its scripts in the order they run
     */
    public record VersionedStep(String version, List<Path> files) {

        public VersionedStep {
            files = List.copyOf(files);
        }

        /** The scripts, read and joined in order. */
        public String script() {
            StringBuilder out = new StringBuilder();
            for (Path file : files) {
                try {
                    out.append(Files.readString(file)).append('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return out.toString();
        }
    }

    /**
     * A file or directory of the SQL corpus named by the system property {@code dbchange.corpus.dir} (the build sets
     * it to {@code ../shared/corpus}); the calling test is skipped, with a message saying why, when the property is
     * not set or the path does not exist.
     */
    public static Path corpusPath(String relative) {
        String corpus = System.getProperty("dbchange.corpus.dir");
        Assumptions.assumeTrue(
                corpus != null,
                "system property dbchange.corpus.dir names the SQL corpus (../shared/corpus); skipping " + relative);
        Path path = Path.of(corpus, relative);
        Assumptions.assumeTrue(Files.exists(path), "corpus path " + path + " does not exist; skipping");
        return path;
    }

    /**
     * Runs the versions one after the other in one new database of the server and reads the schema after each:
     * element i is the schema after version i.
     */
    public static List<SchemaSnapshot> snapshotsAfterEachStep(
            DatabaseEngine engine, TestServer server, List<VersionedStep> steps) {
        List<SchemaSnapshot> snapshots = new ArrayList<>();
        try (TestDatabase database = server.createDatabase()) {
            for (VersionedStep step : steps) {
                snapshots.add(applyAndRead(engine, database, step.script()));
            }
        }
        return snapshots;
    }

    private static final Pattern FILES = Pattern.compile("\"SchemaUpdateCqlFiles\"\\s*:\\s*\\[([^\\]]*)]");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    /**
     * The versions of a directory laid out as Temporal's SQL schemas are: one subdirectory per version
     * ({@code v1.0}, {@code v1.1}, ..., ordered by number) holding a {@code manifest.json} that lists the version's
     * scripts in order ({@code SchemaUpdateCqlFiles}).
     */
    public static List<VersionedStep> versionedSteps(Path directory) {
        List<VersionedStep> steps = new ArrayList<>();
        try (Stream<Path> versions = Files.list(directory)) {
            for (Path dir : versions.filter(Files::isDirectory)
                    .sorted(Comparator.comparing(SchemaRoundTrips::versionKey))
                    .toList()) {
                String manifest = Files.readString(dir.resolve("manifest.json"));
                Matcher list = FILES.matcher(manifest);
                if (!list.find()) {
                    throw new IllegalArgumentException(dir + "/manifest.json lists no SchemaUpdateCqlFiles");
                }
                List<Path> files = new ArrayList<>();
                Matcher name = QUOTED.matcher(list.group(1));
                while (name.find()) {
                    files.add(dir.resolve(name.group(1)));
                }
                steps.add(new VersionedStep(dir.getFileName().toString().substring(1), files));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return steps;
    }

    private static String versionKey(Path dir) {
        StringBuilder key = new StringBuilder();
        for (String part : dir.getFileName().toString().replaceFirst("^v", "").split("\\.")) {
            key.append(String.format("%08d.", part.matches("\\d+") ? Integer.parseInt(part) : 0));
        }
        return key.toString();
    }
}
