package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.definedColumns;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.TypeNames;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code column.maximum-varchar-length}: cap VARCHAR(n). */
public final class ColumnMaximumVarcharLength implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "column.maximum-varchar-length",
            Set.of(),
            MYSQL,
            List.of(new PayloadField("number", PayloadType.NUMBER, 2560L)),
            "cap VARCHAR(n)");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        long max = c.payload().number("number");
        for (ColumnDefinition col : definedColumns(s)) {
            if (col.baseType().equals("VARCHAR") && TypeNames.length(col.type()).orElse(0) > max) {
                f.accept(c.finding(
                        "column " + q(col.name()) + " of " + q(table(s)) + " is " + col.type()
                                + "; use at most VARCHAR(" + max + ") or TEXT",
                        col.position()));
            }
        }
    }
}
