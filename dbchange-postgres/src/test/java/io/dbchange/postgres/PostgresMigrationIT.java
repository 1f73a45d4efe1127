package io.dbchange.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.core.schema.diff.SchemaDiff;
import io.dbchange.testing.PropertySeeds;
import io.dbchange.testing.RandomSchemaChanges;
import io.dbchange.testing.SchemaRoundTrips;
import io.dbchange.testing.SchemaRoundTrips.VersionedStep;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import io.dbchange.testing.junit.DbChangeTest;
import io.dbchange.testing.junit.PostgresDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The migration property against the embedded PostgreSQL: in a database of schema A, running
 * {@code migrationDdl(A, B)} gives a database that reads back equal to B; on random schemas with random changes (both
 * directions), on Sakila with random changes, and on Temporal's versioned migrations step by step.
 */
@DbChangeTest
class PostgresMigrationIT {

    private final PostgresEngine engine = new PostgresEngine();

    static LongStream seeds() {
        return PropertySeeds.seeds(50);
    }

    static LongStream sakilaSeeds() {
        return PropertySeeds.seeds(8);
    }

    @Test
    void equalSchemasNeedNoMigration(@PostgresDatabase TestDatabase database) {
        SchemaSnapshot schema = SchemaRoundTrips.applyAndRead(engine, database, PostgresSchemaIT.EVERY_KIND);

        assertThat(engine.migrationDdl(schema, schema)).isEmpty();
    }

    @Test
    void migratesEveryObjectKindAwayAndBack(@PostgresDatabase TestDatabase database) {
        SchemaSnapshot every = SchemaRoundTrips.applyAndRead(engine, database, PostgresSchemaIT.EVERY_KIND);
        try (TestDatabase other = TestServers.postgres().createDatabase()) {
            SchemaSnapshot small = SchemaRoundTrips.applyAndRead(
                    engine,
                    other,
                    "CREATE TYPE mood AS ENUM ('ok', 'sad'); CREATE TABLE parent (id integer PRIMARY KEY, extra"
                            + " varchar(5)); CREATE VIEW v_parent AS SELECT id FROM parent");

            migrates(database, every, small);
            migrates(database, small, every);
        }
    }

    @Test
    void writesDdlThatAltersInPlace() {
        SchemaSnapshot a;
        SchemaSnapshot b;
        try (TestDatabase first = TestServers.postgres().createDatabase();
                TestDatabase second = TestServers.postgres().createDatabase()) {
            a = SchemaRoundTrips.applyAndRead(
                    engine,
                    first,
                    "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE t (id integer PRIMARY KEY, a integer,"
                            + " b varchar(5) DEFAULT 'x', m mood); CREATE INDEX ix_a ON t (a);"
                            + " CREATE VIEW v AS SELECT id, b FROM t");
            b = SchemaRoundTrips.applyAndRead(
                    engine,
                    second,
                    "CREATE TYPE mood AS ENUM ('sad', 'meh', 'ok'); CREATE TABLE t (id integer PRIMARY KEY,"
                            + " a integer, b varchar(9) NOT NULL DEFAULT 'y', m mood, c integer DEFAULT 3);"
                            + " CREATE VIEW v AS SELECT id, b FROM t");
        }

        String ddl = engine.migrationDdl(a, b);

        assertThat(ddl)
                .contains(
                        "ALTER TYPE \"public\".\"mood\" ADD VALUE 'meh' AFTER 'sad';",
                        "DROP VIEW \"public\".\"v\";",
                        "DROP INDEX IF EXISTS \"public\".\"ix_a\";",
                        "ALTER TABLE \"public\".\"t\" ALTER COLUMN \"b\" TYPE character varying(9)",
                        "ALTER TABLE \"public\".\"t\" ALTER COLUMN \"b\" SET NOT NULL;",
                        "ALTER TABLE \"public\".\"t\" ADD COLUMN \"c\" integer DEFAULT 3;")
                .doesNotContain("DROP TABLE");
        assertThat(ddl.indexOf("DROP VIEW")).isLessThan(ddl.indexOf("TYPE character varying(9)"));
        assertThat(ddl.indexOf("TYPE character varying(9)")).isLessThan(ddl.indexOf("CREATE VIEW"));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void migratingARandomSchemaToARandomChangeOfItReadsBackEqual(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String script = RandomPostgresSchema.generate(random);
        try (TestDatabase a = TestServers.postgres().createDatabase();
                TestDatabase b = TestServers.postgres().createDatabase()) {
            SchemaSnapshot before = SchemaRoundTrips.applyAndRead(engine, a, script);
            SchemaSnapshot changed = RandomSchemaChanges.mutate(before, random);
            SchemaSnapshot after = SchemaRoundTrips.applyAndRead(engine, b, engine.dumpSchema(changed));

            migrates(a, before, after);
            migrates(b, after, before);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("sakilaSeeds")
    void migratingSakilaToARandomChangeOfItReadsBackEqual(long seed) throws IOException {
        // The corpus file was dumped by a superuser named postgres; the test database belongs to another user.
        String sakila = Files.readString(SchemaRoundTrips.corpusPath("sakila/postgres-sakila-schema.sql"))
                .replaceAll("(?m)^ALTER .* OWNER TO postgres;$", "");
        SplittableRandom random = new SplittableRandom(seed);
        try (TestDatabase a = TestServers.postgres().createDatabase();
                TestDatabase b = TestServers.postgres().createDatabase()) {
            SchemaSnapshot before = SchemaRoundTrips.applyAndRead(engine, a, sakila);
            SchemaSnapshot changed = RandomSchemaChanges.mutate(before, random, 6);
            SchemaSnapshot after = SchemaRoundTrips.applyAndRead(engine, b, engine.dumpSchema(changed));

            migrates(a, before, after);
            migrates(b, after, before);
        }
    }

    static Stream<Arguments> temporalSteps() {
        return Stream.of("temporal/postgresql/v12/temporal/versioned", "temporal/postgresql/v12/visibility/versioned")
                .flatMap(relative -> {
                    List<VersionedStep> steps = SchemaRoundTrips.versionedSteps(SchemaRoundTrips.corpusPath(relative));
                    String name = relative.split("/")[3];
                    return IntStream.range(1, steps.size())
                            .mapToObj(i -> Arguments.of(
                                    name,
                                    steps.get(i - 1).version(),
                                    steps.get(i).version(),
                                    i,
                                    steps));
                });
    }

    private static final Map<String, List<SchemaSnapshot>> TEMPORAL = new ConcurrentHashMap<>();

    /** One step of a Temporal schema: from the schema after version {@code i - 1} to the one after version i. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("temporalSteps")
    void migratingBetweenConsecutiveTemporalVersionsReadsBackEqual(
            String schema, String from, String to, int i, List<VersionedStep> steps) {
        List<SchemaSnapshot> snapshots = TEMPORAL.computeIfAbsent(
                schema, s -> SchemaRoundTrips.snapshotsAfterEachStep(engine, TestServers.postgres(), steps));
        SchemaSnapshot before = snapshots.get(i - 1);
        SchemaSnapshot after = snapshots.get(i);

        assertThat(SchemaDiff.between(before, after).isEmpty())
                .as("version %s changes the schema", to)
                .isFalse();
        SchemaRoundTrips.assertMigrates(engine, TestServers.postgres(), before, after);
    }

    private void migrates(TestDatabase database, SchemaSnapshot from, SchemaSnapshot to) {
        SchemaRoundTrips.assertMigrates(
                engine, database, from, to, (reached, target) -> SchemaDiff.between(reached, target).report());
    }
}
