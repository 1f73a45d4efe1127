package io.dbchange.testing;

import io.dbchange.api.schema.CheckConstraint;
import io.dbchange.api.schema.Column;
import io.dbchange.api.schema.EnumType;
import io.dbchange.api.schema.ForeignKey;
import io.dbchange.api.schema.Index;
import io.dbchange.api.schema.KeyPart;
import io.dbchange.api.schema.PrimaryKey;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.Sequence;
import io.dbchange.api.schema.Table;
import io.dbchange.api.schema.TableOptions;
import io.dbchange.api.schema.Trigger;
import io.dbchange.api.schema.View;
import io.dbchange.api.sql.Dialect;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Random structural changes to a schema snapshot, for property tests of schema migrations: from a snapshot A it
 * makes a snapshot B that differs by a few changes (columns added, dropped, changed and moved; indexes, foreign keys,
 * checks, views and tables added and dropped; table comments; in PostgreSQL also enum types and labels,
 * sequences, range-partitioned tables with partitions and their own indexes, checks and foreign keys added and
 * dropped, and tables that inherit from another) and stays valid: every index, key, check and view it keeps refers to what still exists, and column
 * types stay compatible with foreign keys. Create B in an empty database with the engine's dump and read it back to
 * get the normalized B to migrate to.
 *
 * <pre>{@code
 * SchemaSnapshot b = RandomSchemaChanges.mutate(a, new SplittableRandom(seed));
 * }</pre>
 *
 * <p>Only the first schema of a PostgreSQL snapshot is changed. Changes avoid what engines cannot do in place on
 * purpose (changing a primary key's or foreign key's column, an identity or {@code AUTO_INCREMENT} column, moving a
 * PostgreSQL column).
 */
public final class RandomSchemaChanges {

    private static final String[] MYSQL_TYPES = {
        "int", "bigint", "varchar(20)", "varchar(40)", "text", "date", "decimal(10,2)", "datetime", "double"
    };
    private static final String[] POSTGRES_TYPES = {
        "integer",
        "bigint",
        "character varying(20)",
        "character varying(40)",
        "text",
        "date",
        "numeric(10,2)",
        "timestamp without time zone",
        "boolean"
    };

    private final SplittableRandom random;
    private final boolean mysql;
    private final String schemaName;
    private List<Table> tables;
    private List<View> views;
    private List<Trigger> triggers;
    private List<EnumType> enums;
    private List<Sequence> sequences;
    private int counter;

    private RandomSchemaChanges(Schema schema, Dialect dialect, SplittableRandom random) {
        this.random = random;
        this.mysql = dialect == Dialect.MYSQL;
        this.schemaName = schema.name();
        this.tables = new ArrayList<>(schema.tables());
        this.views = new ArrayList<>(schema.views());
        this.triggers = new ArrayList<>(schema.triggers());
        this.enums = new ArrayList<>(schema.enumTypes());
        this.sequences = new ArrayList<>(schema.sequences());
        this.counter = random.nextInt(1000);
    }

    /** The snapshot after one to four random changes. */
    public static SchemaSnapshot mutate(SchemaSnapshot snapshot, SplittableRandom random) {
        return mutate(snapshot, random, 1 + random.nextInt(4));
    }

    /** The snapshot after {@code changes} random changes (fewer when few apply, e.g. to an empty schema). */
    public static SchemaSnapshot mutate(SchemaSnapshot snapshot, SplittableRandom random, int changes) {
        Schema schema = snapshot.schemas().get(0);
        RandomSchemaChanges m = new RandomSchemaChanges(schema, snapshot.dialect(), random);
        int done = 0;
        for (int attempt = 0; attempt < changes * 20 && done < changes; attempt++) {
            if (m.change(random.nextInt(m.mysql ? 16 : 23))) {
                done++;
            }
        }
        Schema changed = new Schema(
                schema.name(),
                m.tables,
                m.views,
                m.sequences,
                schema.routines(),
                m.triggers,
                m.enums,
                schema.domainTypes(),
                schema.events(),
                schema.extensions());
        List<Schema> schemas = new ArrayList<>(snapshot.schemas());
        schemas.set(0, changed);
        return new SchemaSnapshot(snapshot.dialect(), snapshot.databaseName(), snapshot.takenAt(), schemas);
    }

    private String fresh(String prefix) {
        return prefix + (counter++);
    }

