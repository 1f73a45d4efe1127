package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.POSTGRES;
import static io.dbchange.core.review.internal.rules.RuleSupport.existingTable;
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

/** Rule {@code pg.require-concurrent-index}: CREATE/DROP INDEX on an existing table must be CONCURRENTLY. */
public final class PgRequireConcurrentIndex implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "pg.require-concurrent-index",
            Set.of(),
            POSTGRES,
            List.of(),
            "CREATE/DROP INDEX on an existing table must be CONCURRENTLY");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() == StatementKind.CREATE_INDEX && !s.concurrently() && existingTable(c)) {
            f.accept(c.finding(q(s.shortText()) + " blocks writes to " + q(table(s)) + " while the index builds; use"
                    + " CREATE INDEX CONCURRENTLY in a change of its own"));
        }
        if (s.kind() == StatementKind.DROP_INDEX && !s.concurrently()) {
            f.accept(
                    c.finding(q(s.shortText()) + " takes an exclusive lock on the table; use DROP INDEX CONCURRENTLY"));
        }
    }
}
