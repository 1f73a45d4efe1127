package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code statement.disallow-truncate}: forbid TRUNCATE. */
public final class DisallowTruncate implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR =
            new RuleDescriptor("statement.disallow-truncate", Set.of(), BOTH, List.of(), "forbid TRUNCATE");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() == StatementKind.TRUNCATE) {
            f.accept(c.finding(q(s.shortText()) + " removes every row of " + q(table(s))
                    + " and cannot be rolled back from the binlog; use DELETE with a WHERE clause"));
        }
    }
}