    private <T> Optional<T> pick(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(random.nextInt(list.size())));
    }

    private <T> Optional<T> pick(List<T> list, Predicate<T> filter) {
        return pick(list.stream().filter(filter).toList());
    }

    private String type() {
        String[] types = mysql ? MYSQL_TYPES : POSTGRES_TYPES;
        return types[random.nextInt(types.length)];
    }

    private static boolean isInteger(String type) {
        return type.equals("int") || type.equals("integer") || type.equals("bigint");
    }

    private static boolean isString(String type) {
        return type.startsWith("varchar") || type.startsWith("character varying") || type.equals("text");
    }

    private Optional<String> defaultFor(String type) {
        if (random.nextBoolean()) {
            return Optional.empty();
        }
        if (isInteger(type) || type.startsWith("decimal") || type.startsWith("numeric") || type.equals("double")) {
            return Optional.of(String.valueOf(random.nextInt(100)));
        }
        if (isString(type)) {
            return Optional.of("'d" + random.nextInt(10) + "'");
        }
        if (type.equals("date")) {
            return Optional.of("'2024-02-29'");
        }
        if (type.equals("boolean")) {
            return Optional.of("true");
        }
        return Optional.empty();
    }

    private Column newColumn(String name) {
        String type = type();
        return new Column(
                name,
                type,
                random.nextBoolean(),
                defaultFor(type),
                Optional.empty(),
                Column.Identity.NONE,
                Optional.empty(),
                Optional.empty(),
                random.nextInt(4) == 0 ? "note " + random.nextInt(10) : "");
    }

    private String quote(String name) {
        return mysql ? "`" + name + "`" : "\"" + name + "\"";
    }

    private static Pattern word(String name) {
        return Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])");
    }

    private Table replace(Table table) {
        tables.replaceAll(t -> t.name().equals(table.name()) ? table : t);
        return table;
    }

    private static Table with(
            Table t,
            List<Column> columns,
            Optional<PrimaryKey> pk,
            List<Index> indexes,
            List<ForeignKey> fks,
            List<CheckConstraint> checks,
            TableOptions options) {
        return new Table(t.name(), columns, pk, indexes, fks, checks, options);
    }

    /** Whether a column takes part in a key or is generated, so it stays as it is. */
    private boolean fixed(Table table, Column column) {
        String name = column.name();
        if (column.identity() != Column.Identity.NONE
                || column.generated().isPresent()
                || column.type().contains("serial")
                || column.type().startsWith("timestamp") && mysql) {
            return true;
        }
        if (table.primaryKey().map(pk -> pk.columnNames().contains(name)).orElse(false)) {
            return true;
        }
        if (table.name().matches("tp\\d+") && name.equals("v")) {
            return true; // the partitions' own indexes use it
        }
        if (table.foreignKeys().stream().anyMatch(fk -> fk.columns().contains(name))) {
            return true;
        }
        for (Table other : tables) {
            for (ForeignKey fk : other.foreignKeys()) {
                if (fk.referencedTable().equals(table.name())
                        && fk.referencedColumns().contains(name)) {
                    return true;
                }
            }
        }
        for (Table other : tables) {
            for (Column c : other.columns()) {
                if (c.generated()
                                .map(g -> word(name).matcher(g.expression()).find())
                                .orElse(false)
                        && other.name().equals(table.name())) {
                    return true;
                }
            }
        }
        for (Index index : table.indexes()) {
            for (KeyPart part : index.parts()) {
                if (part.column().filter(name::equals).isPresent()
                        && part.prefixLength().isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean change(int kind) {
        return switch (kind) {
            case 0, 1 -> addColumn();
            case 2 -> dropColumn();
            case 3, 4 -> changeColumn();
            case 5 -> addIndex();
            case 6 -> dropIndex();
            case 7 -> addForeignKey();
            case 8 -> dropForeignKey();
            case 9 -> addCheck();
            case 10 -> dropCheck();
            case 11 -> addView();
            case 12 -> dropOrChangeView();
            case 13 -> addTable();
            case 14 -> dropTable();
            case 15 -> mysql ? moveColumn() : tableComment();
            case 16 -> addEnum();
            case 17 -> changeEnum();
            case 18, 19, 20 -> changePartitions();
            case 21 -> addChild();
            default -> sequence();
        };
    }

    private boolean addColumn() {
        Optional<Table> picked = pick(tables, t -> !related(t));
        if (picked.isEmpty()) {
            return false;
        }
        Table t = picked.get();
        List<Column> columns = new ArrayList<>(t.columns());
        int at = mysql ? random.nextInt(columns.size() + 1) : columns.size();
        columns.add(at, newColumn(fresh("n")));
        replace(with(t, columns, t.primaryKey(), t.indexes(), t.foreignKeys(), t.checks(), t.options()));
        return true;
    }

    private boolean dropColumn() {
        Optional<Table> picked = pick(tables, t -> t.columns().size() > 1 && !related(t));
        if (picked.isEmpty()) {
            return false;
        }
        Table t = picked.get();
        // PostgreSQL adds columns last: dropping another one could not be undone in place.
        Optional<Column> column = mysql
                ? pick(t.columns(), c -> !fixed(t, c))
                : Optional.of(t.columns().get(t.columns().size() - 1)).filter(c -> !fixed(t, c));
        if (column.isEmpty()) {
            return false;
        }
        String name = column.get().name();
        Pattern w = word(name);
        List<Column> columns =
                t.columns().stream().filter(c -> !c.name().equals(name)).toList();
        if (columns.stream().anyMatch(c -> c.generated().isPresent())) {
            return false;
        }
        List<Index> indexes = t.indexes().stream()
                .filter(i -> i.parts().stream()
                                .noneMatch(p -> p.column().filter(name::equals).isPresent()
                                        || p.expression()
                                                .map(e -> w.matcher(e).find())
                                                .orElse(false))
                        && !i.includeColumns().contains(name)
                        && i.predicate().map(p -> !w.matcher(p).find()).orElse(true))
                .toList();
        List<CheckConstraint> checks = t.checks().stream()
                .filter(c -> !w.matcher(c.expression()).find())
                .toList();
        replace(with(t, columns, t.primaryKey(), indexes, t.foreignKeys(), checks, t.options()));
        dropViewsNaming(t.name());
        return true;
    }

    private boolean changeColumn() {
        Optional<Table> picked = pick(tables, t -> !related(t));
        if (picked.isEmpty()) {
            return false;
        }
        Table t = picked.get();
        Optional<Column> found = pick(t.columns(), c -> !fixed(t, c));
        if (found.isEmpty()) {
            return false;
        }
        Column c = found.get();
        boolean indexed = t.indexes().stream()
                .anyMatch(i -> i.parts().stream()
                        .anyMatch(p -> p.column().filter(c.name()::equals).isPresent()));
        String type = c.type();
        boolean nullable = c.nullable();
        Optional<String> defaultExpression = c.defaultExpression();
        String comment = c.comment();
        switch (random.nextInt(4)) {
            case 0 -> {
                String wider = widened(type);
                if (wider == null || indexed && wider.equals("text")) {
                    return false;
                }
                type = wider;
                if (defaultExpression.isPresent()) {
                    defaultExpression = defaultFor(type).or(() -> Optional.empty());
                }
            }
            case 1 -> nullable = !nullable;
            case 2 -> {
                Optional<String> next = defaultFor(type);
                if (next.equals(defaultExpression) || type.equals("text") && mysql || isEnum(type)) {
                    return false;
                }
                defaultExpression = next;
            }
            default -> comment = comment.isEmpty() ? "changed " + random.nextInt(10) : "";
        }
        Column changed = new Column(
                c.name(),
                type,
                nullable,
                defaultExpression,
                c.generated(),
                c.identity(),
                c.charset(),
                c.collation(),
                comment,
                c.onUpdate());
        List<Column> columns = new ArrayList<>(t.columns());
        columns.set(columns.indexOf(c), changed);
        replace(with(t, columns, t.primaryKey(), t.indexes(), t.foreignKeys(), t.checks(), t.options()));
        return true;
    }

    private boolean isEnum(String type) {
        return mysql
                ? type.startsWith("enum") || type.startsWith("set")
                : enums.stream().anyMatch(e -> type.contains(e.name()));
    }

    private static String widened(String type) {
        return switch (type) {
            case "int" -> "bigint";
            case "integer" -> "bigint";
            case "varchar(20)" -> "varchar(40)";
            case "varchar(40)" -> "varchar(20)";
            case "character varying(20)" -> "character varying(40)";
            case "character varying(40)" -> "text";
            case "decimal(10,2)" -> "decimal(12,2)";
            case "numeric(10,2)" -> "numeric(12,2)";
            default -> null;
        };
    }

    private boolean moveColumn() {
        Optional<Table> picked = pick(tables, t -> t.columns().size() > 1 && !related(t));
        if (picked.isEmpty()) {
            return false;
        }
        Table t = picked.get();
        List<Column> columns = new ArrayList<>(t.columns());
        Column moved = columns.remove(random.nextInt(columns.size()));
        columns.add(random.nextInt(columns.size() + 1), moved);
        if (columns.equals(t.columns())) {
            return false;
        }
        replace(with(t, columns, t.primaryKey(), t.indexes(), t.foreignKeys(), t.checks(), t.options()));
        return true;
    }

    private boolean indexable(Column c) {
        String type = c.type();
        if (mysql) {
            return !type.contains("text")
                    && !type.contains("blob")
                    && !type.equals("json")
                    && !type.startsWith("geometry");
        }
        return !type.endsWith("[]")
                && !type.equals("jsonb")
                && !type.equals("json")
                && !type.equals("xml")
                && !type.startsWith("tsvector")
                && !type.equals("bytea")
                && !type.equals("point");
    }

    private boolean addIndex() {
        Optional<Table> picked = pick(tables);
        if (picked.isEmpty()) {
            return false;
        }
        Table t = picked.get();
        Optional<Column> column = pick(t.columns(), this::indexable);
        if (column.isEmpty()) {
            return false;
        }
        KeyPart part;
        if (!mysql && isString(column.get().type()) && random.nextInt(3) == 0) {
            part = KeyPart.expression("lower(" + quote(column.get().name()) + ")");
        } else {
            part = KeyPart.column(column.get().name());
        }
        if (random.nextBoolean()) {
            part = part.withOrder(KeyPart.Order.DESC);
        }
        List<KeyPart> parts = new ArrayList<>(List.of(part));
        Optional<Column> second = pick(
                t.columns(), c -> indexable(c) && !c.name().equals(column.get().name()));
        if (second.isPresent() && random.nextBoolean()) {
            parts.add(KeyPart.column(second.get().name()));
        }
        Optional<String> predicate = !mysql && random.nextInt(4) == 0
                ? Optional.of(quote(column.get().name()) + " IS NOT NULL")
                : Optional.empty();
        List<Index> indexes = new ArrayList<>(t.indexes());
        // a unique index of a partitioned table must hold its partition key
        boolean unique = random.nextBoolean() && t.options().partitioning().isEmpty();
        indexes.add(new Index(fresh("ix_m"), unique, parts, "btree", predicate, true));
        replace(with(t, t.columns(), t.primaryKey(), indexes, t.foreignKeys(), t.checks(), t.options()));
        return true;
    }

    private boolean dropIndex() {
        Optional<Table> picked = pick(tables, t -> !t.indexes().isEmpty());
        if (picked.isEmpty()) {
            return false;
        }
        Table t = picked.get();
        Index index = pick(t.indexes()).orElseThrow();
        if (index.unique() && referencedByForeignKey(t, index)) {
            return false;
        }
        List<Index> indexes = t.indexes().stream().filter(i -> i != index).toList();
        replace(with(t, t.columns(), t.primaryKey(), indexes, t.foreignKeys(), t.checks(), t.options()));
        return true;
    }

    private boolean referencedByForeignKey(Table table, Index index) {
        List<String> columns =
                index.parts().stream().flatMap(p -> p.column().stream()).toList();
        return tables.stream()
                .flatMap(t -> t.foreignKeys().stream())
                .anyMatch(
                        fk -> fk.referencedTable().equals(table.name()) && columns.containsAll(fk.referencedColumns()));
    }

    private boolean addForeignKey() {
        Optional<Table> parent = pick(
                tables,
                t -> t.primaryKey().isPresent()
                        && t.primaryKey().get().parts().size() == 1
                        && t.options()
                                .engine()
                                .map(e -> e.equalsIgnoreCase("InnoDB"))
                                .orElse(true));
        Optional<Table> child = pick(
                tables,
                t -> t.options().engine().map(e -> e.equalsIgnoreCase("InnoDB")).orElse(true)
                        && t.options().partitioning().isEmpty()
                        && !related(t));
        if (parent.isEmpty()
                || child.isEmpty()
                || parent.get().options().partitioning().isPresent()) {
            return false;
        }
        String key = parent.get().primaryKey().get().columnNames().get(0);
        Column keyColumn = parent.get().column(key).orElseThrow();
        String type = switch (keyColumn.type()) {
            case "serial" -> "integer";
            case "bigserial" -> "bigint";
            case "smallserial" -> "smallint";
            default -> keyColumn.type();
        };
        Table c = child.get().name().equals(parent.get().name()) ? parent.get() : child.get();
        String name = fresh("ref");
        Column column = new Column(
                name,
                type,
                true,
                Optional.empty(),
                Optional.empty(),
                Column.Identity.NONE,
                keyColumn.charset(),
                keyColumn.collation(),
                "");
        List<Column> columns = new ArrayList<>(c.columns());
        columns.add(column);
        ForeignKey.Action[] actions = ForeignKey.Action.values();
        ForeignKey.Action onDelete = actions[random.nextInt(actions.length)];
        if (onDelete == ForeignKey.Action.SET_DEFAULT) {
            onDelete = ForeignKey.Action.CASCADE;
        }
        List<ForeignKey> fks = new ArrayList<>(c.foreignKeys());
        fks.add(new ForeignKey(
                fresh("fk_m"),
                List.of(name),
                mysql ? "" : schemaName,
                parent.get().name(),
                List.of(key),
                onDelete,
                random.nextBoolean() ? ForeignKey.Action.NO_ACTION : ForeignKey.Action.CASCADE));
        replace(with(c, columns, c.primaryKey(), c.indexes(), fks, c.checks(), c.options()));
        return true;
    }

    private boolean dropForeignKey() {
        Optional<Table> picked = pick(tables, t -> !t.foreignKeys().isEmpty());
        if (picked.isEmpty()) {
            return false;
        }
        Table t = picked.get();
        ForeignKey fk = pick(t.foreignKeys()).orElseThrow();
        List<ForeignKey> fks = t.foreignKeys().stream().filter(f -> f != fk).toList();
        replace(with(t, t.columns(), t.primaryKey(), t.indexes(), fks, t.checks(), t.options()));
        return true;
    }

    private boolean addCheck() {
        Optional<Table> picked = pick(tables);
        if (picked.isEmpty()) {
            return false;
        }
        Table t = picked.get();
        Optional<Column> column = pick(
                t.columns(),
                // MariaDB refuses checks on AUTO_INCREMENT columns and on columns of foreign keys with actions.
                c -> isInteger(c.type())
                        && c.generated().isEmpty()
                        && c.identity() != Column.Identity.AUTO_INCREMENT
                        && t.foreignKeys().stream().noneMatch(fk -> fk.columns().contains(c.name())));
        if (column.isEmpty()) {
            return false;
        }
        List<CheckConstraint> checks = new ArrayList<>(t.checks());
        checks.add(new CheckConstraint(fresh("ck_m"), quote(column.get().name()) + " > -" + random.nextInt(1000)));
        replace(with(t, t.columns(), t.primaryKey(), t.indexes(), t.foreignKeys(), checks, t.options()));
        return true;
    }

    private boolean dropCheck() {
        Optional<Table> picked = pick(tables, t -> !t.checks().isEmpty());
        if (picked.isEmpty()) {
            return false;
        }
        Table t = picked.get();
        CheckConstraint check = pick(t.checks()).orElseThrow();
        List<CheckConstraint> checks =
                t.checks().stream().filter(c -> c != check).toList();
        replace(with(t, t.columns(), t.primaryKey(), t.indexes(), t.foreignKeys(), checks, t.options()));
        return true;
    }

    private String viewQuery() {
        Table t = pick(tables).orElseThrow();
        Column c = pick(t.columns()).orElseThrow();
        String table = mysql ? quote(t.name()) : quote(schemaName) + "." + quote(t.name());
        return "select " + quote(c.name()) + " from " + table
                + (random.nextBoolean() ? "" : " where " + quote(c.name()) + " is not null");
    }

    private boolean addView() {
        if (tables.isEmpty()) {
            return false;
        }
        views.add(new View(fresh("v_m"), viewQuery()));
        return true;
    }

    private boolean dropOrChangeView() {
        Optional<View> view = pick(views);
        if (view.isEmpty()) {
            return false;
        }
        Pattern w = word(view.get().name());
        boolean used = views.stream()
                        .anyMatch(v ->
                                v != view.get() && w.matcher(v.definition()).find())
                || triggers.stream().anyMatch(t -> t.table().equals(view.get().name()));
        if (random.nextBoolean() && !used && !tables.isEmpty()) {
            views.replaceAll(v -> v == view.get() ? new View(v.name(), viewQuery()) : v);
        } else {
            dropViewsNaming(view.get().name());
            views.remove(view.get());
        }
        return true;
    }

    /** Drops the views naming the object, those naming them, and so on, and the triggers on them. */
    private void dropViewsNaming(String name) {
        Set<String> gone = new HashSet<>(Set.of(name));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (View v : List.copyOf(views)) {
                if (!gone.contains(v.name())
                        && gone.stream()
                                .anyMatch(n -> word(n).matcher(v.definition()).find())) {
                    gone.add(v.name());
                    views.remove(v);
                    grew = true;
                }
            }
        }
        triggers.removeIf(t -> gone.contains(t.table()) && !t.table().equals(name));
    }

    private boolean addTable() {
        String name = fresh("tm");
        List<Column> columns = new ArrayList<>();
        columns.add(Column.of("id", "bigint", false));
        for (int i = random.nextInt(3); i >= 0; i--) {
            columns.add(newColumn("c" + i));
        }
        PrimaryKey pk = mysql ? PrimaryKey.of("PRIMARY", "id") : PrimaryKey.of(name + "_pkey", "id");
        tables.add(new Table(name, columns, Optional.of(pk), List.of(), List.of(), List.of(), TableOptions.NONE));
        tables.sort((a, b) -> a.name().compareTo(b.name()));
        return true;
    }

    private boolean dropTable() {
        Optional<Table> picked = pick(tables);
        if (picked.isEmpty() || tables.size() < 2) {
            return false;
        }
        String name = picked.get().name();
        // PostgreSQL rules (not part of the model, e.g. Sakila's on its payment partitions) may name any table;
        // there only tables with the names the random generators give are dropped.
        if (routinesMightName(name) || !mysql && !name.matches("t[mpi]?\\d+")) {
            return false;
        }
        if (tables.stream().anyMatch(t -> inherits(t, name))) {
            return false; // its children first
        }
        tables.remove(picked.get());
        tables.replaceAll(t -> with(
                t,
                t.columns(),
                t.primaryKey(),
                t.indexes(),
                t.foreignKeys().stream()
                        .filter(fk -> !fk.referencedTable().equals(name))
                        .toList(),
                t.checks(),
                withoutPartitionKeysTo(t.options(), name)));
        dropViewsNaming(name);
        triggers.removeIf(t -> t.table().equals(name));
        return true;
    }

    private boolean routinesMightName(String table) {
        // Routines and triggers are kept as they are; a table a trigger body or routine names stays.
        Pattern w = word(table);
        return triggers.stream().anyMatch(t -> w.matcher(t.definition()).find());
    }

    private boolean tableComment() {
        Optional<Table> picked = pick(tables);
        if (picked.isEmpty()) {
            return false;
        }
        Table t = picked.get();
        TableOptions o = t.options();
        TableOptions options = new TableOptions(
                o.engine(),
                o.charset(),
                o.collation(),
                o.rowFormat(),
                o.comment().isEmpty() ? "comment " + random.nextInt(10) : "",
                o.partitioning());
        replace(with(t, t.columns(), t.primaryKey(), t.indexes(), t.foreignKeys(), t.checks(), options));
        return true;
    }

    // ---- PostgreSQL partitions and inheritance (only of tables this class creates: tp<n> and ti<n>)

    /** {@code o} with another partitioning clause and parents. */
    private static TableOptions options(
            TableOptions o, Optional<String> partitioning, List<TableOptions.Parent> parents) {
        return new TableOptions(
                o.engine(), o.charset(), o.collation(), o.rowFormat(), o.comment(), partitioning, parents);
    }

    /** Whether the table inherits or is inherited from: its columns stay as they are (children get them last). */
    private boolean related(Table table) {
        return !table.options().inherits().isEmpty() || tables.stream().anyMatch(t -> inherits(t, table.name()));
    }

    private static boolean inherits(Table child, String parent) {
        return child.options().inherits().stream().anyMatch(p -> p.table().equals(parent));
    }

    /**
     * Creates a range-partitioned table {@code tp<n>} if there is none, otherwise changes one: a partition added or
     * dropped, an index, check or foreign key of a partition's own added or dropped.
     */
    private boolean changePartitions() {
        if (mysql) {
            return false;
        }
        Optional<Table> picked = pick(tables, t -> t.name().matches("tp\\d+"));
        if (picked.isEmpty() || random.nextInt(5) == 0) {
            addPartitioned();
            return true;
        }
        Table t = picked.get();
        List<RangePartition> parts = new ArrayList<>(
                RangePartition.parseAll(t.options().partitioning().orElseThrow()));
        if (parts.isEmpty()) {
            return false; // a clause this class did not write
        }
        int at = random.nextInt(parts.size());
        RangePartition p = parts.get(at);
        String qualified = quote(schemaName) + "." + p.name();
        switch (random.nextInt(6)) {
            case 0 -> {
                int from = parts.stream().mapToInt(RangePartition::to).max().orElse(0);
                parts.add(new RangePartition(t.name() + "_" + from, from, from + 100, List.of(), List.of()));
            }
            case 1 -> {
                if (parts.size() < 2) {
                    return false;
                }
                parts.remove(at);
            }
            case 2 -> {
                List<String> indexes = new ArrayList<>(p.indexes());
                indexes.add("CREATE INDEX " + fresh("ixp") + " ON " + qualified + " USING btree (v)");
                parts.set(at, p.withIndexes(indexes));
            }
            case 3 -> {
                if (p.indexes().isEmpty()) {
                    return false;
                }
                List<String> indexes = new ArrayList<>(p.indexes());
                indexes.remove(random.nextInt(indexes.size()));
                parts.set(at, p.withIndexes(indexes));
            }
            case 4 -> {
                List<String> constraints = new ArrayList<>(p.constraints());
                if (!constraints.isEmpty() && random.nextBoolean()) {
                    constraints.remove(random.nextInt(constraints.size()));
                } else {
                    constraints.add("CONSTRAINT " + fresh("ckp") + " CHECK (k >= " + random.nextInt(10) + ")");
                }
                parts.set(at, p.withConstraints(constraints));
            }
            default -> {
                Optional<Table> referenced = pick(
                        tables,
                        r -> r.name().matches("tm?\\d+")
                                && r.primaryKey()
                                        .map(pk -> pk.columnNames().equals(List.of("id")))
                                        .orElse(false)
                                && r.column("id")
                                        .map(c -> c.type().equals("bigint"))
                                        .orElse(false));
                if (referenced.isEmpty()) {
                    return false;
                }
                List<String> constraints = new ArrayList<>(p.constraints());
                constraints.add("CONSTRAINT " + fresh("fkp") + " FOREIGN KEY (id) REFERENCES " + quote(schemaName)
                        + "." + referenced.get().name() + " (id)"
                        + (random.nextBoolean() ? " ON DELETE CASCADE" : ""));
                parts.set(at, p.withConstraints(constraints));
            }
        }
        parts.sort((a, b) -> a.name().compareTo(b.name()));
        TableOptions o = t.options();
        replace(with(
                t,
                t.columns(),
                t.primaryKey(),
                t.indexes(),
                t.foreignKeys(),
                t.checks(),
                options(o, Optional.of(RangePartition.text(parts)), o.inherits())));
        return true;
    }

    private void addPartitioned() {
        String name = fresh("tp");
        List<Column> columns = List.of(
                Column.of("id", "bigint", false), Column.of("k", "integer", false), Column.of("v", "text", true));
        List<RangePartition> parts = List.of(
                new RangePartition(name + "_0", 0, 100, List.of(), List.of()),
                new RangePartition(name + "_100", 100, 200, List.of(), List.of()));
        TableOptions options = options(TableOptions.NONE, Optional.of(RangePartition.text(parts)), List.of());
        tables.add(new Table(
                name,
                columns,
                Optional.of(PrimaryKey.of(name + "_pkey", "id", "k")),
                List.of(),
                List.of(),
                List.of(),
                options));
        tables.sort((a, b) -> a.name().compareTo(b.name()));
    }

    /** A table {@code ti<n>} that inherits from one of the plain tables, with a column of its own. */
    private boolean addChild() {
        if (mysql) {
            return false;
        }
        Optional<Table> parent = pick(
                tables,
                t -> t.name().matches("tm?\\d+")
                        && t.options().inherits().isEmpty()
                        && t.options().partitioning().isEmpty()
                        && t.columns().stream()
                                .allMatch(c -> c.identity() == Column.Identity.NONE
                                        && c.generated().isEmpty()
                                        && !c.type().contains("serial")));
        if (parent.isEmpty()) {
            return false;
        }
        List<Column> columns = new ArrayList<>();
        for (Column c : parent.get().columns()) {
            // a child has its parent's columns, defaults and NOT NULL, but not their comments
            columns.add(new Column(
                    c.name(),
                    c.type(),
                    c.nullable(),
                    c.defaultExpression(),
                    c.generated(),
                    c.identity(),
                    c.charset(),
                    c.collation(),
                    ""));
        }
        columns.add(newColumn(fresh("own")));
        TableOptions options = options(
                TableOptions.NONE,
                Optional.empty(),
                List.of(new TableOptions.Parent(schemaName, parent.get().name())));
        tables.add(new Table(fresh("ti"), columns, Optional.empty(), List.of(), List.of(), List.of(), options));
        tables.sort((a, b) -> a.name().compareTo(b.name()));
        return true;
    }

    /** The options without the foreign keys that partitions of a table this class made have to {@code table}. */
    private TableOptions withoutPartitionKeysTo(TableOptions o, String table) {
        if (mysql || o.partitioning().isEmpty()) {
            return o;
        }
        List<RangePartition> parts = RangePartition.parseAll(o.partitioning().get());
        if (parts.isEmpty()) {
            return o; // not one of ours
        }
        Pattern target = Pattern.compile("REFERENCES [^ ]+\\." + Pattern.quote(table) + " \\(");
        List<RangePartition> kept = parts.stream()
                .map(p -> p.withConstraints(p.constraints().stream()
                        .filter(c -> !target.matcher(c).find())
                        .toList()))
                .toList();
        return options(o, Optional.of(RangePartition.text(kept)), o.inherits());
    }

    /**
     * A partition of a {@code tp<n>} table, in the form of PostgreSQL's partitioning clause in a snapshot:
     * {@code RANGE (k) (PARTITION name FOR VALUES FROM (0) TO (100) INDEXES ('..') CONSTRAINTS ('..'), ..)}. The
     * indexes and constraints this class writes hold no quote, so the literals need no escaping.
     */
    private record RangePartition(String name, int from, int to, List<String> indexes, List<String> constraints) {

        private static final Pattern ENTRY =
                Pattern.compile("^PARTITION (\\S+) FOR VALUES FROM \\((-?\\d+)\\) TO \\((-?\\d+)\\)(.*)$");

        RangePartition withIndexes(List<String> value) {
            return new RangePartition(name, from, to, List.copyOf(value), constraints);
        }

        RangePartition withConstraints(List<String> value) {
            return new RangePartition(name, from, to, indexes, List.copyOf(value));
        }

        /** The partitions of a clause this class wrote (as read back); empty for any other clause. */
        static List<RangePartition> parseAll(String clause) {
            String head = "RANGE (k) (";
            if (!clause.startsWith(head) || !clause.endsWith(")")) {
                return List.of();
            }
            List<RangePartition> out = new ArrayList<>();
            for (String entry :
                    clause.substring(head.length(), clause.length() - 1).split(", (?=PARTITION )")) {
                java.util.regex.Matcher m = ENTRY.matcher(entry);
                if (!m.matches()) {
                    return List.of();
                }
                String rest = m.group(4);
                out.add(new RangePartition(
                        m.group(1),
                        Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)),
                        literals(rest, " INDEXES ("),
                        literals(rest, " CONSTRAINTS (")));
            }
            return out;
        }

        private static List<String> literals(String text, String keyword) {
            int at = text.indexOf(keyword);
            List<String> out = new ArrayList<>();
            if (at < 0) {
                return out;
            }
            at += keyword.length();
            while (at < text.length() && text.charAt(at) == '\'') {
                int end = text.indexOf('\'', at + 1);
                out.add(text.substring(at + 1, end));
                at = end + 1;
                if (text.startsWith(", ", at)) {
                    at += 2;
                }
            }
            return out;
        }

        static String text(List<RangePartition> parts) {
            List<String> entries = new ArrayList<>();
            for (RangePartition p : parts) {
                entries.add("PARTITION " + p.name() + " FOR VALUES FROM (" + p.from() + ") TO (" + p.to() + ")"
                        + list(" INDEXES", p.indexes()) + list(" CONSTRAINTS", p.constraints()));
            }
            return "RANGE (k) (" + String.join(", ", entries) + ")";
        }

        private static String list(String keyword, List<String> values) {
            return values.isEmpty()
                    ? ""
                    : keyword + " ("
                            + String.join(
                                    ", ",
                                    values.stream().map(v -> "'" + v + "'").toList()) + ")";
        }
    }

    private boolean addEnum() {
        Optional<Table> picked = pick(tables, t -> !related(t));
        if (picked.isEmpty()) {
            return false;
        }
        EnumType type = new EnumType(fresh("mood"), List.of("low", "mid", "high"));
        enums.add(type);
        enums.sort((a, b) -> a.name().compareTo(b.name()));
        Table t = picked.get();
        List<Column> columns = new ArrayList<>(t.columns());
        columns.add(Column.of(fresh("e"), type.name(), true));
        replace(with(t, columns, t.primaryKey(), t.indexes(), t.foreignKeys(), t.checks(), t.options()));
        return true;
    }

    private boolean changeEnum() {
        Optional<EnumType> picked = pick(enums);
        if (picked.isEmpty()) {
            return false;
        }
        EnumType type = picked.get();
        List<String> values = new ArrayList<>(type.values());
        boolean usedInDefault = tables.stream()
                .flatMap(t -> t.columns().stream())
                .anyMatch(c -> c.defaultExpression().isPresent() && c.type().contains(type.name()));
        boolean usedByView = views.stream().anyMatch(v -> v.definition().contains(type.name()));
        if (random.nextBoolean() || usedInDefault || usedByView || values.size() < 2) {
            values.add(random.nextInt(values.size() + 1), fresh("label"));
        } else {
            values.remove(random.nextInt(values.size()));
        }
        enums.replaceAll(e -> e == type ? new EnumType(type.name(), values) : e);
        return true;
    }

    private boolean sequence() {
        Optional<Sequence> picked = pick(sequences);
        boolean referenced = picked.isPresent()
                && tables.stream()
                        .flatMap(t -> t.columns().stream())
                        .anyMatch(c -> c.defaultExpression()
                                .map(d -> d.contains(picked.get().name()))
                                .orElse(false));
        switch (picked.isEmpty() ? 0 : random.nextInt(3)) {
            case 0 ->
                sequences.add(new Sequence(fresh("seq_m"), "bigint", 1, 1 + random.nextInt(5), 1, 1_000_000, false));
            case 1 -> {
                Sequence s = picked.get();
                sequences.replaceAll(q -> q == s
                        ? new Sequence(
                                s.name(),
                                s.dataType(),
                                s.start(),
                                s.increment() + 1,
                                s.minValue(),
                                s.maxValue(),
                                !s.cycle())
                        : q);
            }
            default -> {
                if (referenced) {
                    return false;
                }
                sequences.remove(picked.get());
            }
        }
        sequences.sort((a, b) -> a.name().compareTo(b.name()));
        return true;
    }
}
