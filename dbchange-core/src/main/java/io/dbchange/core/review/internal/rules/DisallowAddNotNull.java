package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.POSTGRES;
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

/** Rule {@code statement.disallow-add-not-null}: forbid SET NOT NULL on an existing column. */
public final class DisallowAddNotNull implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.disallow-add-not-null",
            Set.of(),
            POSTGRES,
            List.of(),
            "forbid SET NOT NULL on an existing column");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (AlterAction a : s.actions()) {
            if (a.type() == AlterAction.Type.SET_NOT_NULL) {
                f.accept(c.finding(
                        "column " + q(a.column().orElse("?")) + " of " + q(table(s)) + " is set NOT NULL, which"
                                + " scans the table under an exclusive lock; add a CHECK (... IS NOT NULL) NOT VALID constraint,"
                                + " validate it, then set NOT NULL",
                        a.position()));
            }
        }
    }
}
