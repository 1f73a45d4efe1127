package io.dbchange.core.schema.internal;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
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
import io.dbchange.core.schema.diff.ChangeKind;
import io.dbchange.core.schema.diff.ObjectType;
import io.dbchange.core.schema.diff.SchemaChange;
import io.dbchange.core.schema.diff.SchemaDiff;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders the statements that turn one schema into another, for every engine: the engine only spells each step
 * ({@link DdlSpelling}). A full dump is the migration from an empty snapshot ({@link #dump}).
 *
 * <p>Order: everything that goes away is dropped first, dependents before what they depend on (triggers, events,
 * views in reverse dependency order, foreign keys, routines, checks, indexes, primary keys, columns, tables,
 * sequences, types, extensions, schemas); then everything new or changed is created, dependencies first (schemas,
 * extensions, enum and domain types, sequences, routines whose signature names no table, tables, table options,
 * columns, primary keys, indexes, checks, foreign keys, the other routines, views in dependency order, triggers,
 * events).
 *
 * <p>Hazards this handles by dropping and re-creating objects the diff does not name: a foreign key is re-created
 * when a column or index it uses (on either side) changes or goes away (MySQL refuses to change such a column or to
 * drop an index a foreign key needs); a view is re-created when an object its definition names (a changed table, a
 * routine, a type, another re-created view) changes, transitively (PostgreSQL refuses to change a column a view
 * uses); a trigger on a re-created view is re-created with it. "Names" is a whole-word match of the name in the
 * definition: it over-approximates, which only re-creates more.
 */
public final class MigrationPlanner {

    private MigrationPlanner() {}

    /**
     * The script that creates every object of the snapshot in an empty database.
     *
     * @throws DbChangeException {@code INVALID_ARGUMENT} for a snapshot of another dialect than the spelling's
     */
    public static String dumpScript(SchemaSnapshot snapshot, DdlSpelling spelling) {
        requireDialect(snapshot, spelling);
        return spelling.script(dump(snapshot, spelling));
    }

    /**
     * The script that turns a database of schema {@code from} into one of schema {@code to}; {@code ""} when equal.
     *
     * @throws DbChangeException {@code INVALID_ARGUMENT} for a snapshot of another dialect than the spelling's
     */
    public static String migrationScript(SchemaSnapshot from, SchemaSnapshot to, DdlSpelling spelling) {
        requireDialect(from, spelling);
        requireDialect(to, spelling);
        return spelling.script(plan(SchemaDiff.between(from, to), spelling));
    }

    private static void requireDialect(SchemaSnapshot snapshot, DdlSpelling spelling) {
        if (snapshot.dialect() != spelling.dialect()) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "the " + spelling.dialect() + " engine writes " + spelling.dialect() + " snapshots, but '"
                            + snapshot.databaseName() + "' is a " + snapshot.dialect()
                            + " snapshot; use the engine of its dialect");
        }
    }

    /** The statements that create every object of the snapshot in an empty database. */
    public static List<String> dump(SchemaSnapshot snapshot, DdlSpelling spelling) {
        List<Schema> none = snapshot.schemas().stream()
                .filter(s -> s.name().isEmpty())
                .map(s -> new Schema(
                        "", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()))
                .toList();
        SchemaSnapshot empty =
                new SchemaSnapshot(snapshot.dialect(), snapshot.databaseName(), snapshot.takenAt(), none);
        return plan(SchemaDiff.between(empty, snapshot), spelling);
    }

    /** The statements that turn the diff's first snapshot into its second; empty for an empty diff. */
    public static List<String> plan(SchemaDiff diff, DdlSpelling spelling) {
        if (diff.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(spelling.prologue());
        new Plan(diff, spelling, out).write();
        return out;
    }

    private static final class Plan {

        private final SchemaDiff diff;
        private final DdlSpelling spell;
        private final List<String> out;
        /** Tables whose options were changed in the drop phase (see there). */
        private final Set<String> earlyOptions = new HashSet<>();

        private final Map<ObjectType, List<SchemaChange>> byType = new LinkedHashMap<>();
        private final Map<String, Table> tablesBefore;
        private final Map<String, Table> tablesAfter;

        Plan(SchemaDiff diff, DdlSpelling spell, List<String> out) {
            this.diff = diff;
            this.spell = spell;
            this.out = out;
            for (ObjectType type : ObjectType.values()) {
                byType.put(type, new ArrayList<>());
            }
            diff.changes().forEach(c -> byType.get(c.path().type()).add(c));
            tablesBefore = tables(diff.before());
            tablesAfter = tables(diff.after());
        }

        private List<SchemaChange> of(ObjectType type, ChangeKind... kinds) {
            Set<ChangeKind> wanted = Set.of(kinds);
            return byType.get(type).stream()
                    .filter(c -> wanted.contains(c.kind()))
                    .toList();
        }

        private Table tableBefore(String schema, String table) {
            return Objects.requireNonNull(tablesBefore.get(key(schema, table)), table);
        }

        private Table tableAfter(String schema, String table) {
            return Objects.requireNonNull(tablesAfter.get(key(schema, table)), table);
        }

        private static Map<String, Table> tables(SchemaSnapshot snapshot) {
            Map<String, Table> tables = new HashMap<>();
            for (Schema schema : snapshot.schemas()) {
                schema.tables().forEach(t -> tables.put(key(schema.name(), t.name()), t));
            }
            return tables;
        }

        /**
         * The table changes with a table after the tables among them it inherits from (PostgreSQL {@code INHERITS}),
         * otherwise in their order.
         */
        private static List<SchemaChange> parentsFirst(List<SchemaChange> changes, boolean after) {
            Map<String, SchemaChange> remaining = new LinkedHashMap<>();
            for (SchemaChange c : changes) {
                remaining.put(key(c.path().schema(), c.path().name()), c);
            }
            List<SchemaChange> ordered = new ArrayList<>();
            Set<String> placed = new HashSet<>();
            while (!remaining.isEmpty()) {
                SchemaChange next = null;
                for (SchemaChange c : remaining.values()) {
                    Table t = (after ? c.after(Table.class) : c.before(Table.class)).orElseThrow();
                    boolean ready = t.options().inherits().stream()
                            .map(p -> key(p.schema(), p.table()))
                            .allMatch(k -> !remaining.containsKey(k) || placed.contains(k));
                    if (ready) {
                        next = c;
                        break;
                    }
                }
                if (next == null) {
                    next = remaining.values().iterator().next(); // a cycle cannot exist; keep the order
                }
                String k = key(next.path().schema(), next.path().name());
                remaining.remove(k);
                placed.add(k);
                ordered.add(next);
            }
            return ordered;
        }

        private static String key(String schema, String name) {
            return schema + "\u0000" + name;
        }

        void write() {
            // What changes inside tables on both sides: columns that change or go away, indexes and keys that do.
            Set<String> touchedColumns = new HashSet<>();
            for (SchemaChange c : of(ObjectType.COLUMN, ChangeKind.REMOVED, ChangeKind.CHANGED)) {
                if (c.kind() == ChangeKind.REMOVED || !c.changedAttributes().equals(List.of("position"))) {
                    touchedColumns.add(key(c.path().schema(), c.path().table()) + "\u0000"
                            + c.path().name());
                }
            }
            Set<String> indexedColumnsTouched = new HashSet<>();
            for (ObjectType type : List.of(ObjectType.INDEX, ObjectType.PRIMARY_KEY)) {
                for (SchemaChange c : of(type, ChangeKind.REMOVED, ChangeKind.CHANGED)) {
                    List<KeyPart> parts = c.before(Index.class)
                            .map(Index::parts)
                            .orElseGet(() ->
                                    c.before(PrimaryKey.class).orElseThrow().parts());
                    for (KeyPart part : parts) {
                        part.column()
                                .ifPresent(col -> indexedColumnsTouched.add(
                                        key(c.path().schema(), c.path().table()) + "\u0000" + col));
                    }
                }
            }
            Set<String> droppedTables = new HashSet<>();
            of(ObjectType.TABLE, ChangeKind.REMOVED)
                    .forEach(c ->
                            droppedTables.add(key(c.path().schema(), c.path().name())));

            // Foreign keys to drop (and, where they remain, re-create).
            Map<String, FkAt> fksToDrop = new LinkedHashMap<>();
            Set<String> fkNamesChanged = new HashSet<>();
            for (SchemaChange c : of(ObjectType.FOREIGN_KEY, ChangeKind.REMOVED, ChangeKind.CHANGED)) {
                String k = key(c.path().schema(), c.path().table()) + "\u0000"
                        + c.path().name();
                fkNamesChanged.add(k);
                if (!droppedTables.contains(key(c.path().schema(), c.path().table()))) {
                    fksToDrop.put(
                            k,
                            new FkAt(
                                    c.path().schema(),
                                    c.path().table(),
                                    c.before(ForeignKey.class).orElseThrow()));
                }
            }
            for (Schema schema : diff.before().schemas()) {
                for (Table table : schema.tables()) {
                    boolean tableDropped = droppedTables.contains(key(schema.name(), table.name()));
                    for (ForeignKey fk : table.foreignKeys()) {
                        String k = key(schema.name(), table.name()) + "\u0000" + fk.name();
                        if (fksToDrop.containsKey(k)) {
                            continue;
                        }
                        String refSchema = fk.referencedSchema();
                        String referenced = key(refSchema, fk.referencedTable());
                        // A dropped table's keys go first too: they may need an index that is dropped before it.
                        boolean recreate = tableDropped || droppedTables.contains(referenced);
                        for (String col : fk.columns()) {
                            String ck = key(schema.name(), table.name()) + "\u0000" + col;
                            recreate |= touchedColumns.contains(ck) || indexedColumnsTouched.contains(ck);
                        }
                        for (String col : fk.referencedColumns()) {
                            String ck = referenced + "\u0000" + col;
                            recreate |= touchedColumns.contains(ck) || indexedColumnsTouched.contains(ck);
                        }
                        if (recreate) {
                            fksToDrop.put(k, new FkAt(schema.name(), table.name(), fk));
                        }
                    }
                }
            }

            // Views to drop: changed or removed ones and every view naming something that changes, transitively.
            Set<String> affected = new HashSet<>();
            of(ObjectType.TABLE, ChangeKind.REMOVED)
                    .forEach(c -> affected.add(c.path().name()));
            of(ObjectType.COLUMN, ChangeKind.REMOVED, ChangeKind.CHANGED).stream()
                    .filter(c -> !c.changedAttributes().equals(List.of("position")))
                    .forEach(c -> affected.add(c.path().table()));
            // A type that changes may be re-created, and the columns using it converted.
            for (SchemaChange c : of(ObjectType.ENUM_TYPE, ChangeKind.CHANGED)) {
                columnsOfType(c.path().schema(), c.path().name(), droppedTables).forEach(r -> affected.add(r.table()));
            }
            of(ObjectType.ROUTINE, ChangeKind.REMOVED, ChangeKind.CHANGED)
                    .forEach(c ->
                            affected.add(c.before(Routine.class).orElseThrow().name()));
            for (ObjectType type : List.of(ObjectType.ENUM_TYPE, ObjectType.DOMAIN_TYPE, ObjectType.SEQUENCE)) {
                of(type, ChangeKind.REMOVED, ChangeKind.CHANGED)
                        .forEach(c -> affected.add(c.path().name()));
            }
            Map<String, Set<String>> viewsToDrop = new LinkedHashMap<>();
            for (SchemaChange c : of(ObjectType.VIEW, ChangeKind.REMOVED, ChangeKind.CHANGED)) {
                viewsToDrop
                        .computeIfAbsent(c.path().schema(), s -> new LinkedHashSet<>())
                        .add(c.path().name());
                affected.add(c.path().name());
            }
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Schema schema : diff.before().schemas()) {
                    Set<String> dropping = viewsToDrop.computeIfAbsent(schema.name(), s -> new LinkedHashSet<>());
                    for (View view : schema.views()) {
                        if (!dropping.contains(view.name()) && namesAny(view.definition(), affected)) {
                            dropping.add(view.name());
                            affected.add(view.name());
                            grew = true;
                        }
                    }
                }
            }
            // Triggers to drop: changed or removed ones, and those on views that are dropped.
            Map<String, TriggerAt> triggersToDrop = new LinkedHashMap<>();
            for (SchemaChange c : of(ObjectType.TRIGGER, ChangeKind.REMOVED, ChangeKind.CHANGED)) {
                Trigger t = c.before(Trigger.class).orElseThrow();
                triggersToDrop.put(
                        key(c.path().schema(), t.table() + "." + t.name()),
                        new TriggerAt(c.path().schema(), t));
            }
            for (Schema schema : diff.before().schemas()) {
                for (Trigger t : schema.triggers()) {
                    if (viewsToDrop.getOrDefault(schema.name(), Set.of()).contains(t.table())) {
                        triggersToDrop.putIfAbsent(
                                key(schema.name(), t.table() + "." + t.name()), new TriggerAt(schema.name(), t));
                    }
                }
            }

            // ---- drop phase
            triggersToDrop.values().forEach(t -> out.addAll(spell.dropTrigger(t.schema(), t.trigger())));
            for (SchemaChange c : of(ObjectType.EVENT, ChangeKind.REMOVED, ChangeKind.CHANGED)) {
                out.addAll(
                        spell.dropEvent(c.path().schema(), c.before(Event.class).orElseThrow()));
            }
            for (Schema schema : diff.before().schemas()) {
                Set<String> dropping = viewsToDrop.getOrDefault(schema.name(), Set.of());
                List<View> order = new ArrayList<>(ViewOrder.creationOrder(schema.views().stream()
                        .filter(v -> dropping.contains(v.name()))
                        .toList()));
                java.util.Collections.reverse(order);
                order.forEach(v -> out.addAll(spell.dropView(schema.name(), v)));
            }
            fksToDrop
                    .values()
                    .forEach(f ->
                            out.addAll(spell.dropForeignKey(f.schema(), tableBefore(f.schema(), f.table()), f.key())));
            for (SchemaChange c : of(ObjectType.TABLE, ChangeKind.REMOVED)) {
                out.addAll(spell.dropOptionReferences(
                        c.path().schema(), c.before(Table.class).orElseThrow(), null));
            }
            for (SchemaChange c : of(ObjectType.TABLE_OPTIONS, ChangeKind.CHANGED)) {
                out.addAll(spell.dropOptionReferences(
                        c.path().schema(),
                        tableBefore(c.path().schema(), c.path().table()),
                        tableAfter(c.path().schema(), c.path().table())));
            }
            // Aggregates before the functions they are made of.
            List<SchemaChange> removedRoutines = of(ObjectType.ROUTINE, ChangeKind.REMOVED);
            for (boolean aggregates : new boolean[] {true, false}) {
                for (SchemaChange c : removedRoutines) {
                    Routine routine = c.before(Routine.class).orElseThrow();
                    if (isAggregate(routine) == aggregates) {
                        out.addAll(spell.dropRoutine(c.path().schema(), routine));
                    }
                }
            }
            for (SchemaChange c : of(ObjectType.CHECK, ChangeKind.REMOVED, ChangeKind.CHANGED)) {
                if (!droppedTables.contains(key(c.path().schema(), c.path().table()))) {
                    out.addAll(spell.dropCheck(
                            c.path().schema(),
                            tableBefore(c.path().schema(), c.path().table()),
                            c.before(CheckConstraint.class).orElseThrow()));
                }
            }
            for (SchemaChange c : of(ObjectType.INDEX, ChangeKind.REMOVED, ChangeKind.CHANGED)) {
                if (!droppedTables.contains(key(c.path().schema(), c.path().table()))) {
                    out.addAll(spell.dropIndex(
                            c.path().schema(),
                            tableBefore(c.path().schema(), c.path().table()),
                            c.before(Index.class).orElseThrow()));
                }
            }
            for (SchemaChange c : of(ObjectType.PRIMARY_KEY, ChangeKind.REMOVED, ChangeKind.CHANGED)) {
                if (!droppedTables.contains(key(c.path().schema(), c.path().table()))) {
                    out.addAll(spell.dropPrimaryKey(
                            c.path().schema(),
                            tableBefore(c.path().schema(), c.path().table()),
                            c.before(PrimaryKey.class).orElseThrow()));
                }
            }
            // Generated columns first: they may be computed from the others.
            List<SchemaChange> removedColumns = new ArrayList<>(of(ObjectType.COLUMN, ChangeKind.REMOVED));
            removedColumns.sort(Comparator.comparing(
                    c -> c.before(Column.class).orElseThrow().generated().isEmpty()));
            for (SchemaChange c : removedColumns) {
                if (!droppedTables.contains(key(c.path().schema(), c.path().table()))
                        && !ancestorChanges(tablesBefore, c, List.of())) {
                    out.addAll(spell.dropColumn(
                            c.path().schema(),
                            tableBefore(c.path().schema(), c.path().table()),
                            c.before(Column.class).orElseThrow()));
                }
            }
            // children first, otherwise in the diff's order
            List<SchemaChange> removedTables = new ArrayList<>(of(ObjectType.TABLE, ChangeKind.REMOVED));
            java.util.Collections.reverse(removedTables);
            removedTables = parentsFirst(removedTables, false);
            // A table that stops inheriting from a removed table detaches before that table is dropped.
            Set<String> removedKeys = new HashSet<>();
            removedTables.forEach(
                    c -> removedKeys.add(key(c.path().schema(), c.path().name())));
            for (SchemaChange c : of(ObjectType.TABLE_OPTIONS, ChangeKind.CHANGED)) {
                Table before = tableBefore(c.path().schema(), c.path().table());
                if (before.options().inherits().stream()
                        .anyMatch(p -> removedKeys.contains(key(p.schema(), p.table())))) {
                    out.addAll(spell.alterTableOptions(
                            c.path().schema(),
                            before,
                            tableAfter(c.path().schema(), c.path().table())));
                    earlyOptions.add(key(c.path().schema(), c.path().table()));
                }
            }
            java.util.Collections.reverse(removedTables);
            for (SchemaChange c : removedTables) {
                out.addAll(
                        spell.dropTable(c.path().schema(), c.before(Table.class).orElseThrow()));
            }
            for (SchemaChange c : of(ObjectType.SEQUENCE, ChangeKind.REMOVED)) {
                out.addAll(spell.dropSequence(
                        c.path().schema(), c.before(Sequence.class).orElseThrow()));
            }
            for (SchemaChange c : of(ObjectType.DOMAIN_TYPE, ChangeKind.REMOVED)) {
                out.addAll(spell.dropDomainType(
                        c.path().schema(), c.before(DomainType.class).orElseThrow()));
            }
            for (SchemaChange c : of(ObjectType.ENUM_TYPE, ChangeKind.REMOVED)) {
                out.addAll(spell.dropEnumType(
                        c.path().schema(), c.before(EnumType.class).orElseThrow()));
            }
            for (SchemaChange c : of(ObjectType.EXTENSION, ChangeKind.REMOVED)) {
                out.addAll(spell.dropExtension(c.path().schema(), c.path().name()));
            }
            for (SchemaChange c : of(ObjectType.SCHEMA, ChangeKind.REMOVED)) {
                out.addAll(spell.dropSchema(c.path().name()));
            }

            // ---- create phase
            for (SchemaChange c : of(ObjectType.SCHEMA, ChangeKind.ADDED)) {
                out.addAll(spell.createSchema(c.path().name()));
            }
            for (SchemaChange c : of(ObjectType.EXTENSION, ChangeKind.ADDED)) {
                out.addAll(spell.createExtension(c.path().schema(), c.path().name()));
            }
            for (SchemaChange c : byType.get(ObjectType.ENUM_TYPE)) {
                if (c.kind() == ChangeKind.ADDED) {
                    out.addAll(spell.createEnumType(
                            c.path().schema(), c.after(EnumType.class).orElseThrow()));
                } else if (c.kind() == ChangeKind.CHANGED) {
                    out.addAll(spell.alterEnumType(
                            c.path().schema(),
                            c.before(EnumType.class).orElseThrow(),
                            c.after(EnumType.class).orElseThrow(),
                            columnsOfType(c.path().schema(), c.path().name(), droppedTables)));
                }
            }
            for (SchemaChange c : byType.get(ObjectType.DOMAIN_TYPE)) {
                if (c.kind() == ChangeKind.ADDED) {
                    out.addAll(spell.createDomainType(
                            c.path().schema(), c.after(DomainType.class).orElseThrow()));
                } else if (c.kind() == ChangeKind.CHANGED) {
                    out.addAll(spell.alterDomainType(
                            c.path().schema(),
                            c.before(DomainType.class).orElseThrow(),
                            c.after(DomainType.class).orElseThrow()));
                }
            }
            for (SchemaChange c : byType.get(ObjectType.SEQUENCE)) {
                if (c.kind() == ChangeKind.ADDED) {
                    out.addAll(spell.createSequence(
                            c.path().schema(), c.after(Sequence.class).orElseThrow()));
                } else if (c.kind() == ChangeKind.CHANGED) {
                    out.addAll(spell.alterSequence(
                            c.path().schema(),
                            c.before(Sequence.class).orElseThrow(),
                            c.after(Sequence.class).orElseThrow()));
                }
            }
            // Routines whose signature names no table come before the tables: a generated column, default or check
            // may call them. Those taking or returning a table's row type need the table, and aggregates their
            // functions: they come after the tables.
            List<SchemaChange> lateRoutines = new ArrayList<>();
            for (SchemaChange c : of(ObjectType.ROUTINE, ChangeKind.ADDED, ChangeKind.CHANGED)) {
                Routine r = c.after(Routine.class).orElseThrow();
                if (isAggregate(r) || namesATable(r)) {
                    lateRoutines.add(c);
                } else {
                    routine(c);
                }
            }
            for (SchemaChange c : parentsFirst(of(ObjectType.TABLE, ChangeKind.ADDED), true)) {
                out.addAll(spell.createTable(
                        c.path().schema(), c.after(Table.class).orElseThrow()));
            }
            for (SchemaChange c : of(ObjectType.TABLE_OPTIONS, ChangeKind.CHANGED)) {
                if (earlyOptions.contains(key(c.path().schema(), c.path().table()))) {
                    continue;
                }
                out.addAll(spell.alterTableOptions(
                        c.path().schema(),
                        tableBefore(c.path().schema(), c.path().table()),
                        tableAfter(c.path().schema(), c.path().table())));
            }
            Set<String> reordered = new LinkedHashSet<>();
            for (SchemaChange c : byType.get(ObjectType.COLUMN)) {
                String s = c.path().schema();
                if (droppedTables.contains(key(s, c.path().table())) || c.kind() == ChangeKind.REMOVED) {
                    continue;
                }
                Table after = tableAfter(s, c.path().table());
                if (c.kind() == ChangeKind.ADDED) {
                    if (!ancestorChanges(tablesAfter, c, List.of())) {
                        out.addAll(
                                spell.addColumn(s, after, c.after(Column.class).orElseThrow()));
                    }
                } else {
                    List<String> attributes = new ArrayList<>(c.changedAttributes());
                    if (ancestorChanges(tablesAfter, c, List.of("type", "collation"))) {
                        // PostgreSQL changes the type of an inherited column with its parent's, and refuses to
                        // change it on the child alone
                        attributes.removeAll(List.of("type", "collation"));
                    }
                    if (attributes.remove("position")) {
                        reordered.add(key(s, c.path().table()));
                    }
                    if (!attributes.isEmpty()) {
                        out.addAll(spell.alterColumn(
                                s,
                                after,
                                c.before(Column.class).orElseThrow(),
                                c.after(Column.class).orElseThrow(),
                                attributes));
                    }
                }
            }
            // Adding columns anywhere but at the end moves the others too.
            for (SchemaChange c : of(ObjectType.COLUMN, ChangeKind.ADDED)) {
                reordered.add(key(c.path().schema(), c.path().table()));
            }
            for (String k : reordered) {
                String[] st = k.split("\u0000", -1);
                if (tablesBefore.containsKey(k)) {
                    out.addAll(spell.reorderColumns(st[0], tableBefore(st[0], st[1]), tableAfter(st[0], st[1])));
                }
            }
            for (SchemaChange c : of(ObjectType.PRIMARY_KEY, ChangeKind.ADDED, ChangeKind.CHANGED)) {
                out.addAll(spell.addPrimaryKey(
                        c.path().schema(),
                        tableAfter(c.path().schema(), c.path().table()),
                        c.after(PrimaryKey.class).orElseThrow()));
            }
            for (SchemaChange c : of(ObjectType.INDEX, ChangeKind.ADDED, ChangeKind.CHANGED)) {
                out.addAll(spell.createIndex(
                        c.path().schema(),
                        tableAfter(c.path().schema(), c.path().table()),
                        c.after(Index.class).orElseThrow()));
            }
            for (SchemaChange c : of(ObjectType.CHECK, ChangeKind.ADDED, ChangeKind.CHANGED)) {
                out.addAll(spell.addCheck(
                        c.path().schema(),
                        tableAfter(c.path().schema(), c.path().table()),
                        c.after(CheckConstraint.class).orElseThrow()));
            }
            // Foreign keys once every table and unique index exists: new tables' keys, added, changed and re-created.
            for (Schema schema : diff.after().schemas()) {
                for (Table table : schema.tables()) {
                    boolean added = !tablesBefore.containsKey(key(schema.name(), table.name()));
                    for (ForeignKey fk : table.foreignKeys()) {
                        String k = key(schema.name(), table.name()) + "\u0000" + fk.name();
                        boolean existed = !added
                                && tableBefore(schema.name(), table.name()).foreignKeys().stream()
                                        .anyMatch(f -> f.name().equals(fk.name()));
                        if (added || !existed || fksToDrop.containsKey(k) || fkNamesChanged.contains(k)) {
                            out.addAll(spell.addForeignKey(schema.name(), table, fk));
                        }
                    }
                }
            }
            for (SchemaChange c : of(ObjectType.TABLE, ChangeKind.ADDED)) {
                out.addAll(spell.addOptionReferences(
                        c.path().schema(), null, c.after(Table.class).orElseThrow()));
            }
            for (SchemaChange c : of(ObjectType.TABLE_OPTIONS, ChangeKind.CHANGED)) {
                out.addAll(spell.addOptionReferences(
                        c.path().schema(),
                        tableBefore(c.path().schema(), c.path().table()),
                        tableAfter(c.path().schema(), c.path().table())));
            }
            lateRoutines.stream()
                    .filter(c -> !isAggregate(c.after(Routine.class).orElseThrow()))
                    .forEach(this::routine);
            lateRoutines.stream()
                    .filter(c -> isAggregate(c.after(Routine.class).orElseThrow()))
                    .forEach(this::routine);
            for (Schema schema : diff.after().schemas()) {
                Set<String> dropped = viewsToDrop.getOrDefault(schema.name(), Set.of());
                Set<String> existed = new HashSet<>();
                diff.before().schema(schema.name()).ifPresent(s -> s.views().forEach(v -> existed.add(v.name())));
                List<View> create = schema.views().stream()
                        .filter(v -> !existed.contains(v.name()) || dropped.contains(v.name()))
                        .toList();
                ViewOrder.creationOrder(create).forEach(v -> out.addAll(spell.createView(schema.name(), v)));
            }
            for (Schema schema : diff.after().schemas()) {
                Set<String> existed = new HashSet<>();
                diff.before()
                        .schema(schema.name())
                        .ifPresent(s -> s.triggers().forEach(t -> existed.add(t.table() + "." + t.name())));
                for (Trigger t : schema.triggers()) {
                    String k = t.table() + "." + t.name();
                    if (!existed.contains(k) || triggersToDrop.containsKey(key(schema.name(), k))) {
                        out.addAll(spell.createTrigger(schema.name(), t));
                    }
                }
            }
            for (SchemaChange c : of(ObjectType.EVENT, ChangeKind.ADDED, ChangeKind.CHANGED)) {
                out.addAll(spell.createEvent(
                        c.path().schema(), c.after(Event.class).orElseThrow()));
            }
        }

        private void routine(SchemaChange c) {
            if (c.kind() == ChangeKind.ADDED) {
                out.addAll(spell.createRoutine(
                        c.path().schema(), c.after(Routine.class).orElseThrow()));
            } else {
                out.addAll(spell.replaceRoutine(
                        c.path().schema(),
                        c.before(Routine.class).orElseThrow(),
                        c.after(Routine.class).orElseThrow()));
            }
        }

        private boolean namesATable(Routine routine) {
            return namesAny(
                    routine.signature(),
                    tablesAfter.values().stream().map(Table::name).toList());
        }

        /** Columns that remain whose type is the named type or an array of it, as they are before. */
        /**
         * Whether a table that the change's table inherits from (PostgreSQL {@code INHERITS}, at any depth, looked up
         * in {@code tables}) has the same column changed the same way in this diff ({@code attributes}: for a change,
         * one of these attributes changes on both; empty: the same kind is enough). PostgreSQL applies a parent's
         * added, dropped or retyped column to its children, and refuses to do it on a child on its own.
         */
        private boolean ancestorChanges(Map<String, Table> tables, SchemaChange change, List<String> attributes) {
            Table table = tables.get(key(change.path().schema(), change.path().table()));
            if (table == null || table.options().inherits().isEmpty()) {
                return false;
            }
            for (String ancestor : ancestors(tables, table, new LinkedHashSet<>())) {
                String[] st = ancestor.split("\u0000", -1);
                for (SchemaChange other : byType.get(ObjectType.COLUMN)) {
                    if (other.kind() == change.kind()
                            && other.path().schema().equals(st[0])
                            && other.path().table().equals(st[1])
                            && other.path().name().equals(change.path().name())
                            && (attributes.isEmpty()
                                    || other.changedAttributes().stream().anyMatch(attributes::contains))) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static Set<String> ancestors(Map<String, Table> tables, Table table, Set<String> out) {
            for (TableOptions.Parent p : table.options().inherits()) {
                String k = key(p.schema(), p.table());
                Table parent = tables.get(k);
                if (out.add(k) && parent != null) {
                    ancestors(tables, parent, out);
                }
            }
            return out;
        }

        /** Whether a table that {@code table} inherits from, at any depth, has the column {@code column}. */
        private static boolean inheritsColumn(Map<String, Table> tables, Table table, String column) {
            for (String ancestor : ancestors(tables, table, new LinkedHashSet<>())) {
                Table parent = tables.get(ancestor);
                if (parent != null && parent.column(column).isPresent()) {
                    return true;
                }
            }
            return false;
        }

        private List<DdlSpelling.ColumnRef> columnsOfType(String schema, String type, Set<String> droppedTables) {
            Pattern typePattern = Pattern.compile("(?:^|\\.)\"?" + Pattern.quote(type) + "\"?(?:\\[\\])*$");
            List<DdlSpelling.ColumnRef> columns = new ArrayList<>();
            for (Schema s : diff.before().schemas()) {
                for (Table table : s.tables()) {
                    if (droppedTables.contains(key(s.name(), table.name()))) {
                        continue;
                    }
                    Table after = tablesAfter.get(key(s.name(), table.name()));
                    for (Column column : table.columns()) {
                        boolean sameSchema =
                                s.name().equals(schema) || column.type().contains(".");
                        // A column dropped by the migration is gone by the time the type changes.
                        boolean remains =
                                after != null && after.column(column.name()).isPresent();
                        // an inherited column changes with its parent's
                        if (remains
                                && sameSchema
                                && typePattern.matcher(column.type()).find()
                                && !inheritsColumn(tablesBefore, table, column.name())) {
                            columns.add(new DdlSpelling.ColumnRef(table.name(), column));
                        }
                    }
                }
            }
            return columns;
        }
    }

    private static boolean isAggregate(Routine routine) {
        return routine.definition().startsWith("CREATE AGGREGATE");
    }

    private static final Pattern WORD = Pattern.compile("[\\w$]+");

    /**
     * Whether the text names the object: the name occurs in it as a whole word. Plain names are looked up in the
     * text's words (one pass over the text for many names); others, e.g. with spaces, are searched for.
     */
    private static boolean namesAny(String text, Collection<String> names) {
        Set<String> words = new HashSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        for (String name : names) {
            boolean plain = WORD.matcher(name).matches();
            if (plain ? words.contains(name) : word(name).matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern word(String name) {
        return Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])");
    }

    private record FkAt(String schema, String table, ForeignKey key) {}

    private record TriggerAt(String schema, Trigger trigger) {}
}
