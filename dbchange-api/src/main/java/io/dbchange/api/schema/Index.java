package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;
import java.util.List;
import java.util.Optional;

/**
 * An index of a table (not its primary key).
 *
 * @param name the index's name, not empty
 * @param unique whether it enforces uniqueness
 * @param parts its key parts in order; at least one (copied, immutable)
 * @param method the access method as the server names it, normalized to lower case by the reader (e.g.
 *     {@code btree}, {@code hash}, {@code gin}, {@code fulltext}); not blank
 * @param predicate the {@code WHERE} condition of a partial index (PostgreSQL), if any
 * @param visible whether the optimizer may use it (MySQL {@code INVISIBLE}, MariaDB {@code IGNORED} indexes are
 *     not; always {@code true} in PostgreSQL)
 * @param includeColumns the non-key columns stored in the index (PostgreSQL {@code INCLUDE (..)}), in order;
 *     empty for none (copied, immutable)
 * @param exclusionOperators for the index of a PostgreSQL exclusion constraint ({@code EXCLUDE USING gist (room
 *     WITH =, during WITH &&)}), the operator of each key part in order, as SQL text; empty for any other index
 *     (copied, immutable)
 */
public record Index(
        String name,
        boolean unique,
        List<KeyPart> parts,
        String method,
        Optional<String> predicate,
        boolean visible,
        List<String> includeColumns,
        List<String> exclusionOperators) {

    public Index {
        Checks.notEmpty("name", name);
        parts = Checks.copyNotEmpty("parts", parts);
        Checks.notBlank("method", method);
        Checks.notBlank("predicate", predicate);
        includeColumns = List.copyOf(Checks.notNull("includeColumns", includeColumns));
        includeColumns.forEach(c -> Checks.notEmpty("includeColumns", c));
        // absent (null) in JSON written before the field existed: not an exclusion constraint
        exclusionOperators = exclusionOperators == null ? List.of() : List.copyOf(exclusionOperators);
        exclusionOperators.forEach(o -> Checks.notEmpty("exclusionOperators", o));
        if (!exclusionOperators.isEmpty() && exclusionOperators.size() != parts.size()) {
            throw new IllegalArgumentException("exclusion constraint '" + name + "' has " + parts.size()
                    + " key parts but " + exclusionOperators.size() + " operators; give one operator per part");
        }
    }

    /** An index that is not an exclusion constraint's. */
    public Index(
            String name,
            boolean unique,
            List<KeyPart> parts,
            String method,
            Optional<String> predicate,
            boolean visible,
            List<String> includeColumns) {
        this(name, unique, parts, method, predicate, visible, includeColumns, List.of());
    }

    /** Whether this is the index of an exclusion constraint. */
    public boolean exclusion() {
        return !exclusionOperators.isEmpty();
    }

    /** An index without {@code INCLUDE} columns. */
    public Index(
            String name,
            boolean unique,
            List<KeyPart> parts,
            String method,
            Optional<String> predicate,
            boolean visible) {
        this(name, unique, parts, method, predicate, visible, List.of());
    }
}
