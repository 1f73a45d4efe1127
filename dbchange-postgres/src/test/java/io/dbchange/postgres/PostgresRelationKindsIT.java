package io.dbchange.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.schema.Index;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.Table;
import io.dbchange.api.schema.TableOptions;
import io.dbchange.api.schema.View;
import io.dbchange.core.schema.SchemaJson;
import io.dbchange.core.schema.diff.SchemaDiff;
import io.dbchange.testing.SchemaRoundTrips;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import io.dbchange.testing.junit.DbChangeTest;
import io.dbchange.testing.junit.PostgresDatabase;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL relation kinds beyond plain tables and views (materialized views, exclusion constraints,
 * partitions, inheritance): read, dumped and migrated. For each, dump(A) applied to an empty database reads back
 * equal to A, and {@code migrationDdl(A, B)} applied to a database of A reads back equal to B (and back).
 */
@DbChangeTest
class PostgresRelationKindsIT {

    private final PostgresEngine engine = new PostgresEngine();

    static final String MATERIALIZED = """
            CREATE TABLE orders (id integer PRIMARY KEY, customer text NOT NULL, total numeric(10,2) NOT NULL);
            CREATE MATERIALIZED VIEW order_totals AS
              SELECT customer, sum(total) AS total, count(*) AS n FROM orders GROUP BY customer;
            CREATE UNIQUE INDEX order_totals_customer ON order_totals (customer);
            CREATE INDEX order_totals_big ON order_totals (total DESC) WHERE total > 100;
            CREATE VIEW big_customers AS SELECT customer FROM order_totals WHERE total > 1000;
            """;

    @Test
    void materializedViewsAndTheirIndexesAreReadDumpedAndMigrated(@PostgresDatabase TestDatabase database) {
        SchemaSnapshot a = SchemaRoundTrips.applyAndRead(engine, database, MATERIALIZED);
        View totals = a.schema("public").orElseThrow().view("order_totals").orElseThrow();
        assertThat(totals.materialized()).isTrue();
        assertThat(totals.indexes())
                .extracting(Index::name)
                .containsExactly("order_totals_big", "order_totals_customer");
        assertThat(a.schema("public")
                        .orElseThrow()
                        .view("big_customers")
                        .orElseThrow()
                        .materialized())
                .isFalse();
        assertThat(engine.dumpSchema(a)).contains("CREATE MATERIALIZED VIEW");

        try (TestDatabase other = TestServers.postgres().createDatabase()) {
            SchemaSnapshot b = SchemaRoundTrips.applyAndRead(
                    engine,
                    other,
                    MATERIALIZED
                            .replace("count(*) AS n", "count(*) AS n, max(total) AS top")
                            .replace("WHERE total > 100", "WHERE total > 200"));
            assertThat(SchemaDiff.between(a, b).isEmpty()).isFalse();
            SchemaRoundTrips.assertMigrates(engine, TestServers.postgres(), a, b);
            SchemaRoundTrips.assertMigrates(engine, TestServers.postgres(), b, a);
        }
        try (TestDatabase plain = TestServers.postgres().createDatabase()) {
            // a materialized view and a plain view of the same query differ
            SchemaSnapshot c = SchemaRoundTrips.applyAndRead(
                    engine,
                    plain,
                    MATERIALIZED
                            .replace("CREATE MATERIALIZED VIEW", "CREATE VIEW")
                            .replaceAll("CREATE (UNIQUE )?INDEX order_totals[^;]*;", ""));
            assertThat(SchemaDiff.between(a, c).isEmpty()).isFalse();
            SchemaRoundTrips.assertMigrates(engine, TestServers.postgres(), a, c);
            SchemaRoundTrips.assertMigrates(engine, TestServers.postgres(), c, a);
        }
    }

    static final String EXCLUSION = """
            CREATE EXTENSION btree_gist;
            CREATE TABLE booking (
              id integer PRIMARY KEY,
              room integer NOT NULL,
              during tstzrange NOT NULL,
              cancelled boolean NOT NULL DEFAULT false,
              CONSTRAINT booking_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (NOT cancelled)
            );
            CREATE TABLE slot (during tsrange NOT NULL, CONSTRAINT slot_excl EXCLUDE USING gist (during WITH &&));
            """;

