package io.dbchange.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.core.schema.diff.SchemaDiff;
import io.dbchange.testing.SchemaMigrationContract;
import io.dbchange.testing.SchemaRoundTrips;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServer;
import io.dbchange.testing.TestServers;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The migration property against the embedded MariaDB ({@link SchemaMigrationContract}: random schemas with random
 * changes, Sakila, Temporal's versioned migrations), and the statements the MySQL DDL writer chooses.
 */
class MySqlMigrationIT extends SchemaMigrationContract {

    private final MySqlEngine engine = new MySqlEngine();

    @Override
    protected DatabaseEngine engine() {
        return engine;
    }

    @Override
    protected TestServer server() {
        return TestServers.mysql();
    }

    @Override
    protected String everyKind() {
        return MySqlSchemaIT.EVERY_KIND;
    }

    @Override
    protected String smallSchema() {
        return "CREATE TABLE parent (id INT NOT NULL, extra VARCHAR(5), PRIMARY KEY (id));"
                + " CREATE VIEW v_parent AS SELECT id FROM parent";
    }

    @Override
    protected String randomSchema(SplittableRandom random) {
        return RandomMySqlSchema.generate(random);
    }

    @Override
    protected String sakila() throws IOException {
        return MySqlSchemaIT.sakila();
    }

    /** temporal/mysql/v8/visibility needs MySQL 8 (->> operator, functional indexes) and does not run on MariaDB. */
    @Override
    protected List<String> versionedMigrations() {
        return List.of("temporal/mysql/v8/temporal/versioned");
    }

    @Override
    protected String describe(SchemaSnapshot reached, SchemaSnapshot target) {
        return SchemaDiff.between(reached, target).report();
    }

    @Test
    void writesDdlThatAltersTablesInPlace() {
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
}
