package io.dbchange.postgres;

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
 * The migration property against the embedded PostgreSQL ({@link SchemaMigrationContract}: random schemas with
 * random changes, Sakila, Temporal's versioned migrations), and the statements the PostgreSQL DDL writer chooses.
 */
class PostgresMigrationIT extends SchemaMigrationContract {

    private final PostgresEngine engine = new PostgresEngine();

    @Override
    protected DatabaseEngine engine() {
        return engine;
    }

    @Override
    protected TestServer server() {
        return TestServers.postgres();
    }

    @Override
    protected String everyKind() {
        return PostgresSchemaIT.EVERY_KIND;
    }

    @Override
    protected String smallSchema() {
        return "CREATE TYPE mood AS ENUM ('ok', 'sad'); CREATE TABLE parent (id integer PRIMARY KEY, extra"
                + " varchar(5)); CREATE VIEW v_parent AS SELECT id FROM parent";
    }

    @Override
    protected String randomSchema(SplittableRandom random) {
        return RandomPostgresSchema.generate(random);
    }

    @Override
    protected String sakila() throws IOException {
        return PostgresSchemaIT.sakila();
    }

    @Override
    protected List<String> versionedMigrations() {
        return List.of("temporal/postgresql/v12/temporal/versioned", "temporal/postgresql/v12/visibility/versioned");
    }

    @Override
    protected String describe(SchemaSnapshot reached, SchemaSnapshot target) {
        return SchemaDiff.between(reached, target).report();
    }

    @Test
    void writesDdlThatAltersTablesInPlace() {
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
}
