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

/** Rule {@code pg.renaming-column}: renaming a column breaks running code. */
public final class PgRenamingColumn implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "pg.renaming-column", Set.of(), POSTGRES, List.of(), "renaming a column breaks running code");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (AlterAction a : s.actions()) {
            if (a.type() == AlterAction.Type.RENAME_COLUMN) {
                f.accept(c.finding(
                        "column " + q(a.column().orElse("?")) + " of " + q(table(s)) + " is renamed to "
                                + q(a.newName().orElse("?")) + ", which breaks code using the old name",
                        a.position()));
            }
        }
    }
}
