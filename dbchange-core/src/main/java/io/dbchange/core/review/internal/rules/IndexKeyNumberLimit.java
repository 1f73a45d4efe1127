package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.addedConstraints;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ConstraintDefinition;
import io.dbchange.core.review.statement.ConstraintDefinition.ConstraintType;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code index.key-number-limit}: cap the columns of one index. */
public final class IndexKeyNumberLimit implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "index.key-number-limit",
            Set.of(),
            BOTH,
            List.of(new PayloadField("number", PayloadType.NUMBER, 5L)),
            "cap the columns of one index");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        long max = c.payload().number("number");
        for (ConstraintDefinition k : addedConstraints(s)) {
            if (k.type() != ConstraintType.FOREIGN_KEY
                    && k.type() != ConstraintType.CHECK
                    && k.columns().size() > max) {
                f.accept(c.finding(
                        "key " + k.name().map(RuleSupport::q).orElse("") + " of " + q(table(s)) + " has "
                                + k.columns().size() + " columns; use at most " + max,
                        k.position()));
            }
        }
        s.index()
                .filter(i -> i.columns().size() > max)
                .ifPresent(i -> f.accept(c.finding(
                        "index "
                                + i.name().map(RuleSupport::q).orElse("") + " on " + q(table(s)) + " has "
                                + i.columns().size()
                                + " columns; use at most " + max,
                        i.position())));
    }
}
