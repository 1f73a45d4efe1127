package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.AlterAction;
import io.dbchange.core.review.statement.ObjectName;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code builtin.walk-through-check}: statements must fit the schema: no change to a missing table or column, no duplicate table or column. */
public final class WalkThroughCheck implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "builtin.walk-through-check",
            Set.of(),
            BOTH,
            List.of(),
            "statements must fit the schema: no change to a missing table or column, no duplicate table or column");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (!c.catalog().complete() || s.target().isEmpty()) {
            return;
        }
        ObjectName name = s.target().get();
        java.util.Optional<io.dbchange.core.review.Catalog.CatalogTable> table =
                c.catalog().table(name);
        switch (s.kind()) {
            case CREATE_TABLE -> {
                if (table.isPresent() && !s.ifNotExists()) {
                    f.accept(c.finding(
                            "table " + q(name.qualified()) + " already exists; CREATE TABLE would fail",
                            name.position()));
                }
            }
            case ALTER_TABLE, DROP_TABLE, TRUNCATE, CREATE_INDEX -> {
                if (table.isEmpty() && !s.ifExists()) {
                    f.accept(c.finding(
                            "table " + q(name.qualified()) + " does not exist; " + q(s.shortText()) + " would fail",
                            name.position()));
                    return;
                }
                for (AlterAction a : s.actions()) {
                    String column = a.column().orElse("");
                    boolean present = table.flatMap(t -> t.column(column)).isPresent();
                    switch (a.type()) {
                        case ADD_COLUMN -> {
                            if (present && !a.ifExists()) {
                                f.accept(c.finding(
                                        "column " + q(column) + " already exists in " + q(name.qualified()),
                                        a.position()));
                            }
                        }
                        case DROP_COLUMN,
                                MODIFY_COLUMN,
                                CHANGE_COLUMN,
                                RENAME_COLUMN,
                                SET_TYPE,
                                SET_DEFAULT,
                                DROP_DEFAULT,
                                SET_NOT_NULL,
                                DROP_NOT_NULL -> {
                            if (!present && !a.ifExists() && table.isPresent()) {
                                f.accept(c.finding(
                                        "column " + q(column) + " does not exist in " + q(name.qualified()),
                                        a.position()));
                            }
                        }
                        default -> {
                            // keys and options are not checked against the catalog yet
                        }
                    }
                }
            }
            default -> {
                // other statements are not checked against the catalog
            }
        }
    }
}
