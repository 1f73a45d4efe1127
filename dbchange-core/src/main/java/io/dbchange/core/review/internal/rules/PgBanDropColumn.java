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

/** Rule {@code pg.ban-drop-column}: forbid dropping columns. */
public final class PgBanDropColumn implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR =
            new RuleDescriptor("pg.ban-drop-column", Set.of(), POSTGRES, List.of(), "forbid dropping columns");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (AlterAction a : s.actions()) {
            if (a.type() == AlterAction.Type.DROP_COLUMN) {
                f.accept(c.finding(
                        "column " + q(a.column().orElse("?")) + " of " + q(table(s)) + " is dropped, which"
                                + " breaks code still reading it; stop using it first, then drop it in a later release",
                        a.position()));
            }
        }
    }
}
