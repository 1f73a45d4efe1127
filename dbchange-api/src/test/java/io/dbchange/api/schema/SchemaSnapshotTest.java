package io.dbchange.api.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.sql.Dialect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaSnapshotTest {

    static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");
    static final Table ORDERS = Table.of("orders", List.of(Column.of("id", "bigint", false)));

    static Schema schema(String name, List<EnumType> enums, List<DomainType> domains, List<Event> events) {
        return new Schema(name, List.of(), List.of(), List.of(), List.of(), List.of(), enums, domains, events);
    }

    @Test
    void findsSchemasAndTablesByExactName() {
        Schema pub = Schema.of("public", List.of(ORDERS));
        SchemaSnapshot snapshot =
                new SchemaSnapshot(Dialect.POSTGRESQL, "shop", AT, List.of(pub, Schema.of("audit", List.of())));

        assertThat(snapshot.schema("public")).contains(pub);
        assertThat(snapshot.schema("Public")).isEmpty();
        assertThat(pub.table("orders")).contains(ORDERS);
        assertThat(pub.table("ORDERS")).isEmpty();
        assertThat(pub.view("orders")).isEmpty();
    }

    @Test
    void twoMysqlSnapshotsOfTheSameStructureAreEqualWhateverTheDatabaseName() {
        Schema db = Schema.of("", List.of(ORDERS));

        assertThat(new SchemaSnapshot(Dialect.MYSQL, "app_test", AT, List.of(db)).schemas())
                .isEqualTo(new SchemaSnapshot(Dialect.MYSQL, "app", AT, List.of(db)).schemas());
    }

    @Test
    void aMysqlSnapshotHoldsExactlyOneSchemaNamedEmpty() {
        assertThatThrownBy(() -> new SchemaSnapshot(Dialect.MYSQL, "app", AT, List.of()))
                .hasMessageContaining("exactly one schema, named ''");
        assertThatThrownBy(() -> new SchemaSnapshot(Dialect.MYSQL, "app", AT, List.of(Schema.of("app", List.of()))))
                .hasMessageContaining("exactly one schema, named ''");
        assertThatThrownBy(() -> new SchemaSnapshot(
                        Dialect.MYSQL, "app", AT, List.of(Schema.of("", List.of()), Schema.of("x", List.of()))))
                .hasMessageContaining("exactly one schema, named ''");
    }

    @Test
    void enumAndDomainTypesAreOnlyPostgresAndEventsOnlyMysql() {
        EnumType mood = new EnumType("mood", List.of("sad", "ok"));
        DomainType email = new DomainType("email", "text", true, Optional.empty(), List.of());
        Event purge = new Event("purge", "EVERY 1 DAY", "DELETE FROM log", true);

        assertThat(new SchemaSnapshot(
                                Dialect.POSTGRESQL,
                                "shop",
                                AT,
                                List.of(schema("public", List.of(mood), List.of(email), List.of())))
                        .schemas())
                .hasSize(1);
        assertThat(new SchemaSnapshot(
                                Dialect.MYSQL, "shop", AT, List.of(schema("", List.of(), List.of(), List.of(purge))))
                        .schemas())
                .hasSize(1);
        assertThatThrownBy(() -> new SchemaSnapshot(
                        Dialect.MYSQL, "shop", AT, List.of(schema("", List.of(mood), List.of(), List.of()))))
                .hasMessageContaining("no enum or domain types");
        assertThatThrownBy(() -> new SchemaSnapshot(
                        Dialect.MYSQL, "shop", AT, List.of(schema("", List.of(), List.of(email), List.of()))))
                .hasMessageContaining("no enum or domain types");
        assertThatThrownBy(() -> new SchemaSnapshot(
                        Dialect.POSTGRESQL,
                        "shop",
                        AT,
                        List.of(schema("public", List.of(), List.of(), List.of(purge)))))
                .hasMessageContaining("has no events");
        assertThatThrownBy(() -> new SchemaSnapshot(Dialect.POSTGRESQL, "shop", AT, List.of(Schema.of("", List.of()))))
                .hasMessageContaining("had a schema named ''");
    }

    @Test
    void namesAreDistinctInEachList() {
        assertThatThrownBy(() -> new SchemaSnapshot(
                        Dialect.POSTGRESQL,
                        "shop",
                        AT,
                        List.of(Schema.of("public", List.of()), Schema.of("public", List.of()))))
                .hasMessage("'schemas' holds schema name 'public' more than once");
        assertThatThrownBy(() -> Schema.of("public", List.of(ORDERS, ORDERS)))
                .hasMessage("'tables' holds table name 'orders' more than once");
    }

    @Test
    void routinesMayShareANameWhenTheirSignaturesDiffer() {
        Routine one = new Routine(Routine.Kind.FUNCTION, "f", "(integer) RETURNS integer", "BEGIN ... END");
        Routine two = new Routine(Routine.Kind.FUNCTION, "f", "(text) RETURNS integer", "BEGIN ... END");

        Schema schema = new Schema(
                "public",
                List.of(),
                List.of(),
                List.of(),
                List.of(one, two),
                List.of(),
                List.of(),
                List.of(),
                List.of());

        assertThat(schema.routines()).containsExactly(one, two);
        assertThatThrownBy(() -> new Schema(
                        "public",
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(one, one),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of()))
                .hasMessageContaining("'routines' holds routine");
    }

    @Test
    void triggersMayShareANameOnDifferentTables() {
        Trigger onA = new Trigger("audit", "a", Trigger.Timing.AFTER, List.of(Trigger.Operation.INSERT), "...");
        Trigger onB = new Trigger("audit", "b", Trigger.Timing.AFTER, List.of(Trigger.Operation.INSERT), "...");

        Schema schema = new Schema(
                "public",
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(onA, onB),
                List.of(),
                List.of(),
                List.of());

        assertThat(schema.triggers()).hasSize(2);
        assertThatThrownBy(() -> new Schema(
                        "public",
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(onA, onA),
                        List.of(),
                        List.of(),
                        List.of()))
                .hasMessage("'triggers' holds trigger 'a.audit' more than once");
    }

    @Test
    void copiesItsLists() {
        List<Table> tables = new ArrayList<>(List.of(ORDERS));
        List<Schema> schemas = new ArrayList<>();
        Schema schema = Schema.of("public", tables);
        schemas.add(schema);
        SchemaSnapshot snapshot = new SchemaSnapshot(Dialect.POSTGRESQL, "shop", AT, schemas);
        tables.clear();
        schemas.clear();

        assertThat(schema.tables()).hasSize(1).isUnmodifiable();
        assertThat(snapshot.schemas()).hasSize(1).isUnmodifiable();
        assertThat(schema.views()).isUnmodifiable();
        assertThat(schema.events()).isUnmodifiable();
    }
}
