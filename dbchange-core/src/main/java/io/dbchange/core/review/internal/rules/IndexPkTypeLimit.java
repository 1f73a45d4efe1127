package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.addedConstraints;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ConstraintDefinition;
import io.dbchange.core.review.statement.ConstraintDefinition.ConstraintType;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.TypeNames;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code index.pk-type-limit}: primary key columns must be INT or BIGINT. */
public final class IndexPkTypeLimit implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "index.pk-type-limit", Set.of(), MYSQL, List.of(), "primary key columns must be INT or BIGINT");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (ConstraintDefinition k : addedConstraints(s)) {
            if (k.type() != ConstraintType.PRIMARY_KEY) {
                continue;
            }
            for (String column : k.columns()) {
                java.util.Optional<String> type = Keys.typeOf(c, column);
                type.filter(t -> !TypeNames.base(t).equals("INT")
                                && !TypeNames.base(t).equals("BIGINT")
                                && !TypeNames.base(t).equals("INTEGER"))
                        .ifPresent(t -> f.accept(c.finding(
                                "primary key column " + q(column) + " of " + q(table(s)) + " is " + t
                                        + "; use INT or BIGINT",
                                k.position())));
            }
        }
    }
}
