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
import io.dbchange.core.review.statement.ConstraintDefinition.ConstraintType;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code index.total-number-limit}: cap the indexes of one table. */
public final class IndexTotalNumberLimit implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "index.total-number-limit",
            Set.of(),
            BOTH,
            List.of(new PayloadField("number", PayloadType.NUMBER, 5L)),
            "cap the indexes of one table");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.target().isEmpty()) {
            return;
        }
        long added = s.index().isPresent()
                ? 1
                : addedConstraints(s).stream()
                        .filter(k -> k.type() != ConstraintType.FOREIGN_KEY
                                && k.type() != ConstraintType.CHECK
                                && k.type() != ConstraintType.EXCLUDE)
                        .count();
        if (added == 0) {
            return;
        }
        long total = (s.kind() == StatementKind.CREATE_TABLE
                        ? 0
                        : c.catalog().indexCount(s.target().get()))
                + added;
        long max = c.payload().number("number");
        if (total > max) {
            f.accept(c.finding("table " + q(table(s)) + " would have " + total + " indexes; keep at most " + max));
        }
    }
}
