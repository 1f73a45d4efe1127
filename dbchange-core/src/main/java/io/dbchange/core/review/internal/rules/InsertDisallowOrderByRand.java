package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
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

/** Rule {@code statement.insert.disallow-order-by-rand}: forbid ORDER BY RAND() in INSERT ... SELECT. */
public final class InsertDisallowOrderByRand implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.insert.disallow-order-by-rand",
            Set.of(),
            BOTH,
            List.of(),
            "forbid ORDER BY RAND() in INSERT ... SELECT");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() == StatementKind.INSERT && s.dml().orderByRand()) {
            f.accept(
                    c.finding(q(s.shortText()) + " orders by a random value, which sorts the whole source; remove it"));
        }
    }
}
