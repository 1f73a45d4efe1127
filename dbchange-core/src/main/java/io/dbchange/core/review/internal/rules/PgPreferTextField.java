package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.POSTGRES;
import static io.dbchange.core.review.internal.rules.RuleSupport.definedColumns;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.TypeNames;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code pg.prefer-text-field}: prefer TEXT with a CHECK over VARCHAR(n). */
public final class PgPreferTextField implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "pg.prefer-text-field", Set.of(), POSTGRES, List.of(), "prefer TEXT with a CHECK over VARCHAR(n)");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (ColumnDefinition col : definedColumns(s)) {
            if ((col.baseType().equals("VARCHAR") || col.baseType().equals("CHARACTER VARYING"))
                    && TypeNames.length(col.type()).isPresent()) {
                f.accept(c.finding(
                        "column " + q(col.name()) + " of " + q(table(s)) + " is " + col.type()
                                + "; changing the limit later locks the table, use TEXT with a CHECK constraint",
                        col.position()));
            }
        }
    }
}
