package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.AlterAction;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code column.disallow-drop-in-index}: forbid dropping indexed columns. */
public final class ColumnDisallowDropInIndex implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "column.disallow-drop-in-index", Set.of(), MYSQL, List.of(), "forbid dropping indexed columns");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (AlterAction a : s.actions()) {
            if (a.type() == AlterAction.Type.DROP_COLUMN && s.target().isPresent()) {
                String column = a.column().orElse("");
                if (c.catalog()
                        .table(s.target().get())
                        .map(t -> t.isIndexed(column))
                        .orElse(false)) {
                    f.accept(c.finding(
                            "column " + q(column) + " of " + q(table(s)) + " is part of an index; drop the"
                                    + " index first",
                            a.position()));
                }
            }
        }
    }
}
