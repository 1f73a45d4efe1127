package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.AlterAction;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code column.disallow-changing-order}: forbid FIRST/AFTER in MODIFY/CHANGE. */
public final class ColumnDisallowChangingOrder implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "column.disallow-changing-order", Set.of(), MYSQL, List.of(), "forbid FIRST/AFTER in MODIFY/CHANGE");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (AlterAction a : s.actions()) {
            if ((a.type() == AlterAction.Type.CHANGE_COLUMN || a.type() == AlterAction.Type.MODIFY_COLUMN)
                    && a.definition().flatMap(ColumnDefinition::placement).isPresent()) {
                f.accept(c.finding(
                        "column " + q(a.column().orElse("?")) + " of " + q(table(s))
                                + " is moved with FIRST/AFTER, which copies the table; leave the column order",
                        a.position()));
            }
        }
    }
}
