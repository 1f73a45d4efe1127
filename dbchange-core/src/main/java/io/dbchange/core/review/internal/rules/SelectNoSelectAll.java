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

/** Rule {@code statement.select.no-select-all}: forbid SELECT *. */
public final class SelectNoSelectAll implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR =
            new RuleDescriptor("statement.select.no-select-all", Set.of(), BOTH, List.of(), "forbid SELECT *");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        s.dml()
                .selectAll()
                .ifPresent(at -> f.accept(
                        c.finding(q(s.shortText()) + " selects all columns with *; name the columns it needs", at)));
    }
}