    @Test
    void exclusionConstraintsAreReadDumpedAndMigrated(@PostgresDatabase TestDatabase database) {
        SchemaSnapshot a = SchemaRoundTrips.applyAndRead(engine, database, EXCLUSION);
        Index index = a.schema("public")
                .orElseThrow()
                .table("booking")
                .orElseThrow()
                .index("booking_no_overlap")
                .orElseThrow();
        assertThat(index.exclusionOperators()).containsExactly("=", "&&");
        assertThat(index.predicate()).contains("NOT cancelled");
        assertThat(SchemaJson.read(SchemaJson.write(a))).isEqualTo(a);

        try (TestDatabase other = TestServers.postgres().createDatabase()) {
            // the same index without the constraint is a different schema
            SchemaSnapshot b = SchemaRoundTrips.applyAndRead(
                    engine,
                    other,
                    EXCLUSION
                            .replace(
                                    "CONSTRAINT booking_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)"
                                            + " WHERE (NOT cancelled)",
                                    "CONSTRAINT booking_room CHECK (room > 0)")
                            .replace(
                                    ");\nCREATE TABLE slot",
                                    ");\nCREATE INDEX booking_no_overlap ON booking"
                                            + " USING gist (room, during) WHERE NOT cancelled;\nCREATE TABLE slot")
                            .replace("during WITH &&))", "during WITH &&) WHERE (lower(during) > '2000-01-01'))"));
            assertThat(b.schema("public")
                            .orElseThrow()
                            .table("booking")
                            .orElseThrow()
                            .index("booking_no_overlap"))
                    .hasValueSatisfying(i -> assertThat(i.exclusion()).isFalse());
            assertThat(SchemaDiff.between(a, b).isEmpty()).isFalse();
            SchemaRoundTrips.assertMigrates(engine, TestServers.postgres(), a, b);
            SchemaRoundTrips.assertMigrates(engine, TestServers.postgres(), b, a);
        }
    }

    static final String PARTITIONED = """
            CREATE TABLE customer (id integer PRIMARY KEY);
            CREATE TABLE measurement (
              id bigint NOT NULL,
              customer integer REFERENCES customer,
              taken date NOT NULL,
              region text NOT NULL,
              value numeric CHECK (value >= 0),
              PRIMARY KEY (id, taken, region)
            ) PARTITION BY RANGE (taken);
            CREATE INDEX measurement_region ON measurement (region);
            CREATE TABLE measurement_2024 PARTITION OF measurement FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE "Old" PARTITION OF measurement FOR VALUES FROM (MINVALUE) TO ('2024-01-01');
            CREATE TABLE measurement_2025 PARTITION OF measurement FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
              PARTITION BY LIST (region);
            CREATE TABLE measurement_2025_eu PARTITION OF measurement_2025 FOR VALUES IN ('eu', 'uk');
            CREATE TABLE measurement_2025_rest PARTITION OF measurement_2025 DEFAULT;
            CREATE INDEX measurement_2025_rest_value ON measurement_2025_rest (value) WHERE value > 0;
            CREATE TABLE reading (id integer NOT NULL, m_id bigint, m_taken date, m_region text,
              FOREIGN KEY (m_id, m_taken, m_region) REFERENCES measurement) PARTITION BY HASH (id);
            CREATE TABLE reading_0 PARTITION OF reading FOR VALUES WITH (MODULUS 2, REMAINDER 0);
            CREATE TABLE reading_1 PARTITION OF reading FOR VALUES WITH (MODULUS 2, REMAINDER 1);
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
            CREATE TRIGGER measurement_touch BEFORE INSERT ON measurement FOR EACH ROW EXECUTE FUNCTION touch();
            """;

