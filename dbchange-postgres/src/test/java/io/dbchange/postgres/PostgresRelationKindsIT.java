package io.dbchange.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.schema.Index;
import io.dbchange.api.schema.SchemaSnapshot;
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
}
