package io.dbchange.mysql;

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
import io.dbchange.testing.junit.MySqlDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The migration property against the embedded MariaDB: in a database of schema A, running
 * {@code migrationDdl(A, B)} gives a database that reads back equal to B; on random schemas with random changes (both
 * directions), on Sakila with random changes, and on Temporal's versioned migrations step by step.
 */
@DbChangeTest
class MySqlMigrationIT {

    private final MySqlEngine engine = new MySqlEngine();

    static LongStream seeds() {
        return PropertySeeds.seeds(50);
    }

    static LongStream sakilaSeeds() {
        return PropertySeeds.seeds(8);
    }

    @Test
    void equalSchemasNeedNoMigration(@MySqlDatabase TestDatabase database) {
        SchemaSnapshot schema = SchemaRoundTrips.applyAndRead(engine, database, MySqlSchemaIT.EVERY_KIND);

        assertThat(engine.migrationDdl(schema, schema)).isEmpty();
    }

    @Test
    void migratesEveryObjectKindAwayAndBack(@MySqlDatabase TestDatabase database) {
        SchemaSnapshot every = SchemaRoundTrips.applyAndRead(engine, database, MySqlSchemaIT.EVERY_KIND);
        try (TestDatabase other = TestServers.mysql().createDatabase()) {
            SchemaSnapshot small = SchemaRoundTrips.applyAndRead(
                    engine,
                    other,
                    "CREATE TABLE parent (id INT NOT NULL, extra VARCHAR(5), PRIMARY KEY (id));"
                            + " CREATE VIEW v_parent AS SELECT id FROM parent");

            migrates(database, every, small);
            migrates(database, small, every);
        }
    }

    @Test
    void writesDdlThatAltersInPlace() {
        SchemaSnapshot a;
        SchemaSnapshot b;
        try (TestDatabase first = TestServers.mysql().createDatabase();
                TestDatabase second = TestServers.mysql().createDatabase()) {
            a = SchemaRoundTrips.applyAndRead(
                    engine,
                    first,
                    "CREATE TABLE t (id INT PRIMARY KEY, a INT, b VARCHAR(5), KEY ix_a (a));"
                            + " CREATE TABLE u (id INT PRIMARY KEY, t_id INT,"
                            + " CONSTRAINT fk_u FOREIGN KEY (t_id) REFERENCES t (id))");
            b = SchemaRoundTrips.applyAndRead(
                    engine,
                    second,
                    "CREATE TABLE t (id INT PRIMARY KEY, b VARCHAR(9) NOT NULL, a INT, c INT DEFAULT 3, KEY ix_b (b));"
                            + " CREATE TABLE u (id INT PRIMARY KEY, t_id INT, KEY fk_u (t_id))");
        }

        String ddl = engine.migrationDdl(a, b);

        assertThat(SchemaDiff.between(a, b).report())
                .contains(
                        "~ column t.b (type, nullable)",
                        "~ column t.a (position)",
                        "- index t.ix_a",
                        "- foreign key u.fk_u");
        assertThat(ddl)
                .contains(
                        "ALTER TABLE `u` DROP FOREIGN KEY `fk_u`;",
                        "ALTER TABLE `t` DROP INDEX `ix_a`;",
                        "ALTER TABLE `t` MODIFY COLUMN `b` varchar(9) NOT NULL",
                        "ALTER TABLE `t` ADD COLUMN `c` int NULL DEFAULT 3 AFTER `a`;",
                        "ALTER TABLE `t` ADD KEY `ix_b` (`b`);")
                .doesNotContain("DROP TABLE");
        assertThat(ddl.indexOf("DROP FOREIGN KEY")).isLessThan(ddl.indexOf("DROP INDEX"));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void migratingARandomSchemaToARandomChangeOfItReadsBackEqual(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String script = RandomMySqlSchema.generate(random);
        try (TestDatabase a = TestServers.mysql().createDatabase();
                TestDatabase b = TestServers.mysql().createDatabase()) {
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
        String sakila = sakila();
        SplittableRandom random = new SplittableRandom(seed);
        try (TestDatabase a = TestServers.mysql().createDatabase();
                TestDatabase b = TestServers.mysql().createDatabase()) {
            SchemaSnapshot before = SchemaRoundTrips.applyAndRead(engine, a, sakila);
            SchemaSnapshot changed = RandomSchemaChanges.mutate(before, random, 6);
            SchemaSnapshot after = SchemaRoundTrips.applyAndRead(engine, b, engine.dumpSchema(changed));

            migrates(a, before, after);
            migrates(b, after, before);
        }
    }

    static Stream<Arguments> temporalSteps() {
        List<VersionedStep> steps =
                SchemaRoundTrips.versionedSteps(SchemaRoundTrips.corpusPath("temporal/mysql/v8/temporal/versioned"));
        return IntStream.range(1, steps.size())
                .mapToObj(i ->
                        Arguments.of(steps.get(i - 1).version(), steps.get(i).version(), i, steps));
    }

    private static List<SchemaSnapshot> temporalSnapshots;

    /** One step of Temporal's schema: from the schema after version {@code i - 1} to the one after version i. */
    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("temporalSteps")
    void migratingBetweenConsecutiveTemporalVersionsReadsBackEqual(
            String from, String to, int i, List<VersionedStep> steps) {
        synchronized (MySqlMigrationIT.class) {
            if (temporalSnapshots == null) {
                temporalSnapshots = SchemaRoundTrips.snapshotsAfterEachStep(engine, TestServers.mysql(), steps);
            }
        }
        SchemaSnapshot before = temporalSnapshots.get(i - 1);
        SchemaSnapshot after = temporalSnapshots.get(i);

        assertThat(SchemaDiff.between(before, after).isEmpty())
                .as("version %s changes the schema", to)
                .isFalse();
        SchemaRoundTrips.assertMigrates(engine, TestServers.mysql(), before, after);
    }

    private static String sakila() throws IOException {
        return Files.readString(SchemaRoundTrips.corpusPath("sakila/mysql-sakila-schema.sql"))
                .replace("CREATE SCHEMA sakila;", "")
                .replace("USE sakila;", "")
                .replace("DROP SCHEMA IF EXISTS sakila;", "")
                .replace("sakila.", "");
    }

    private void migrates(TestDatabase database, SchemaSnapshot from, SchemaSnapshot to) {
        SchemaRoundTrips.assertMigrates(
                engine, database, from, to, (reached, target) -> SchemaDiff.between(reached, target).report());
    }
}
