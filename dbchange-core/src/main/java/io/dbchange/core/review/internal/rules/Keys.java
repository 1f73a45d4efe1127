package io.dbchange.core.review.internal.rules;

import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.statement.ColumnDefinition;
import java.util.Optional;

/** Column facts for key rules. */
final class Keys {

    private Keys() {}

    /** The type of {@code column}: from the statement's own definitions, else from the catalog. */
    static Optional<String> typeOf(RuleContext c, String column) {
        for (ColumnDefinition d : RuleSupport.definedColumns(c.statement())) {
            if (d.name().equalsIgnoreCase(column)) {
                return Optional.of(d.type());
            }
        }
        return c.statement().target().flatMap(t -> c.catalog().columnType(t, column));
    }
}