    @Test
    void partitionsArePartOfTheirParentAndAreDumpedAndMigrated(@PostgresDatabase TestDatabase database) {
        SchemaSnapshot a = SchemaRoundTrips.applyAndRead(engine, database, PARTITIONED);
        Schema pub = a.schema("public").orElseThrow();
        assertThat(pub.tables()).extracting(Table::name).containsExactly("customer", "measurement", "reading");
        assertThat(pub.table("measurement").orElseThrow().options().partitioning())
                .contains("RANGE (taken) (PARTITION \"Old\" FOR VALUES FROM (MINVALUE) TO ('2024-01-01'),"
                        + " PARTITION measurement_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01'),"
                        + " PARTITION measurement_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"
                        + " PARTITION BY LIST (region) (PARTITION measurement_2025_eu FOR VALUES IN ('eu', 'uk'),"
                        + " PARTITION measurement_2025_rest DEFAULT INDEXES ('CREATE INDEX measurement_2025_rest_value"
                        + " ON public.measurement_2025_rest USING btree (value) WHERE (value > (0)::numeric)')))");
        assertThat(pub.table("reading").orElseThrow().foreignKeys()).hasSize(1);
        assertThat(pub.triggers()).hasSize(1);

        try (TestDatabase other = TestServers.postgres().createDatabase()) {
            SchemaSnapshot b = SchemaRoundTrips.applyAndRead(
                    engine,
                    other,
                    PARTITIONED
                            .replace("('2024-01-01') TO ('2025-01-01');", "('2024-01-01') TO ('2024-07-01');")
                            .replace("FOR VALUES IN ('eu', 'uk')", "FOR VALUES IN ('eu')")
                            .replace("CREATE TABLE reading_1 ", "CREATE TABLE reading_one ")
                            .replace("(value) WHERE value > 0", "(value, region)")
                            // an index of a partition's own, alone: the partition and its rows stay
                            .replace(
                                    "REMAINDER 0);",
                                    "REMAINDER 0);\nCREATE UNIQUE INDEX reading_0_m ON reading_0 (m_id DESC);"));
            assertThat(engine.migrationDdl(a, b))
                    .contains("CREATE UNIQUE INDEX reading_0_m")
                    .doesNotContain("DROP TABLE \"public\".reading_0;");
            assertThat(engine.migrationDdl(b, a))
                    .contains("DROP INDEX \"public\".reading_0_m")
                    .doesNotContain("DROP TABLE \"public\".reading_0;");
            assertThat(SchemaDiff.between(a, b).isEmpty()).isFalse();
            SchemaRoundTrips.assertMigrates(engine, TestServers.postgres(), a, b);
            SchemaRoundTrips.assertMigrates(engine, TestServers.postgres(), b, a);
        }
    }

    /** Partitions with checks and foreign keys of their own; the tables they refer to sort after the partitioned one. */
    static final String PARTITION_CONSTRAINTS = """
            CREATE TABLE sample (id bigint NOT NULL, taken date NOT NULL, region text, sensor integer, value numeric)
              PARTITION BY RANGE (taken);
            CREATE TABLE sample_2024 PARTITION OF sample FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE zone (code text PRIMARY KEY);
            CREATE TABLE zsensor (id integer PRIMARY KEY);
            ALTER TABLE sample_2024 ADD CONSTRAINT sample_2024_value CHECK (value < 1000);
            ALTER TABLE sample_2024 ADD CONSTRAINT "sample 2024 zone" FOREIGN KEY (region) REFERENCES zone
              ON DELETE SET NULL;
            CREATE TABLE sample_2025 PARTITION OF sample FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
              PARTITION BY LIST (region);
            CREATE TABLE sample_2025_eu PARTITION OF sample_2025 FOR VALUES IN ('eu');
            ALTER TABLE sample_2025_eu ADD CONSTRAINT sample_2025_eu_sensor FOREIGN KEY (sensor) REFERENCES zsensor
              ON UPDATE CASCADE;
            ALTER TABLE sample_2025_eu ADD CONSTRAINT sample_2025_eu_positive CHECK (value > 0);
            """;

    @Test
    void aPartitionsOwnChecksAndForeignKeysAreReadDumpedAndMigratedInPlace(@PostgresDatabase TestDatabase database) {
        SchemaSnapshot a = SchemaRoundTrips.applyAndRead(engine, database, PARTITION_CONSTRAINTS);
        Table sample = a.schema("public").orElseThrow().table("sample").orElseThrow();
        assertThat(sample.checks()).isEmpty();
        assertThat(sample.foreignKeys()).isEmpty();
        assertThat(sample.options().partitioning())
                .contains("RANGE (taken) (PARTITION sample_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"
                        + " CONSTRAINTS ('CONSTRAINT \"sample 2024 zone\" FOREIGN KEY (region) REFERENCES public.zone"
                        + " (code) ON DELETE SET NULL', 'CONSTRAINT sample_2024_value CHECK (value < 1000::numeric)'),"
                        + " PARTITION sample_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"
                        + " PARTITION BY LIST (region) (PARTITION sample_2025_eu FOR VALUES IN ('eu')"
                        + " CONSTRAINTS ('CONSTRAINT sample_2025_eu_positive CHECK (value > 0::numeric)',"
                        + " 'CONSTRAINT sample_2025_eu_sensor FOREIGN KEY (sensor) REFERENCES public.zsensor (id)"
                        + " ON UPDATE CASCADE')))");
        // the keys come after every table: zone and zsensor are created after sample
        String dump = engine.dumpSchema(a);
        assertThat(dump.indexOf("ADD CONSTRAINT sample_2025_eu_sensor"))
                .isGreaterThan(dump.indexOf("CREATE TABLE \"public\".\"zsensor\""));

        try (TestDatabase other = TestServers.postgres().createDatabase()) {
            SchemaSnapshot b = SchemaRoundTrips.applyAndRead(
                    engine,
                    other,
                    PARTITION_CONSTRAINTS
                            .replace("CHECK (value < 1000)", "CHECK (value < 2000)")
                            .replace("ON DELETE SET NULL", "ON DELETE CASCADE")
                            // the table a nested partition's key refers to goes, with the key
                            .replace("CREATE TABLE zsensor (id integer PRIMARY KEY);", "")
                            .replaceAll("ALTER TABLE sample_2025_eu ADD CONSTRAINT sample_2025_eu_sensor[^;]*;", "")
                            .replace("CHECK (value > 0)", "CHECK (value >= 0)"));
            assertThat(SchemaDiff.between(a, b).isEmpty()).isFalse();
            // the partitions and their rows stay: only their constraints change
            assertThat(engine.migrationDdl(a, b))
                    .doesNotContain("DROP TABLE \"public\".sample_2024")
                    .doesNotContain("DROP TABLE \"public\".sample_2025")
                    .contains("ALTER TABLE \"public\".sample_2025_eu DROP CONSTRAINT sample_2025_eu_sensor");
            assertThat(engine.migrationDdl(b, a)).doesNotContain("DROP TABLE \"public\".sample_20");
            SchemaRoundTrips.assertMigrates(engine, TestServers.postgres(), a, b);
            SchemaRoundTrips.assertMigrates(engine, TestServers.postgres(), b, a);
        }
    }

