package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;
import java.util.List;
import java.util.Optional;

/**
 * One schema (PostgreSQL) or the database itself (MySQL/MariaDB, named {@code ""}; see {@link SchemaSnapshot}),
 * with the objects in it. Each list holds distinct names (routines: distinct kind, name and signature, as PostgreSQL
 * overloads functions; triggers: distinct table and name, as PostgreSQL scopes trigger names by table).
 *
 * @param name the schema's name, {@code ""} for MySQL/MariaDB
 * @param tables its tables (copied, immutable, as all lists here)
 * @param views its views
 * @param sequences its sequences (PostgreSQL, MariaDB)
 * @param routines its functions and procedures
 * @param triggers its triggers
 * @param enumTypes its enum types (PostgreSQL only)
 * @param domainTypes its domain types (PostgreSQL only)
 * @param events its scheduled events (MySQL/MariaDB only)
 * @param extensions the names of the PostgreSQL extensions installed into this schema (e.g. {@code btree_gin}),
 *     distinct; their own objects are not listed elsewhere (PostgreSQL only)
 */
public record Schema(
        String name,
        List<Table> tables,
        List<View> views,
        List<Sequence> sequences,
        List<Routine> routines,
        List<Trigger> triggers,
        List<EnumType> enumTypes,
        List<DomainType> domainTypes,
        List<Event> events,
        List<String> extensions) {

    public Schema {
        Checks.notNull("name", name);
        tables = Checks.copy("tables", tables);
        Checks.distinct("tables", "table name", tables, Table::name);
        views = Checks.copy("views", views);
        Checks.distinct("views", "view name", views, View::name);
        sequences = Checks.copy("sequences", sequences);
        Checks.distinct("sequences", "sequence name", sequences, Sequence::name);
        routines = Checks.copy("routines", routines);
        Checks.distinct("routines", "routine", routines, r -> r.kind() + " " + r.name() + r.signature());
        triggers = Checks.copy("triggers", triggers);
        Checks.distinct("triggers", "trigger", triggers, t -> t.table() + "." + t.name());
        enumTypes = Checks.copy("enumTypes", enumTypes);
        Checks.distinct("enumTypes", "enum type name", enumTypes, EnumType::name);
        domainTypes = Checks.copy("domainTypes", domainTypes);
        Checks.distinct("domainTypes", "domain type name", domainTypes, DomainType::name);
        events = Checks.copy("events", events);
        Checks.distinct("events", "event name", events, Event::name);
        extensions = Checks.copy("extensions", extensions);
        Checks.distinct("extensions", "extension name", extensions, e -> e);
    }

    /** A schema without extensions (every MySQL/MariaDB schema). */
    public Schema(
            String name,
            List<Table> tables,
            List<View> views,
            List<Sequence> sequences,
            List<Routine> routines,
            List<Trigger> triggers,
            List<EnumType> enumTypes,
            List<DomainType> domainTypes,
            List<Event> events) {
        this(name, tables, views, sequences, routines, triggers, enumTypes, domainTypes, events, List.of());
    }

    /** A schema holding only tables. */
    public static Schema of(String name, List<Table> tables) {
        return new Schema(name, tables, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** The table with the given name. */
    public Optional<Table> table(String name) {
        return Named.find(tables, Table::name, name);
    }

    /** The view with the given name. */
    public Optional<View> view(String name) {
        return Named.find(views, View::name, name);
    }

    /** The sequence with the given name. */
    public Optional<Sequence> sequence(String name) {
        return Named.find(sequences, Sequence::name, name);
    }
}
