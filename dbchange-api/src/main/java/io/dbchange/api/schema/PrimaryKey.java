package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;
import java.util.Arrays;
import java.util.List;

/**
 * A table's primary key.
 *
 * @param name the constraint's name as the server reports it ({@code PRIMARY} in MySQL/MariaDB, e.g.
 *     {@code orders_pkey} in PostgreSQL), not empty
 * @param parts its columns in key order; at least one, all columns, no expressions (copied, immutable)
 */
public record PrimaryKey(String name, List<KeyPart> parts) {

    public PrimaryKey {
        Checks.notEmpty("name", name);
        parts = Checks.copyNotEmpty("parts", parts);
        for (KeyPart part : parts) {
            if (part.expression().isPresent()) {
                throw new IllegalArgumentException("primary key '" + name + "' may name only columns, but had"
                        + " expression " + part.expression().get());
            }
        }
        Checks.distinct("parts", "column", parts, p -> p.column().orElseThrow());
    }

    /** A primary key on whole columns, ascending. */
    public static PrimaryKey of(String name, String... columns) {
        return new PrimaryKey(name, Arrays.stream(columns).map(KeyPart::column).toList());
    }

    /** The names of its columns, in key order. */
    public List<String> columnNames() {
        return parts.stream().map(p -> p.column().orElseThrow()).toList();
    }
}
