package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code statement.where.no-leading-wildcard-like}: forbid LIKE patterns that begin with %. */
public final class WhereNoLeadingWildcardLike implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.where.no-leading-wildcard-like",
            Set.of(),
            BOTH,
            List.of(),
            "forbid LIKE patterns that begin with %");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        s.dml()
                .leadingWildcardLike()
                .ifPresent(at -> f.accept(c.finding(
                        q(s.shortText())
                                + " has a LIKE pattern beginning with '%', which cannot use an index; anchor the pattern's start",
                        at)));
    }
}
