package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;
import java.util.List;

/**
 * A view, or a PostgreSQL materialized view. A materialized view is one object with its indexes: a changed
 * definition or index re-creates it (its rows are data, computed again when it is created).
 *
 * @param name the view's name, not empty
 * @param definition its query as the server reports it, normalized by the reader; not blank
 * @param materialized whether it is a materialized view (PostgreSQL only)
 * @param indexes the indexes of a materialized view, distinct names; empty for a plain view (copied, immutable)
 */
public record View(String name, String definition, boolean materialized, List<Index> indexes) {

    public View {
        Checks.notEmpty("name", name);
        Checks.notBlank("definition", definition);
        // absent (null) in JSON written before the field existed: none
        indexes = indexes == null ? List.of() : Checks.copy("indexes", indexes);
        Checks.distinct("indexes", "index name", indexes, Index::name);
        if (!materialized && !indexes.isEmpty()) {
            throw new IllegalArgumentException(
                    "view '" + name + "' is not materialized, so it has no indexes, but it had " + indexes.size());
        }
    }

    /** A plain (not materialized) view. */
    public View(String name, String definition) {
        this(name, definition, false, List.of());
    }

    /** A materialized view. */
    public static View materialized(String name, String definition, List<Index> indexes) {
        return new View(name, definition, true, indexes);
    }
}