    static final String INHERITED = """
            CREATE TABLE a_city (
              id integer PRIMARY KEY,
              name text NOT NULL DEFAULT 'x',
              population integer CONSTRAINT city_population CHECK (population >= 0)
            );
            CREATE TABLE tagged (tag text);
            CREATE TABLE capital (
              state char(2) NOT NULL,
              CONSTRAINT capital_state CHECK (state <> '')
            ) INHERITS (a_city, tagged);
            CREATE INDEX capital_name ON capital (name);
            """;

    @Test
    void inheritedTablesAreReadDumpedAndMigrated(@PostgresDatabase TestDatabase database) {
        SchemaSnapshot a = SchemaRoundTrips.applyAndRead(engine, database, INHERITED);
        Table capital = a.schema("public").orElseThrow().table("capital").orElseThrow();
        assertThat(capital.options().inherits())
                .containsExactly(
                        new TableOptions.Parent("public", "a_city"), new TableOptions.Parent("public", "tagged"));
        assertThat(capital.columns())
                .extracting(c -> c.name())
                .containsExactly("id", "name", "population", "tag", "state");
        // the parent's check is the parent's, not listed again for the child
        assertThat(capital.checks()).extracting(c -> c.name()).containsExactly("capital_state");
        assertThat(engine.dumpSchema(a)).contains("INHERITS (\"public\".\"a_city\", \"public\".\"tagged\")");

        try (TestDatabase other = TestServers.postgres().createDatabase()) {
            SchemaSnapshot b = SchemaRoundTrips.applyAndRead(
                    engine,
                    other,
                    INHERITED
                            .replace("INHERITS (a_city, tagged)", "INHERITS (a_city)")
                            .replace("CREATE TABLE tagged (tag text);", "")
                            .replace("state char(2) NOT NULL,", "tag text, state char(2) NOT NULL,"));
            assertThat(SchemaDiff.between(a, b).isEmpty()).isFalse();
            SchemaRoundTrips.assertMigrates(engine, TestServers.postgres(), a, b);
            SchemaRoundTrips.assertMigrates(engine, TestServers.postgres(), b, a);
        }
        try (TestDatabase retyped = TestServers.postgres().createDatabase()) {
            // a parent's column retyped: PostgreSQL retypes the children's with it and refuses it on a child alone
            SchemaSnapshot c = SchemaRoundTrips.applyAndRead(
                    engine, retyped, INHERITED.replace("population integer", "population bigint"));
            assertThat(engine.migrationDdl(a, c))
                    .contains("ALTER TABLE \"public\".\"a_city\" ALTER COLUMN \"population\" TYPE bigint")
                    .doesNotContain("ALTER TABLE \"public\".\"capital\" ALTER COLUMN \"population\"");
            SchemaRoundTrips.assertMigrates(engine, TestServers.postgres(), a, c);
            SchemaRoundTrips.assertMigrates(engine, TestServers.postgres(), c, a);
        }
    }
}
