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

/** Rule {@code statement.non-transactional}: flag statements that cannot run in a transaction. */
public final class NonTransactional implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.non-transactional",
            Set.of(),
            POSTGRES,
            List.of(),
            "flag statements that cannot run in a transaction");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        boolean concurrent =
                (s.kind() == StatementKind.CREATE_INDEX || s.kind() == StatementKind.DROP_INDEX) && s.concurrently();
        String text = s.statement().sql().strip().toUpperCase(java.util.Locale.ROOT);
        if (concurrent
                || text.startsWith("VACUUM")
                || text.startsWith("CREATE DATABASE")
                || text.startsWith("DROP DATABASE")
                || (text.startsWith("ALTER TYPE") && text.contains(" ADD VALUE"))
                || (text.startsWith("REINDEX") && text.contains("CONCURRENTLY"))) {
            f.accept(c.finding(q(s.shortText()) + " cannot run inside a transaction block; run it in its own change"));
        }
    }
}
