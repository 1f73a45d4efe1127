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
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

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
        List<Schema> schemas = snapshot.schemas().stream()
                .map(s -> normalize(s, options))
                .sorted(Comparator.comparing(Schema::name))
                .toList();
        return new SchemaSnapshot(snapshot.dialect(), snapshot.databaseName(), snapshot.takenAt(), schemas);
    }

    private static Schema normalize(Schema schema, SnapshotOptions options) {
        List<Table> tables = keep(schema.tables(), ObjectKind.TABLE, Table::name, options).stream()
                .map(SchemaNormalizer::normalize)
                .sorted(Comparator.comparing(Table::name))
                .toList();
        Set<String> ignoredTables = schema.tables().stream()
                .map(Table::name)
                .filter(options::ignoresName)
                .collect(Collectors.toSet());
        List<Trigger> triggers = keep(schema.triggers(), ObjectKind.TRIGGER, Trigger::name, options).stream()
                .filter(t -> !ignoredTables.contains(t.table()))
                .sorted(Comparator.comparing(Trigger::table).thenComparing(Trigger::name))
                .toList();
        List<Routine> routines = keep(schema.routines(), ObjectKind.ROUTINE, Routine::name, options).stream()
                .sorted(Comparator.comparing(Routine::name)
                        .thenComparing(Routine::kind)
                        .thenComparing(Routine::signature))
                .toList();
        return new Schema(
                schema.name(),
                tables,
                sorted(
                        keep(schema.views(), ObjectKind.VIEW, View::name, options).stream()
                                .map(v -> new View(
                                        v.name(), v.definition(), v.materialized(), sorted(v.indexes(), Index::name)))
                                .toList(),
                        View::name),
                sorted(keep(schema.sequences(), ObjectKind.SEQUENCE, Sequence::name, options), Sequence::name),
                routines,
                triggers,
                sorted(keep(schema.enumTypes(), ObjectKind.ENUM_TYPE, EnumType::name, options), EnumType::name),
                sorted(
                        keep(schema.domainTypes(), ObjectKind.DOMAIN_TYPE, DomainType::name, options).stream()
                                .map(d -> new DomainType(
                                        d.name(),
                                        d.baseType(),
                                        d.nullable(),
                                        d.defaultExpression(),
                                        sorted(d.checks(), CheckConstraint::name)))
                                .toList(),
                        DomainType::name),
                sorted(keep(schema.events(), ObjectKind.EVENT, Event::name, options), Event::name),
                schema.extensions().stream().sorted().toList());
    }

    private static Table normalize(Table table) {
        return new Table(
                table.name(),
                table.columns(),
                table.primaryKey(),
                sorted(table.indexes(), Index::name),
                sorted(table.foreignKeys(), ForeignKey::name),
                sorted(table.checks(), CheckConstraint::name),
                table.options());
    }

    private static <T> List<T> keep(
            List<T> objects, ObjectKind kind, Function<T, String> name, SnapshotOptions options) {
        if (!options.includes(kind)) {
            return List.of();
        }
        return objects.stream().filter(o -> !options.ignoresName(name.apply(o))).toList();
    }

    private static <T> List<T> sorted(List<T> objects, Function<T, String> name) {
        return objects.stream().sorted(Comparator.comparing(name)).toList();
    }
}
