package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
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

/** Rule {@code statement.insert.row-limit}: cap the rows of one INSERT ... VALUES. */
public final class InsertRowLimit implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.insert.row-limit",
            Set.of(),
            BOTH,
            List.of(new PayloadField("number", PayloadType.NUMBER, 1000L)),
            "cap the rows of one INSERT ... VALUES");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        long max = c.payload().number("number");
        if (s.kind() == StatementKind.INSERT && s.dml().insertRows() > max) {
            f.accept(c.finding(q(s.shortText()) + " inserts " + s.dml().insertRows()
                    + " rows; split it into INSERTs of at" + " most " + max + " rows"));
        }
    }
}
