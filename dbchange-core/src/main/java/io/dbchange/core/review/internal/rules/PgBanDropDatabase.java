package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.POSTGRES;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code pg.ban-drop-database}: forbid DROP DATABASE. */
public final class PgBanDropDatabase implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR =
            new RuleDescriptor("pg.ban-drop-database", Set.of(), POSTGRES, List.of(), "forbid DROP DATABASE");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() == StatementKind.DROP_DATABASE) {
            f.accept(c.finding(q(s.shortText()) + " drops a whole database; do this outside migrations"));
        }
    }
}
