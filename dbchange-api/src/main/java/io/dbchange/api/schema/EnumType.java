package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;
import java.util.List;

/**
 * A PostgreSQL enum type ({@code CREATE TYPE ... AS ENUM}). MySQL {@code ENUM(...)} columns are column types, not
 * this.
 *
 * @param name the type's name, not empty
 * @param values its labels in sort order, each once (copied, immutable)
 */
public record EnumType(String name, List<String> values) {

    public EnumType {
        Checks.notEmpty("name", name);
        values = Checks.copy("values", values);
        Checks.distinct("values", "label", values, v -> v);
    }
}
