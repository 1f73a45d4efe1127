package io.dbchange.core.schema.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.schema.Column;
import io.dbchange.api.schema.Index;
import io.dbchange.api.schema.KeyPart;
import io.dbchange.api.schema.PrimaryKey;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.Table;
import io.dbchange.api.schema.TableOptions;
import io.dbchange.api.schema.View;
import io.dbchange.api.sql.Dialect;
import io.dbchange.core.schema.SampleSnapshots;
import io.dbchange.testing.PropertySeeds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaDiffTest {

    static LongStream seeds() {
        return PropertySeeds.seeds(200);
    }

    private static SchemaSnapshot mysql(List<Table> tables, List<View> views) {
        return new SchemaSnapshot(
                Dialect.MYSQL,
                "db",
                Instant.EPOCH,
                List.of(new Schema(
                        "", tables, views, List.of(), List.of(), List.of(), List.of(), List.of(), List.of())));
    }

    private static Table orders(List<Column> columns) {
        return new Table(
                "orders",
                columns,
                Optional.of(PrimaryKey.of("PRIMARY", "id")),
                List.of(new Index("ix_name", false, List.of(KeyPart.column("name")), "btree", Optional.empty(), true)),
                List.of(),
                List.of(),
                TableOptions.NONE);
    }

    private static final Column ID = Column.of("id", "int", false);
    private static final Column NAME = Column.of("name", "varchar(10)", true);

    @Test
    void equalSchemasGiveAnEmptyDiffWhateverTheirOrderAndName() {
        SchemaSnapshot a = SampleSnapshots.everyKind();
        Schema s = a.schemas().get(0);
        List<Table> reversed = new ArrayList<>(s.tables());
        Collections.reverse(reversed);
        SchemaSnapshot b = new SchemaSnapshot(
                a.dialect(),
                "other",
                Instant.now(),
                List.of(new Schema(
                        s.name(),
                        reversed,
                        s.views(),
                        s.sequences(),
                        s.routines(),
                        s.triggers(),
                        s.enumTypes(),
                        s.domainTypes(),
                        s.events(),
                        s.extensions())));

        SchemaDiff diff = SchemaDiff.between(a, b);

        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.changes()).isEmpty();
        assertThat(diff.report()).isEqualTo("no differences\n");
    }

    @Test
    void reportsAddedRemovedAndChangedPartsOfATableWithTheirAttributes() {
        Column wider = new Column(
                "name",
                "varchar(20)",
                false,
                Optional.of("'x'"),
                Optional.empty(),
                Column.Identity.NONE,
                Optional.empty(),
                Optional.empty(),
                "");
        SchemaSnapshot before = mysql(List.of(orders(List.of(ID, NAME, Column.of("note", "text", true)))), List.of());
        SchemaSnapshot after = mysql(
                List.of(orders(List.of(ID, wider, Column.of("total", "int", true))), Table.of("audit", List.of(ID))),
                List.of(new View("v", "select 1")));

        SchemaDiff diff = SchemaDiff.between(before, after);

        assertThat(diff.changes())
                .extracting(SchemaChange::toString)
                .containsExactly(
                        "+ table audit",
                        "- column orders.note",
                        "~ column orders.name (type, nullable, defaultExpression)",
                        "+ column orders.total",
                        "+ view v");
        SchemaChange name = diff.changes().get(2);
        assertThat(name.path()).isEqualTo(new ObjectPath(ObjectType.COLUMN, "", "orders", "name"));
        assertThat(name.before(Column.class)).contains(NAME);
        assertThat(name.after(Column.class)).contains(wider);
        assertThat(diff.report()).isEqualTo("""
                        5 differences
                        + table audit
                        - column orders.note
                        ~ column orders.name (type, nullable, defaultExpression)
                            type: varchar(10) -> varchar(20)
                            nullable: true -> false
                            defaultExpression: (none) -> 'x'
                        + column orders.total
                        + view v
                        """);
    }

    @Test
    void aRenameIsARemovalAndAnAddition() {
        SchemaSnapshot before = mysql(List.of(Table.of("a", List.of(ID))), List.of());
        SchemaSnapshot after = mysql(List.of(Table.of("b", List.of(ID))), List.of());

        assertThat(SchemaDiff.between(before, after).changes())
                .extracting(SchemaChange::kind)
                .containsExactly(ChangeKind.REMOVED, ChangeKind.ADDED);
    }

    @Test
    void aMovedColumnIsChangedInPositionAndTheFewestColumnsMove() {
        Column a = Column.of("a", "int", true);
        Column b = Column.of("b", "int", true);
        Column c = Column.of("c", "int", true);
        Column d = Column.of("d", "int", true);
        SchemaSnapshot before = mysql(List.of(Table.of("t", List.of(a, b, c, d))), List.of());
        SchemaSnapshot after = mysql(List.of(Table.of("t", List.of(b, c, d, a))), List.of());

        SchemaDiff diff = SchemaDiff.between(before, after);

        assertThat(diff.changes()).extracting(SchemaChange::toString).containsExactly("~ column t.a (position)");
        assertThat(diff.report()).contains("    position moved\n");
    }

    @Test
    void anAddedSchemaIsReportedWithEverythingInIt() {
        SchemaSnapshot every = SampleSnapshots.everyKind();
        SchemaSnapshot none = new SchemaSnapshot(Dialect.POSTGRESQL, "empty", Instant.EPOCH, List.of());
        Schema schema = every.schemas().get(0);

        SchemaDiff diff = SchemaDiff.between(none, every);

        assertThat(diff.changes().get(0).path()).isEqualTo(new ObjectPath(ObjectType.SCHEMA, "", "", schema.name()));
        assertThat(diff.changes()).allMatch(c -> c.kind() == ChangeKind.ADDED);
        assertThat(diff.changes())
                .filteredOn(c -> c.path().type() == ObjectType.TABLE)
                .hasSize(schema.tables().size());
        assertThat(SchemaDiff.between(every, none).changes()).hasSameSizeAs(diff.changes());
    }

    @Test
    void refusesSnapshotsOfTwoDialects() {
        SchemaSnapshot mysql = mysql(List.of(), List.of());
        assertThatThrownBy(() -> SchemaDiff.between(mysql, SampleSnapshots.everyKind()))
                .isInstanceOf(DbChangeException.class)
                .hasMessageContaining("compare snapshots of one dialect");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theDiffIsEmptyExactlyWhenTheSchemasAreEqualAndSwappingSidesSwapsEveryChange(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SchemaSnapshot a = SampleSnapshots.random(random);
        SchemaSnapshot b = SampleSnapshots.random(random);

        SchemaDiff forward = SchemaDiff.between(a, b);
        SchemaDiff backward = SchemaDiff.between(b, a);

        assertThat(SchemaDiff.between(a, a).isEmpty()).isTrue();
        assertThat(forward.isEmpty()).isEqualTo(a.schemas().equals(b.schemas()));
        assertThat(backward.changes()).hasSameSizeAs(forward.changes());
        for (SchemaChange change : forward.changes()) {
            ChangeKind opposite = switch (change.kind()) {
                case ADDED -> ChangeKind.REMOVED;
                case REMOVED -> ChangeKind.ADDED;
                case CHANGED -> ChangeKind.CHANGED;
            };
            assertThat(backward.changes()).anySatisfy(other -> {
                assertThat(other.path()).isEqualTo(change.path());
                assertThat(other.kind()).isEqualTo(opposite);
                assertThat(other.before()).isEqualTo(change.after());
                assertThat(other.after()).isEqualTo(change.before());
            });
        }
    }
}
