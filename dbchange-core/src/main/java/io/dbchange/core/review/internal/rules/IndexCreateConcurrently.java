package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.POSTGRES;
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

/** Rule {@code index.create-concurrently}: CREATE INDEX must be CONCURRENTLY. */
public final class IndexCreateConcurrently implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "index.create-concurrently", Set.of(), POSTGRES, List.of(), "CREATE INDEX must be CONCURRENTLY");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() == StatementKind.CREATE_INDEX && !s.concurrently()) {
            f.accept(c.finding(q(s.shortText()) + " blocks writes to " + q(table(s))
                    + " while it builds; use CREATE INDEX" + " CONCURRENTLY"));
        }
    }
}
