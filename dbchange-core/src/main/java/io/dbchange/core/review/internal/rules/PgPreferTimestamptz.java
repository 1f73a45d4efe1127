package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.POSTGRES;
import static io.dbchange.core.review.internal.rules.RuleSupport.definedColumns;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.AlterAction;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.TypeNames;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code pg.prefer-timestamptz}: prefer TIMESTAMPTZ over TIMESTAMP. */
public final class PgPreferTimestamptz implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "pg.prefer-timestamptz", Set.of(), POSTGRES, List.of(), "prefer TIMESTAMPTZ over TIMESTAMP");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (ColumnDefinition col : definedColumns(s)) {
            if (col.baseType().equals("TIMESTAMP")) {
                f.accept(c.finding(
                        "column " + q(col.name()) + " of " + q(table(s)) + " is " + col.type()
                                + " without time zone; use TIMESTAMPTZ",
                        col.position()));
            }
        }
        for (AlterAction a : s.actions()) {
            a.newType()
                    .filter(t -> TypeNames.base(t).equals("TIMESTAMP"))
                    .ifPresent(t -> f.accept(c.finding(
                            "column "
                                    + q(a.column().orElse("?")) + " of " + q(table(s)) + " becomes " + t
                                    + " without time zone; use"
                                    + " TIMESTAMPTZ",
                            a.position())));
        }
    }
}
