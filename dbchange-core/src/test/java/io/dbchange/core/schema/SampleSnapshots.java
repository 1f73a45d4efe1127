package io.dbchange.core.schema;

import io.dbchange.api.schema.CheckConstraint;
import io.dbchange.api.schema.Column;
import io.dbchange.api.schema.DomainType;
import io.dbchange.api.schema.EnumType;
import io.dbchange.api.schema.Event;
import io.dbchange.api.schema.ForeignKey;
import io.dbchange.api.schema.Index;
import io.dbchange.api.schema.KeyPart;
import io.dbchange.api.schema.PrimaryKey;
import io.dbchange.api.schema.Routine;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.Sequence;
import io.dbchange.api.schema.Table;
import io.dbchange.api.schema.TableOptions;
import io.dbchange.api.schema.Trigger;
import io.dbchange.api.schema.View;
import io.dbchange.api.sql.Dialect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/** Snapshots for unit tests: one with every kind of object, and random ones from a seed. */
public final class SampleSnapshots {

    private SampleSnapshots() {}

    /** A PostgreSQL snapshot using every field of the model at least once. */
    public static SchemaSnapshot everyKind() {
        Column id = new Column(
                "id",
                "bigint",
                false,
                Optional.empty(),
                Optional.empty(),
                Column.Identity.ALWAYS,
                Optional.empty(),
                Optional.empty(),
                "");
        Column name = new Column(
                "name",
                "text",
                true,
                Optional.of("'x'"),
                Optional.empty(),
                Column.Identity.NONE,
                Optional.empty(),
                Optional.of("C"),
                "the name",
                Optional.of("CURRENT_TIMESTAMP"));
        Column upper = new Column(
                "upper_name",
                "text",
                true,
                Optional.empty(),
                Optional.of(new Column.Generated("upper(name)", Column.Storage.STORED)),
                Column.Identity.NONE,
                Optional.of("UTF8"),
                Optional.empty(),
                "");
        Table parent = new Table(
                "parent",
                List.of(id, name, upper),
                Optional.of(PrimaryKey.of("parent_pkey", "id")),
                List.of(
                        new Index(
                                "parent_name",
                                true,
                                List.of(KeyPart.column("name").withPrefixLength(10)),
                                "btree",
                                Optional.of("id > 0"),
                                false),
                        new Index(
                                "parent_lower",
                                false,
                                List.of(KeyPart.expression("lower(name)").withOrder(KeyPart.Order.DESC)),
                                "gin",
                                Optional.empty(),
                                true),
                        new Index(
                                "parent_name_pattern",
                                false,
                                List.of(KeyPart.column("name")
                                        .withOperatorClass("text_pattern_ops")
                                        .withOrder(KeyPart.Order.DESC)
                                        .withNulls(KeyPart.NullsOrder.LAST)),
                                "btree",
                                Optional.empty(),
                                true,
                                List.of("id", "upper_name"))),
                List.of(),
                List.of(new CheckConstraint("parent_id_check", "id > 0")),
                new TableOptions(
                        Optional.of("InnoDB"),
                        Optional.of("utf8mb4"),
                        Optional.of("utf8mb4_bin"),
                        Optional.of("DYNAMIC"),
                        "parents",
                        Optional.of("RANGE (id)")));
        Table child = new Table(
                "child",
                List.of(Column.of("id", "integer", false), Column.of("parent_id", "bigint", true)),
                Optional.empty(),
                List.of(),
                List.of(new ForeignKey(
                        "child_parent_fk",
                        List.of("parent_id"),
                        "public",
                        "parent",
                        List.of("id"),
                        ForeignKey.Action.CASCADE,
                        ForeignKey.Action.SET_NULL)),
                List.of(),
                TableOptions.NONE);
        Schema schema = new Schema(
                "public",
                List.of(parent, child),
                List.of(new View("v_parent", "SELECT id FROM parent")),
                List.of(new Sequence("seq", "bigint", 1, 1, 1, Long.MAX_VALUE, true)),
                List.of(new Routine(Routine.Kind.FUNCTION, "f", "(a integer) RETURNS integer", "CREATE FUNCTION f")),
                List.of(new Trigger(
                        "trg",
                        "parent",
                        Trigger.Timing.BEFORE,
                        List.of(Trigger.Operation.INSERT, Trigger.Operation.UPDATE),
                        "CREATE TRIGGER trg")),
                List.of(new EnumType("mood", List.of("sad", "ok", "happy"))),
                List.of(new DomainType(
                        "posint",
                        "integer",
                        false,
                        Optional.of("1"),
                        List.of(new CheckConstraint("posint_check", "VALUE > 0")))),
                List.of(),
                List.of("pg_trgm", "btree_gin"));
        return new SchemaSnapshot(
                Dialect.POSTGRESQL, "app", Instant.parse("2026-01-02T03:04:05.123456Z"), List.of(schema));
    }

    /** A random MySQL snapshot. */
    public static SchemaSnapshot random(SplittableRandom random) {
        List<Table> tables = new ArrayList<>();
        int tableCount = random.nextInt(6);
        for (int t = 0; t < tableCount; t++) {
            List<Column> columns = new ArrayList<>();
            int columnCount = 1 + random.nextInt(5);
            for (int c = 0; c < columnCount; c++) {
                columns.add(new Column(
                        "c" + c,
                        random.nextBoolean() ? "int" : "varchar(" + (1 + random.nextInt(300)) + ")",
                        random.nextBoolean(),
                        random.nextBoolean() ? Optional.of("'" + random.nextInt(100) + "'") : Optional.empty(),
                        Optional.empty(),
                        Column.Identity.NONE,
                        random.nextBoolean() ? Optional.of("latin1") : Optional.empty(),
                        Optional.empty(),
                        random.nextBoolean() ? "" : "comment \"" + random.nextInt() + "\" ü",
                        random.nextBoolean() ? Optional.of("CURRENT_TIMESTAMP") : Optional.empty()));
            }
            List<Index> indexes = new ArrayList<>();
            if (random.nextBoolean()) {
                indexes.add(new Index(
                        "i" + t,
                        random.nextBoolean(),
                        List.of(new KeyPart(
                                Optional.of("c0"),
                                Optional.empty(),
                                KeyPart.Order.DESC,
                                random.nextBoolean() ? OptionalInt.of(3) : OptionalInt.empty())),
                        "btree",
                        Optional.empty(),
                        random.nextBoolean()));
            }
            tables.add(new Table(
                    "t" + t,
                    columns,
                    random.nextBoolean() ? Optional.of(PrimaryKey.of("PRIMARY", "c0")) : Optional.empty(),
                    indexes,
                    List.of(),
                    List.of(),
                    TableOptions.NONE));
        }
        List<Event> events = random.nextBoolean()
                ? List.of(new Event(
                        "e", "EVERY 1 DAY", "DELETE FROM t0", random.nextBoolean(), random.nextBoolean() ? "" : "it's"))
                : List.of();
        Schema schema =
                new Schema("", tables, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), events);
        return new SchemaSnapshot(
                Dialect.MYSQL,
                "db" + random.nextInt(10),
                Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L), random.nextInt(1_000_000_000)),
                List.of(schema));
    }
}
