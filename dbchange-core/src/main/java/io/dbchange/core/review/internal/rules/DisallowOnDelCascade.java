package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.POSTGRES;
import static io.dbchange.core.review.internal.rules.RuleSupport.addedConstraints;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ConstraintDefinition;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code statement.disallow-on-del-cascade}: forbid ON DELETE CASCADE. */
public final class DisallowOnDelCascade implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.disallow-on-del-cascade", Set.of(), POSTGRES, List.of(), "forbid ON DELETE CASCADE");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (ConstraintDefinition k : addedConstraints(s)) {
            if (k.onDeleteCascade()) {
                f.accept(c.finding(
                        "foreign key " + k.name().map(n -> q(n) + " ").orElse("") + "of " + q(table(s))
                                + " deletes rows ON DELETE CASCADE; delete dependent rows explicitly",
                        k.position()));
            }
        }
    }
}
