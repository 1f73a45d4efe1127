package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code statement.maximum-statements-in-transaction}: cap the statements of one transaction. */
public final class MaximumStatementsInTransaction implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.maximum-statements-in-transaction",
            Set.of(),
            MYSQL,
            List.of(new PayloadField("number", PayloadType.NUMBER, 10L)),
            "cap the statements of one transaction");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (!s.kind().isDml()) {
            return;
        }
        long max = c.payload().number("number");
        int count = 1;
        for (int i = c.previous().size() - 1; i >= 0; i--) {
            StatementKind k = c.previous().get(i).kind();
            if (k == StatementKind.BEGIN || k == StatementKind.COMMIT || k == StatementKind.ROLLBACK) {
                break;
            }
            if (k.isDml()) {
                count++;
            }
        }
        if (count == max + 1) {
            f.accept(c.finding(q(s.shortText()) + " is statement " + count
                    + " of one transaction; commit after at most " + max + " statements"));
        }
    }
}
