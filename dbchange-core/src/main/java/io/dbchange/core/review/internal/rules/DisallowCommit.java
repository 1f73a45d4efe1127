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

/** Rule {@code statement.disallow-commit}: forbid explicit COMMIT. */
public final class DisallowCommit implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR =
            new RuleDescriptor("statement.disallow-commit", Set.of(), BOTH, List.of(), "forbid explicit COMMIT");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() == StatementKind.COMMIT) {
            f.accept(c.finding(
                    q(s.shortText()) + " commits explicitly; the change runner manages transactions, remove it"));
        }
    }
}
