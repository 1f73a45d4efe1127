package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
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

/** Rule {@code column.maximum-character-length}: cap CHAR(n). */
public final class ColumnMaximumCharacterLength implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "column.maximum-character-length",
            Set.of(),
            BOTH,
            List.of(new PayloadField("number", PayloadType.NUMBER, 20L)),
            "cap CHAR(n)");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        long max = c.payload().number("number");
        for (ColumnDefinition col : definedColumns(s)) {
            String base = col.baseType();
            if ((base.equals("CHAR") || base.equals("CHARACTER"))
                    && TypeNames.length(col.type()).orElse(0) > max) {
                f.accept(c.finding(
                        "column " + q(col.name()) + " of " + q(table(s)) + " is " + col.type()
                                + "; use VARCHAR for CHAR longer than " + max,
                        col.position()));
            }
        }
    }
}
