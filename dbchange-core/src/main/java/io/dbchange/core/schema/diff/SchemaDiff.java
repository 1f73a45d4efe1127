package io.dbchange.core.schema.diff;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.schema.CheckConstraint;
import io.dbchange.api.schema.Column;
import io.dbchange.api.schema.DomainType;
import io.dbchange.api.schema.EnumType;
import io.dbchange.api.schema.Event;
import io.dbchange.api.schema.ForeignKey;
import io.dbchange.api.schema.Index;
import io.dbchange.api.schema.PrimaryKey;
import io.dbchange.api.schema.Routine;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.Sequence;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.api.schema.Table;
import io.dbchange.api.schema.Trigger;
import io.dbchange.api.schema.View;
import io.dbchange.core.schema.SchemaNormalizer;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The structural differences between two schema snapshots of the same dialect.
 *
 * <pre>{@code
 * SchemaDiff diff = SchemaDiff.between(recorded, live);
 * if (!diff.isEmpty()) {
 *     System.out.println(diff.report());
 *     String ddl = engine.migrationDdl(live, recorded);   // brings the live schema back
 * }
 * }</pre>
 *
 * <p>Both snapshots are {@linkplain SchemaNormalizer normalized} first (objects sorted by name; no name pattern or
 * kind is ignored unless the options say so), so equal structures give an empty diff whatever order they were read
 * in. A schema added or removed is reported, followed by every object in it. Objects are matched by name (routines by kind, name and signature; triggers by table and name): a renamed
 * object is reported as one removal and one addition, never as a rename. A table that exists on both sides is never
 * reported itself; its columns, primary key, indexes, foreign keys, checks and options are. A column that keeps its
 * attributes but moves relative to the other columns is reported changed with the attribute {@code position}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SchemaDiff {

    private final SchemaSnapshot before;
    private final SchemaSnapshot after;
    private final List<SchemaChange> changes;

    private SchemaDiff(SchemaSnapshot before, SchemaSnapshot after, List<SchemaChange> changes) {
        this.before = before;
        this.after = after;
        this.changes = List.copyOf(changes);
    }

    /**
     * The differences that turn {@code before} into {@code after}, comparing every object of both.
     *
     * @throws DbChangeException {@code INVALID_ARGUMENT} when the snapshots are of different dialects
     */
    public static SchemaDiff between(SchemaSnapshot before, SchemaSnapshot after) {
        return between(before, after, SnapshotOptions.DEFAULTS.withoutIgnoredNames());
    }

    /**
     * The differences that turn {@code before} into {@code after}, leaving out on both sides the objects the options
     * ignore (kinds and name patterns; {@link SnapshotOptions#schemas()} is not used).
     *
     * @throws DbChangeException {@code INVALID_ARGUMENT} when the snapshots are of different dialects
     */
    public static SchemaDiff between(SchemaSnapshot before, SchemaSnapshot after, SnapshotOptions options) {
        Objects.requireNonNull(before, "'before' must not be null");
        Objects.requireNonNull(after, "'after' must not be null");
        Objects.requireNonNull(options, "'options' must not be null");
        if (before.dialect() != after.dialect()) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "cannot diff snapshot '" + before.databaseName() + "' (" + before.dialect() + ") with '"
                            + after.databaseName() + "' (" + after.dialect() + "); compare snapshots of one dialect");
        }
        SchemaSnapshot a = SchemaNormalizer.normalize(before, options);
        SchemaSnapshot b = SchemaNormalizer.normalize(after, options);
        List<SchemaChange> changes = new ArrayList<>();
        Walker walker = new Walker(changes);
        Map<String, Schema> left = byName(a.schemas(), Schema::name);
        Map<String, Schema> right = byName(b.schemas(), Schema::name);
        for (Schema schema : a.schemas()) {
            if (!right.containsKey(schema.name())) {
                walker.removed(new ObjectPath(ObjectType.SCHEMA, "", "", schema.name()), schema);
                walker.schema(schema, empty(schema.name()));
            }
        }
        for (Schema schema : b.schemas()) {
            if (!left.containsKey(schema.name())) {
                walker.added(new ObjectPath(ObjectType.SCHEMA, "", "", schema.name()), schema);
                walker.schema(empty(schema.name()), schema);
            }
        }
        for (Schema schema : a.schemas()) {
            Schema other = right.get(schema.name());
            if (other != null) {
                walker.schema(schema, other);
            }
        }
        return new SchemaDiff(a, b, changes);
    }

    private static Schema empty(String name) {
        return new Schema(name, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** The first snapshot, normalized. */
    public SchemaSnapshot before() {
        return before;
    }

    /** The second snapshot, normalized. */
    public SchemaSnapshot after() {
        return after;
    }

    /**
     * Every difference: per schema, its extensions, enum and domain types, sequences, tables (added or removed, then
     * the parts of the tables on both sides), views, routines, triggers and events; by name within a kind. Never
     * {@code null}; immutable.
     */
    public List<SchemaChange> changes() {
        return changes;
    }

    /** Whether the two snapshots have the same structure. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /**
     * A readable report: {@code no differences}, or one line per change ({@code +} added, {@code -} removed,
     * {@code ~} changed) followed, for a change, by one indented line per differing attribute with its value
     * before and after.
     */
    public String report() {
        if (changes.isEmpty()) {
            return "no differences\n";
        }
        StringBuilder out = new StringBuilder();
        out.append(changes.size()).append(changes.size() == 1 ? " difference\n" : " differences\n");
        for (SchemaChange change : changes) {
            out.append(change).append('\n');
            if (change.kind() == ChangeKind.CHANGED) {
                Object from = change.before().orElseThrow();
                Object to = change.after().orElseThrow();
                for (String attribute : change.changedAttributes()) {
                    if (attribute.equals(POSITION)) {
                        out.append("    position moved\n");
                    } else {
                        out.append("    ")
                                .append(attribute)
                                .append(": ")
                                .append(show(component(from, attribute)))
                                .append(" -> ")
                                .append(show(component(to, attribute)))
                                .append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    /** The {@link #report()}. */
    @Override
    public String toString() {
        return report();
    }

    static final String POSITION = "position";

    private static String show(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.map(SchemaDiff::show).orElse("(none)");
        }
        if (value instanceof String text) {
            return text.isEmpty() ? "\"\"" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
        }
        return String.valueOf(value);
    }

    private static Object component(Object record, String name) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                return read(component, record);
            }
        }
        throw new IllegalStateException(record.getClass().getSimpleName() + " has no component " + name);
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component + " of " + record.getClass(), e);
        }
    }

    /** The names of the record components whose values differ, in declaration order. */
    static List<String> differingComponents(Object a, Object b) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : a.getClass().getRecordComponents()) {
            if (!Objects.equals(read(component, a), read(component, b))) {
                names.add(component.getName());
            }
        }
        return names;
    }

    private static <T> Map<String, T> byName(List<T> objects, Function<T, String> name) {
        Map<String, T> map = new LinkedHashMap<>();
        objects.forEach(o -> map.put(name.apply(o), o));
        return map;
    }

    /** Walks two normalized schemas and collects their differences. */
    private static final class Walker {

        private final List<SchemaChange> changes;

        Walker(List<SchemaChange> changes) {
            this.changes = changes;
        }

        void added(ObjectPath path, Object value) {
            changes.add(new SchemaChange(path, ChangeKind.ADDED, Optional.empty(), Optional.of(value), List.of()));
        }

        void removed(ObjectPath path, Object value) {
            changes.add(new SchemaChange(path, ChangeKind.REMOVED, Optional.of(value), Optional.empty(), List.of()));
        }

        void changed(ObjectPath path, Object before, Object after, List<String> attributes) {
            changes.add(
                    new SchemaChange(path, ChangeKind.CHANGED, Optional.of(before), Optional.of(after), attributes));
        }

        void schema(Schema a, Schema b) {
            String s = a.name();
            compare(a.extensions(), b.extensions(), e -> e, ObjectType.EXTENSION, s, "");
            compare(a.enumTypes(), b.enumTypes(), EnumType::name, ObjectType.ENUM_TYPE, s, "");
            compare(a.domainTypes(), b.domainTypes(), DomainType::name, ObjectType.DOMAIN_TYPE, s, "");
            compare(a.sequences(), b.sequences(), Sequence::name, ObjectType.SEQUENCE, s, "");
            Map<String, Table> right = byName(b.tables(), Table::name);
            Map<String, Table> left = byName(a.tables(), Table::name);
            for (Table table : a.tables()) {
                if (!right.containsKey(table.name())) {
                    removed(new ObjectPath(ObjectType.TABLE, s, "", table.name()), table);
                }
            }
            for (Table table : b.tables()) {
                if (!left.containsKey(table.name())) {
                    added(new ObjectPath(ObjectType.TABLE, s, "", table.name()), table);
                }
            }
            for (Table table : a.tables()) {
                Table other = right.get(table.name());
                if (other != null && !table.equals(other)) {
                    table(s, table, other);
                }
            }
            compare(a.views(), b.views(), View::name, ObjectType.VIEW, s, "");
            compare(a.routines(), b.routines(), SchemaDiff::routineKey, ObjectType.ROUTINE, s, "");
            compareTriggers(s, a.triggers(), b.triggers());
            compare(a.events(), b.events(), Event::name, ObjectType.EVENT, s, "");
        }

        private void table(String s, Table a, Table b) {
            String t = a.name();
            List<String> moved = movedColumns(a.columns(), b.columns());
            Map<String, Column> right = byName(b.columns(), Column::name);
            Map<String, Column> left = byName(a.columns(), Column::name);
            for (Column column : a.columns()) {
                if (!right.containsKey(column.name())) {
                    removed(new ObjectPath(ObjectType.COLUMN, s, t, column.name()), column);
                }
            }
            for (Column column : b.columns()) {
                Column old = left.get(column.name());
                ObjectPath path = new ObjectPath(ObjectType.COLUMN, s, t, column.name());
                if (old == null) {
                    added(path, column);
                } else {
                    List<String> attributes = differingComponents(old, column);
                    if (moved.contains(column.name())) {
                        attributes = new ArrayList<>(attributes);
                        attributes.add(POSITION);
                    }
                    if (!attributes.isEmpty()) {
                        changed(path, old, column, attributes);
                    }
                }
            }
            List<PrimaryKey> pkA = a.primaryKey().stream().toList();
            List<PrimaryKey> pkB = b.primaryKey().stream().toList();
            compare(pkA, pkB, PrimaryKey::name, ObjectType.PRIMARY_KEY, s, t);
            compare(a.indexes(), b.indexes(), Index::name, ObjectType.INDEX, s, t);
            compare(a.foreignKeys(), b.foreignKeys(), ForeignKey::name, ObjectType.FOREIGN_KEY, s, t);
            compare(a.checks(), b.checks(), CheckConstraint::name, ObjectType.CHECK, s, t);
            if (!a.options().equals(b.options())) {
                changed(
                        new ObjectPath(ObjectType.TABLE_OPTIONS, s, t, ""),
                        a.options(),
                        b.options(),
                        differingComponents(a.options(), b.options()));
            }
        }

        private void compareTriggers(String s, List<Trigger> a, List<Trigger> b) {
            Map<String, Trigger> right = byName(b, SchemaDiff::triggerKey);
            Map<String, Trigger> left = byName(a, SchemaDiff::triggerKey);
            for (Trigger trigger : a) {
                ObjectPath path = new ObjectPath(ObjectType.TRIGGER, s, trigger.table(), trigger.name());
                Trigger other = right.get(triggerKey(trigger));
                if (other == null) {
                    removed(path, trigger);
                } else if (!other.equals(trigger)) {
                    changed(path, trigger, other, differingComponents(trigger, other));
                }
            }
            for (Trigger trigger : b) {
                if (!left.containsKey(triggerKey(trigger))) {
                    added(new ObjectPath(ObjectType.TRIGGER, s, trigger.table(), trigger.name()), trigger);
                }
            }
        }

        /** Removals, then changes, then additions of one kind, each by name. */
        private <T> void compare(
                List<T> a, List<T> b, Function<T, String> key, ObjectType type, String schema, String table) {
            Map<String, T> right = byName(b, key);
            Map<String, T> left = byName(a, key);
            for (T object : a) {
                T other = right.get(key.apply(object));
                ObjectPath path = new ObjectPath(type, schema, table, key.apply(object));
                if (other == null) {
                    removed(path, object);
                } else if (!other.equals(object)) {
                    List<String> attributes =
                            object instanceof Record ? differingComponents(object, other) : List.of("name");
                    changed(path, object, other, attributes);
                }
            }
            for (T object : b) {
                if (!left.containsKey(key.apply(object))) {
                    added(new ObjectPath(type, schema, table, key.apply(object)), object);
                }
            }
        }
    }

    /** A routine's identity: name and signature (a function and a procedure cannot share both). */
    static String routineKey(Routine routine) {
        return routine.name() + routine.signature();
    }

    private static String triggerKey(Trigger trigger) {
        return trigger.table() + "." + trigger.name();
    }

    /**
     * The columns present on both sides that moved: all but a longest run of them that keeps its relative order
     * (a longest increasing subsequence of their old positions, taken in new order), so that moving the fewest
     * columns restores the new order.
     */
    static List<String> movedColumns(List<Column> before, List<Column> after) {
        Map<String, Integer> oldPosition = new LinkedHashMap<>();
        for (int i = 0; i < before.size(); i++) {
            oldPosition.put(before.get(i).name(), i);
        }
        List<String> common = new ArrayList<>();
        for (Column column : after) {
            if (oldPosition.containsKey(column.name())) {
                common.add(column.name());
            }
        }
        int n = common.size();
        int[] length = new int[n];
        int[] previous = new int[n];
        int best = -1;
        for (int i = 0; i < n; i++) {
            length[i] = 1;
            previous[i] = -1;
            for (int j = 0; j < i; j++) {
                if (oldPosition.get(common.get(j)) < oldPosition.get(common.get(i)) && length[j] + 1 > length[i]) {
                    length[i] = length[j] + 1;
                    previous[i] = j;
                }
            }
            if (best < 0 || length[i] > length[best]) {
                best = i;
            }
        }
        List<String> kept = new ArrayList<>();
        for (int i = best; i >= 0; i = previous[i]) {
            kept.add(common.get(i));
        }
        Collections.reverse(kept);
        List<String> moved = new ArrayList<>(common);
        moved.removeAll(kept);
        return moved;
    }
}
