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

/** Rule {@code pg.renaming-table}: renaming a table breaks running code. */
public final class PgRenamingTable implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "pg.renaming-table", Set.of(), POSTGRES, List.of(), "renaming a table breaks running code");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (AlterAction a : s.actions()) {
            if (a.type() == AlterAction.Type.RENAME_TABLE) {
                f.accept(c.finding(
                        "table " + q(table(s)) + " is renamed to "
                                + q(a.newName().orElse("?")) + ", which breaks code using the old name",
                        a.position()));
            }
        }
    }
}
