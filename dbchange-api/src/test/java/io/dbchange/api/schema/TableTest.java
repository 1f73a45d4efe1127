package io.dbchange.api.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TableTest {

    static final Column ID = Column.of("id", "bigint", false);
    static final Column NAME = Column.of("name", "varchar(255)", true);
    static final Column CUSTOMER = Column.of("customer_id", "bigint", false);

    static Index index(String name, KeyPart... parts) {
        return new Index(name, false, List.of(parts), "btree", Optional.empty(), true);
    }

    static Table table(Optional<PrimaryKey> pk, List<Index> indexes, List<ForeignKey> fks) {
        return new Table(
                "orders",
                List.of(ID, NAME, CUSTOMER),
                pk,
                indexes,
                fks,
                List.of(new CheckConstraint("name_not_empty", "name <> ''")),
                TableOptions.NONE);
    }

    static ForeignKey fk(String column) {
        return new ForeignKey(
                "fk_customer",
                List.of(column),
                "",
                "customers",
                List.of("id"),
                ForeignKey.Action.RESTRICT,
                ForeignKey.Action.CASCADE);
    }

    @Test
    void findsColumnsAndIndexesByName() {
        Index byName = index("idx_name", KeyPart.column("name").withPrefixLength(10));
        Table table = table(Optional.of(PrimaryKey.of("PRIMARY", "id")), List.of(byName), List.of(fk("customer_id")));

        assertThat(table.column("name")).contains(NAME);
        assertThat(table.column("nope")).isEmpty();
        assertThat(table.index("idx_name")).contains(byName);
        assertThat(table.index("PRIMARY")).isEmpty();
        assertThat(table.primaryKey().orElseThrow().columnNames()).containsExactly("id");
    }

    @Test
    void keysNameOnlyColumnsOfTheTable() {
        assertThatThrownBy(() -> table(Optional.of(PrimaryKey.of("PRIMARY", "ID")), List.of(), List.of()))
                .hasMessage("primary key 'PRIMARY' of table 'orders' names column 'ID', which the table does not have");
        assertThatThrownBy(() -> table(Optional.empty(), List.of(index("i", KeyPart.column("email"))), List.of()))
                .hasMessage("index 'i' of table 'orders' names column 'email', which the table does not have");
        assertThatThrownBy(() -> table(Optional.empty(), List.of(), List.of(fk("customer"))))
                .hasMessage(
                        "foreign key 'fk_customer' of table 'orders' names column 'customer', which the table does not have");
    }

    @Test
    void anExpressionIndexNeedsNoColumn() {
        Table table = table(Optional.empty(), List.of(index("i_lower", KeyPart.expression("lower(name)"))), List.of());

        assertThat(table.indexes()).hasSize(1);
    }

    @Test
    void namesAreDistinctWithinATable() {
        assertThatThrownBy(() -> Table.of("t", List.of(ID, ID)))
                .hasMessage("'columns' holds column name 'id' more than once");
        assertThatThrownBy(() -> table(
                        Optional.empty(),
                        List.of(index("i", KeyPart.column("id")), index("i", KeyPart.column("name"))),
                        List.of()))
                .hasMessage("'indexes' holds index name 'i' more than once");
    }

    @Test
    void copiesItsLists() {
        List<Column> columns = new ArrayList<>(List.of(ID));
        Table table = Table.of("t", columns);
        columns.add(NAME);

        assertThat(table.columns()).containsExactly(ID).isUnmodifiable();
        assertThat(table.indexes()).isUnmodifiable();
    }

    @Test
    void aKeyPartIsExactlyOneOfAColumnOrAnExpression() {
        assertThatThrownBy(
                        () -> new KeyPart(Optional.empty(), Optional.empty(), KeyPart.Order.ASC, OptionalInt.empty()))
                .hasMessageContaining("exactly one of a column or an expression");
        assertThatThrownBy(() ->
                        new KeyPart(Optional.of("a"), Optional.of("lower(a)"), KeyPart.Order.ASC, OptionalInt.empty()))
                .hasMessageContaining("exactly one of a column or an expression");
        assertThat(KeyPart.column("a").withOrder(KeyPart.Order.DESC).order()).isEqualTo(KeyPart.Order.DESC);
    }

    @Test
    void aPrefixLengthIsPositiveAndOnlyForColumns() {
        assertThat(KeyPart.column("a").withPrefixLength(10).prefixLength()).hasValue(10);
        assertThatThrownBy(() -> KeyPart.column("a").withPrefixLength(0))
                .hasMessage("'prefixLength' must be at least 1 but was 0");
        assertThatThrownBy(() -> KeyPart.expression("lower(a)").withPrefixLength(3))
                .hasMessageContaining("'prefixLength' applies to a column");
    }

    @Test
    void aKeyPartKeepsItsOperatorClassAndNullPlacementThroughOtherChanges() {
        KeyPart part = KeyPart.column("a")
                .withOperatorClass("text_pattern_ops")
                .withNulls(KeyPart.NullsOrder.FIRST)
                .withOrder(KeyPart.Order.DESC)
                .withPrefixLength(3);

        assertThat(part.operatorClass()).contains("text_pattern_ops");
        assertThat(part.nulls()).contains(KeyPart.NullsOrder.FIRST);
        assertThat(part.order()).isEqualTo(KeyPart.Order.DESC);
        assertThat(KeyPart.column("a").operatorClass()).isEmpty();
        assertThat(KeyPart.column("a").nulls()).isEmpty();
        assertThatThrownBy(() -> KeyPart.column("a").withOperatorClass(" "))
                .hasMessage("'operatorClass' must not be blank");
    }

    @Test
    void anIndexCopiesItsIncludeColumnsAndHasNoneByDefault() {
        List<String> include = new ArrayList<>(List.of("b"));
        Index index = new Index("i", false, List.of(KeyPart.column("a")), "btree", Optional.empty(), true, include);
        include.add("c");

        assertThat(index.includeColumns()).containsExactly("b");
        assertThat(index("j", KeyPart.column("a")).includeColumns()).isEmpty();
        assertThatThrownBy(() -> new Index(
                        "i", false, List.of(KeyPart.column("a")), "btree", Optional.empty(), true, List.of("")))
                .hasMessage("'includeColumns' must not be empty");
    }

    @Test
    void aPrimaryKeyHasColumnsOnlyEachOnce() {
        assertThatThrownBy(() -> new PrimaryKey("pk", List.of())).hasMessage("'parts' must not be empty");
        assertThatThrownBy(() -> new PrimaryKey("pk", List.of(KeyPart.expression("lower(a)"))))
                .hasMessageContaining("may name only columns");
        assertThatThrownBy(() -> PrimaryKey.of("pk", "a", "a")).hasMessage("'parts' holds column 'a' more than once");
    }

    @Test
    void anIndexHasPartsAndAMethod() {
        assertThatThrownBy(() -> index("i")).hasMessage("'parts' must not be empty");
        assertThatThrownBy(() -> new Index("i", true, List.of(KeyPart.column("a")), " ", Optional.empty(), true))
                .hasMessage("'method' must not be blank");
    }

    @Test
    void aForeignKeyReferencesAsManyColumnsAsItHas() {
        assertThatThrownBy(() -> new ForeignKey(
                        "fk",
                        List.of("a", "b"),
                        "",
                        "t",
                        List.of("id"),
                        ForeignKey.Action.NO_ACTION,
                        ForeignKey.Action.NO_ACTION))
                .hasMessage("foreign key 'fk' has 2 columns [a, b] but 1 referenced columns [id]");
    }
}
