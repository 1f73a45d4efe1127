package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.addedConstraints;
import static io.dbchange.core.review.internal.rules.RuleSupport.definedColumns;
import static io.dbchange.core.review.internal.rules.RuleSupport.isBlob;
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

/** Rule {@code column.set-default-for-not-null}: NOT NULL columns need a DEFAULT. */
public final class ColumnSetDefaultForNotNull implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "column.set-default-for-not-null", Set.of(), MYSQL, List.of(), "NOT NULL columns need a DEFAULT");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (ColumnDefinition col : definedColumns(s)) {
            boolean exempt = col.autoIncrement()
                    || col.inlinePrimaryKey()
                    || isBlob(col.type())
                    || addedConstraints(s).stream()
                            .anyMatch(k -> k.type() == ConstraintType.PRIMARY_KEY
                                    && k.columns().stream().anyMatch(col.name()::equalsIgnoreCase));
            if (col.notNull() && !exempt && col.defaultExpression().isEmpty()) {
                f.accept(c.finding(
                        "NOT NULL column " + q(col.name()) + " of " + q(table(s)) + " has no DEFAULT; add one",
                        col.position()));
            }
        }
    }
}
