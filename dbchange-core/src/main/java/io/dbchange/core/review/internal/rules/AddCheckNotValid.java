package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.POSTGRES;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.AlterAction;
import io.dbchange.core.review.statement.ConstraintDefinition.ConstraintType;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code statement.add-check-not-valid}: ADD CHECK must be NOT VALID. */
public final class AddCheckNotValid implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.add-check-not-valid", Set.of(), POSTGRES, List.of(), "ADD CHECK must be NOT VALID");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (AlterAction a : s.actions()) {
            a.constraint()
                    .filter(k -> k.type() == ConstraintType.CHECK && !k.notValid())
                    .ifPresent(k -> f.accept(c.finding(
                            "check constraint " + k.name().map(RuleSupport::q).orElse("") + " on " + q(table(s))
                                    + " is validated while the table is locked; add it NOT VALID and VALIDATE it separately",
                            a.position())));
        }
    }
}
