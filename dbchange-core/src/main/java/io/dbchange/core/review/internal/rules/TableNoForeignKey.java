package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
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
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code table.no-foreign-key}: forbid foreign keys. */
public final class TableNoForeignKey implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR =
            new RuleDescriptor("table.no-foreign-key", Set.of("table.no-fk"), BOTH, List.of(), "forbid foreign keys");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (ConstraintDefinition k : addedConstraints(s)) {
            if (k.type() == ConstraintType.FOREIGN_KEY) {
                f.accept(c.finding(
                        "table " + q(table(s)) + " gets foreign key "
                                + k.name().map(n -> q(n) + " ").orElse("")
                                + "referencing "
                                + k.referencedTable().map(t -> q(t.qualified())).orElse("?")
                                + "; enforce the relation in the application",
                        k.position()));
            }
        }
    }
}
