package io.dbchange.testing;

import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.testing.SchemaRoundTrips.VersionedStep;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The migration property every engine must have, written once: in a database of schema A, running
 * {@code engine.migrationDdl(A, B)} gives a database that reads back equal to B. An engine's integration test extends
 * this class and says how to make schemas in its dialect; the class checks the property on a schema with every
 * object kind (to a small schema and back), on random schemas with random changes ({@link RandomSchemaChanges}, both
 * directions, {@code 50} seeds by default), on Sakila with random changes and on every consecutive pair of versions
 * of versioned migrations from the corpus (tests that need the corpus skip when it is absent).
 *
 * <pre>{@code
 * class MySqlMigrationIT extends SchemaMigrationContract {
 *     MySqlMigrationIT() { super(new MySqlEngine(), TestServers::mysql); }
 *     protected String everyKind() { ... }
 *     ...
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SchemaMigrationContract {

    private final Map<String, List<SchemaSnapshot>> versions = new ConcurrentHashMap<>();
    private final DatabaseEngine engine;
    private final Supplier<TestServer> server;

    /**
     * @param engine the engine under test
     * @param server the server its databases are created on, e.g. {@code TestServers::mysql} (asked on first use)
     */
    protected SchemaMigrationContract(DatabaseEngine engine, Supplier<TestServer> server) {
        this.engine = Objects.requireNonNull(engine, "'engine' must not be null");
        this.server = Objects.requireNonNull(server, "'server' must not be null");
    }

    /** The engine under test. */
    protected final DatabaseEngine engine() {
        return engine;
    }

    /** The server its databases are created on. */
    protected final TestServer server() {
        return server.get();
    }

    /** A script that creates a schema with every object kind the engine reads. */
    protected abstract String everyKind();

    /** A script that creates a small schema, with some of the names {@link #everyKind()} uses. */
    protected abstract String smallSchema();

    /** A script that creates a random schema. */
    protected abstract String randomSchema(SplittableRandom random);

    /** The script that creates Sakila in this dialect, from the corpus ({@link SchemaRoundTrips#corpusPath}). */
    protected abstract String sakila() throws IOException;

    /** Directories of versioned migrations in the corpus, as {@link SchemaRoundTrips#versionedSteps} reads them. */
    protected abstract List<String> versionedMigrations();

    /** What differs between the schema a migration reached and its target: the migration that would still run. */
    private String describe(SchemaSnapshot reached, SchemaSnapshot target) {
        return engine().migrationDdl(reached, target);
    }

    LongStream seeds() {
        return PropertySeeds.seeds(50);
    }

    LongStream sakilaSeeds() {
        return PropertySeeds.seeds(8);
    }

    private SchemaSnapshot create(TestDatabase database, String script) {
        return SchemaRoundTrips.applyAndRead(engine(), database, script);
    }

    private void migrates(TestDatabase database, SchemaSnapshot from, SchemaSnapshot to) {
        SchemaRoundTrips.assertMigrates(engine(), database, from, to, this::describe);
    }

    @Test
    void equalSchemasNeedNoMigration() {
        try (TestDatabase database = server().createDatabase()) {
            SchemaSnapshot schema = create(database, everyKind());

            if (!engine().migrationDdl(schema, schema).isEmpty()) {
                throw new AssertionError("a migration between equal schemas: " + engine().migrationDdl(schema, schema));
            }
        }
    }

    @Test
    void migratesEveryObjectKindToASmallSchemaAndBack() {
        try (TestDatabase database = server().createDatabase();
                TestDatabase other = server().createDatabase()) {
            SchemaSnapshot every = create(database, everyKind());
            SchemaSnapshot small = create(other, smallSchema());

            migrates(database, every, small);
            migrates(database, small, every);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void migratingARandomSchemaToARandomChangeOfItReadsBackEqual(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        changeAndMigrateBothWays(randomSchema(random), random, 1 + random.nextInt(4));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("sakilaSeeds")
    void migratingSakilaToARandomChangeOfItReadsBackEqual(long seed) throws IOException {
        changeAndMigrateBothWays(sakila(), new SplittableRandom(seed), 6);
    }

    LongStream chainSeeds() {
        return PropertySeeds.seeds(6);
    }

    /**
     * One database migrated along a chain of random changes, each from the schema the previous one reached: changes
     * of objects that earlier changes made (a partition of a partitioned table made two steps before, a column added
     * to a table another step created) are exercised, which one change of a fixed schema rarely reaches.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("chainSeeds")
    void migratingAlongAChainOfRandomChangesReadsBackEqualAtEachStep(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        try (TestDatabase live = server().createDatabase()) {
            SchemaSnapshot current = create(live, randomSchema(random));
            for (int step = 0; step < 8; step++) {
                SchemaSnapshot changed = RandomSchemaChanges.mutate(current, random, 1 + random.nextInt(3));
                SchemaSnapshot target;
                try (TestDatabase scratch = server().createDatabase()) {
                    target = create(scratch, engine().dumpSchema(changed));
                }
                migrates(live, current, target);
                current = target;
            }
        }
    }

    private void changeAndMigrateBothWays(String script, SplittableRandom random, int changes) {
        try (TestDatabase a = server().createDatabase();
                TestDatabase b = server().createDatabase()) {
            SchemaSnapshot before = create(a, script);
            SchemaSnapshot changed = RandomSchemaChanges.mutate(before, random, changes);
            SchemaSnapshot after = create(b, engine().dumpSchema(changed));

            migrates(a, before, after);
            migrates(b, after, before);
        }
    }

    Stream<Arguments> versionedSteps() {
        return versionedMigrations().stream().flatMap(relative -> {
            List<VersionedStep> steps = SchemaRoundTrips.versionedSteps(SchemaRoundTrips.corpusPath(relative));
            return IntStream.range(1, steps.size())
                    .mapToObj(i -> Arguments.of(
                            relative, steps.get(i - 1).version(), steps.get(i).version(), i, steps));
        });
    }

    /** One step: from the schema after version {@code i - 1} of a directory to the one after version i. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("versionedSteps")
    void migratingBetweenConsecutiveVersionsReadsBackEqual(
            String directory, String from, String to, int i, List<VersionedStep> steps) {
        List<SchemaSnapshot> snapshots = versions.computeIfAbsent(
                directory, d -> SchemaRoundTrips.snapshotsAfterEachStep(engine(), server(), steps));
        SchemaSnapshot before = snapshots.get(i - 1);
        SchemaSnapshot after = snapshots.get(i);

        // A version without scripts (one later combined into another's) changes nothing; every other one does.
        boolean changes = !engine().migrationDdl(before, after).isEmpty();
        if (changes == steps.get(i).files().isEmpty()) {
            throw new AssertionError("version " + to + " of " + directory + " has "
                    + steps.get(i).files().size() + " scripts but " + (changes ? "changes" : "does not change")
                    + " the schema");
        }
        try (TestDatabase database = server().createDatabase()) {
            SchemaSnapshot start = create(database, engine().dumpSchema(before));
            if (!SchemaRoundTrips.comparable(start).equals(SchemaRoundTrips.comparable(before))) {
                throw new AssertionError(
                        "the dump of version " + from + " reads back different:\n" + describe(start, before));
            }
            migrates(database, before, after);
        }
    }
}
