package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.addedConstraints;
import static io.dbchange.core.review.internal.rules.RuleSupport.definedColumns;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ConstraintDefinition.ConstraintType;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code column.no-null}: columns must be NOT NULL. */
public final class ColumnNoNull implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR =
            new RuleDescriptor("column.no-null", Set.of(), BOTH, List.of(), "columns must be NOT NULL");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (ColumnDefinition col : definedColumns(s)) {
            if (!col.notNull()
                    && !col.inlinePrimaryKey()
                    && addedConstraints(s).stream()
                            .noneMatch(k -> k.type() == ConstraintType.PRIMARY_KEY
                                    && k.columns().stream().anyMatch(col.name()::equalsIgnoreCase))) {
                f.accept(c.finding(
                        "column " + q(col.name()) + " of " + q(table(s)) + " accepts NULL; declare it NOT NULL"
                                + " with a default",
                        col.position()));
            }
        }
    }
}
