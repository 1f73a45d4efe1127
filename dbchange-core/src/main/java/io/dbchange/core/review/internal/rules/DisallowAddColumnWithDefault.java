package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.POSTGRES;
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

/** Rule {@code statement.disallow-add-column-with-default}: forbid ADD COLUMN ... DEFAULT. */
public final class DisallowAddColumnWithDefault implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.disallow-add-column-with-default",
            Set.of(),
            POSTGRES,
            List.of(),
            "forbid ADD COLUMN ... DEFAULT");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (AlterAction a : s.actions()) {
            if (a.type() == AlterAction.Type.ADD_COLUMN
                    && a.definition()
                            .flatMap(ColumnDefinition::defaultExpression)
                            .isPresent()) {
                f.accept(c.finding(
                        "column " + q(a.column().orElse("?")) + " is added to " + q(table(s))
                                + " with a DEFAULT; add it without one and set the default in a separate statement",
                        a.position()));
            }
        }
    }
}
