package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.POSTGRES;
import static io.dbchange.core.review.internal.rules.RuleSupport.existingTable;
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

/** Rule {@code pg.changing-column-type}: changing a column type rewrites the table. */
public final class PgChangingColumnType implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "pg.changing-column-type", Set.of(), POSTGRES, List.of(), "changing a column type rewrites the table");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (!existingTable(c)) {
            return;
        }
        for (AlterAction a : s.actions()) {
            if (a.type() == AlterAction.Type.SET_TYPE) {
                f.accept(c.finding(
                        "changing the type of " + q(a.column().orElse("?")) + " of " + q(table(s)) + " to "
                                + a.newType().orElse("?")
                                + " may rewrite the table under an ACCESS EXCLUSIVE lock; add a new"
                                + " column and migrate",
                        a.position()));
            }
        }
    }
}
