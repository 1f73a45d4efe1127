package io.dbchange.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.schema.Column;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.api.schema.SnapshotOptions.ObjectKind;
import io.dbchange.api.schema.Table;
import io.dbchange.api.schema.Trigger;
import io.dbchange.api.schema.View;
import io.dbchange.api.sql.Dialect;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaNormalizerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static Table table(String name) {
        return Table.of(name, List.of(Column.of("b", "int", true), Column.of("a", "int", true)));
    }

    private static SchemaSnapshot mysql(List<Table> tables, List<View> views, List<Trigger> triggers) {
        return new SchemaSnapshot(
                Dialect.MYSQL,
                "db",
                NOW,
                List.of(new Schema(
                        "", tables, views, List.of(), List.of(), triggers, List.of(), List.of(), List.of())));
    }

    @Test
    void sortsObjectsByNameButKeepsColumnOrder() {
        SchemaSnapshot snapshot = mysql(
                List.of(table("zebra"), table("alpha")),
                List.of(new View("v2", "select 1"), new View("v1", "select 2")),
                List.of());

        Schema schema = SchemaNormalizer.normalize(snapshot, SnapshotOptions.DEFAULTS)
                .schemas()
                .get(0);

        assertThat(schema.tables()).extracting(Table::name).containsExactly("alpha", "zebra");
        assertThat(schema.views()).extracting(View::name).containsExactly("v1", "v2");
        assertThat(schema.tables().get(0).columns()).extracting(Column::name).containsExactly("b", "a");
    }

    @Test
    void leavesOutOnlineDdlShadowTablesAndTheirTriggersByDefault() {
        Trigger shadowTrigger = new Trigger(
                "gh_ost_trg", "_orders_gho", Trigger.Timing.AFTER, List.of(Trigger.Operation.INSERT), "BEGIN END");
        SchemaSnapshot snapshot = mysql(
                List.of(table("orders"), table("_orders_gho"), table("_orders_del"), table("_orders_new")),
                List.of(),
                List.of(shadowTrigger));

        Schema schema = SchemaNormalizer.normalize(snapshot, SnapshotOptions.DEFAULTS)
                .schemas()
                .get(0);
        Schema kept = SchemaNormalizer.normalize(snapshot, SnapshotOptions.DEFAULTS.withoutIgnoredNames())
                .schemas()
                .get(0);

        assertThat(schema.tables()).extracting(Table::name).containsExactly("orders");
        assertThat(schema.triggers()).isEmpty();
        assertThat(kept.tables()).hasSize(4);
        assertThat(kept.triggers()).containsExactly(shadowTrigger);
    }

    @Test
    void leavesOutIgnoredKindsAndNamePatterns() {
        SchemaSnapshot snapshot =
                mysql(List.of(table("orders"), table("tmp_1")), List.of(new View("v", "select 1")), List.of());

        Schema schema = SchemaNormalizer.normalize(
                        snapshot,
                        SnapshotOptions.DEFAULTS.ignoring(ObjectKind.VIEW).ignoringNames("tmp_?"))
                .schemas()
                .get(0);

        assertThat(schema.tables()).extracting(Table::name).containsExactly("orders");
        assertThat(schema.views()).isEmpty();
    }

    @Test
    void isIdempotent() {
        SchemaSnapshot once = SchemaNormalizer.normalize(SampleSnapshots.everyKind(), SnapshotOptions.DEFAULTS);

        assertThat(SchemaNormalizer.normalize(once, SnapshotOptions.DEFAULTS)).isEqualTo(once);
        assertThat(once.schemas().get(0).extensions()).containsExactly("btree_gin", "pg_trgm");
        assertThat(once).isNotEqualTo(SampleSnapshots.everyKind());
    }
}
