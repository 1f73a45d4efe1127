package io.dbchange.core.schema;

import io.dbchange.api.schema.CheckConstraint;
import io.dbchange.api.schema.DomainType;
import io.dbchange.api.schema.EnumType;
import io.dbchange.api.schema.Event;
import io.dbchange.api.schema.ForeignKey;
import io.dbchange.api.schema.Index;
import io.dbchange.api.schema.Routine;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.Sequence;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.api.schema.SnapshotOptions.ObjectKind;
import io.dbchange.api.schema.Table;
import io.dbchange.api.schema.Trigger;
import io.dbchange.api.schema.View;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The last step of every schema reader: leaves out the objects the {@link SnapshotOptions} ignore and sorts every
 * list of named objects by name, so that equal structures give equal (and byte-identical JSON) snapshots whatever
 * order the catalog returned them in. Columns keep their ordinal order and key parts their key order: both are
 * structure.
 *
 * <p>Triggers of an ignored table are left out with it. Idempotent: normalizing a normalized snapshot returns an
 * equal one.
 */
public final class SchemaNormalizer {

    private SchemaNormalizer() {}

    /** The snapshot with ignored objects left out and every named list sorted. */
    public static SchemaSnapshot normalize(SchemaSnapshot snapshot, SnapshotOptions options) {
        Objects.requireNonNull(snapshot, "'snapshot' must not be null");
        Objects.requireNonNull(options, "'options' must not be null");
        // Loops and in-order checks rather than streams: this runs on every read, twice per task of a rollout with
        // schema capture, and streams over one-element lists were a tenth of a small MySQL database's read.
        List<Schema> schemas = new ArrayList<>(snapshot.schemas().size());
        for (Schema schema : snapshot.schemas()) {
            schemas.add(normalize(schema, options));
        }
        return new SchemaSnapshot(
                snapshot.dialect(), snapshot.databaseName(), snapshot.takenAt(), sorted(schemas, Schema::name));
    }

    private static Schema normalize(Schema schema, SnapshotOptions options) {
        List<Table> kept = keep(schema.tables(), ObjectKind.TABLE, Table::name, options);
        List<Table> tables = new ArrayList<>(kept.size());
        for (Table table : kept) {
            tables.add(normalize(table));
        }
        List<Trigger> triggers = keep(schema.triggers(), ObjectKind.TRIGGER, Trigger::name, options);
        if (!triggers.isEmpty()) {
            Set<String> ignoredTables = new HashSet<>();
            for (Table table : schema.tables()) {
                if (options.ignoresName(table.name())) {
                    ignoredTables.add(table.name());
                }
            }
            List<Trigger> onKeptTables = new ArrayList<>(triggers.size());
            for (Trigger trigger : triggers) {
                if (!ignoredTables.contains(trigger.table())) {
                    onKeptTables.add(trigger);
                }
            }
            triggers = sorted(onKeptTables, Comparator.comparing(Trigger::table).thenComparing(Trigger::name));
        }
        List<Routine> routines = sorted(
                keep(schema.routines(), ObjectKind.ROUTINE, Routine::name, options),
                Comparator.comparing(Routine::name).thenComparing(Routine::kind).thenComparing(Routine::signature));
        List<View> views = new ArrayList<>();
        for (View v : keep(schema.views(), ObjectKind.VIEW, View::name, options)) {
            List<Index> indexes = sorted(v.indexes(), Index::name);
            views.add(indexes == v.indexes() ? v : new View(v.name(), v.definition(), v.materialized(), indexes));
        }
        List<DomainType> domainTypes = new ArrayList<>();
        for (DomainType d : keep(schema.domainTypes(), ObjectKind.DOMAIN_TYPE, DomainType::name, options)) {
            List<CheckConstraint> checks = sorted(d.checks(), CheckConstraint::name);
            domainTypes.add(
                    checks == d.checks()
                            ? d
                            : new DomainType(d.name(), d.baseType(), d.nullable(), d.defaultExpression(), checks));
        }
        return new Schema(
                schema.name(),
                sorted(tables, Table::name),
                sorted(views, View::name),
                sorted(keep(schema.sequences(), ObjectKind.SEQUENCE, Sequence::name, options), Sequence::name),
                routines,
                triggers,
                sorted(keep(schema.enumTypes(), ObjectKind.ENUM_TYPE, EnumType::name, options), EnumType::name),
                sorted(domainTypes, DomainType::name),
                sorted(keep(schema.events(), ObjectKind.EVENT, Event::name, options), Event::name),
                sorted(schema.extensions(), Comparator.naturalOrder()));
    }

    private static Table normalize(Table table) {
        List<Index> indexes = sorted(table.indexes(), Index::name);
        List<ForeignKey> foreignKeys = sorted(table.foreignKeys(), ForeignKey::name);
        List<CheckConstraint> checks = sorted(table.checks(), CheckConstraint::name);
        if (indexes == table.indexes() && foreignKeys == table.foreignKeys() && checks == table.checks()) {
            // already in order (the usual small table): the same value, without validating it again
            return table;
        }
        return new Table(
                table.name(), table.columns(), table.primaryKey(), indexes, foreignKeys, checks, table.options());
    }

    private static <T> List<T> keep(
            List<T> objects, ObjectKind kind, Function<T, String> name, SnapshotOptions options) {
        if (!options.includes(kind)) {
            return List.of();
        }
        if (objects.isEmpty() || options.ignoredNames().isEmpty()) {
            return objects;
        }
        List<T> kept = null;
        for (int i = 0; i < objects.size(); i++) {
            T o = objects.get(i);
            if (options.ignoresName(name.apply(o))) {
                if (kept == null) {
                    kept = new ArrayList<>(objects.subList(0, i));
                }
            } else if (kept != null) {
                kept.add(o);
            }
        }
        return kept == null ? objects : kept;
    }

    /** The list sorted by name; the list itself when it already is (no copy). */
    private static <T> List<T> sorted(List<T> objects, Function<T, String> name) {
        return sorted(objects, Comparator.comparing(name));
    }

    /** The list in the given order (a stable sort); the list itself when it already is (no copy). */
    private static <T> List<T> sorted(List<T> objects, Comparator<? super T> order) {
        for (int i = 1; i < objects.size(); i++) {
            if (order.compare(objects.get(i - 1), objects.get(i)) > 0) {
                List<T> copy = new ArrayList<>(objects);
                copy.sort(order);
                return copy;
            }
        }
        return objects;
    }
}
