package io.dbchange.core.schema.diff;

import java.util.Objects;

/**
 * Where an object is: its type, its schema, its table (for the parts of a table and for triggers) and its name.
 *
 * @param type what kind of object it is
 * @param schema the schema holding it ({@code ""} in MySQL/MariaDB, and for a {@link ObjectType#SCHEMA} itself)
 * @param table the table (or, for an {@code INSTEAD OF} trigger, view) it belongs to; {@code ""} for objects that
 *     belong to a schema
 * @param name its name; a routine's name followed by its signature (PostgreSQL overloads names); {@code ""} for
 *     {@link ObjectType#TABLE_OPTIONS}
 */
public record ObjectPath(ObjectType type, String schema, String table, String name) {

    public ObjectPath {
        Objects.requireNonNull(type, "'type' must not be null");
        Objects.requireNonNull(schema, "'schema' must not be null");
        Objects.requireNonNull(table, "'table' must not be null");
        Objects.requireNonNull(name, "'name' must not be null");
    }

    /** The dotted name, e.g. {@code public.orders.customer_id} or, in MySQL/MariaDB, {@code orders.customer_id}. */
    public String qualifiedName() {
        StringBuilder out = new StringBuilder();
        for (String part : new String[] {schema, table, name}) {
            if (!part.isEmpty()) {
                out.append(out.isEmpty() ? "" : ".").append(part);
            }
        }
        return out.toString();
    }

    /** The type in lower case and the qualified name, e.g. {@code column public.orders.customer_id}. */
    @Override
    public String toString() {
        return type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " " + qualifiedName();
    }
}
