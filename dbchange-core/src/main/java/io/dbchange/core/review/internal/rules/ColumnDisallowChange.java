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

/** Rule {@code column.disallow-change}: forbid CHANGE COLUMN. */
public final class ColumnDisallowChange implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR =
            new RuleDescriptor("column.disallow-change", Set.of(), MYSQL, List.of(), "forbid CHANGE COLUMN");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (AlterAction a : s.actions()) {
            if (a.type() == AlterAction.Type.CHANGE_COLUMN) {
                f.accept(c.finding(
                        "column " + q(a.column().orElse("?")) + " of " + q(table(s))
                                + " is changed with CHANGE COLUMN; use MODIFY COLUMN or RENAME COLUMN",
                        a.position()));
            }
        }
    }
}
