package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.definedColumns;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code column.auto-increment-must-unsigned}: auto-increment columns must be UNSIGNED. */
public final class ColumnAutoIncrementMustUnsigned implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "column.auto-increment-must-unsigned",
            Set.of(),
            MYSQL,
            List.of(),
            "auto-increment columns must be UNSIGNED");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (ColumnDefinition col : definedColumns(s)) {
            if (col.autoIncrement() && !col.type().contains("UNSIGNED")) {
                f.accept(c.finding(
                        "auto-increment column " + q(col.name()) + " of " + q(table(s)) + " is signed; declare it "
                                + col.type() + " UNSIGNED",
                        col.position()));
            }
        }
    }
}
