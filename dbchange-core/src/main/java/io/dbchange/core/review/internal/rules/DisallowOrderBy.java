package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
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

/** Rule {@code statement.disallow-order-by}: forbid ORDER BY in UPDATE and DELETE. */
public final class DisallowOrderBy implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.disallow-order-by", Set.of(), MYSQL, List.of(), "forbid ORDER BY in UPDATE and DELETE");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if ((s.kind() == StatementKind.UPDATE || s.kind() == StatementKind.DELETE)
                && s.dml().orderBy().isPresent()) {
            f.accept(c.finding(
                    q(s.shortText()) + " uses ORDER BY, which only adds sorting work; remove it",
                    s.dml().orderBy().get()));
        }
    }
}
