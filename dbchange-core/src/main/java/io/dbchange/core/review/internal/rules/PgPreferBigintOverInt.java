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
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code pg.prefer-bigint-over-int}: prefer BIGINT over INT for new columns. */
public final class PgPreferBigintOverInt implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "pg.prefer-bigint-over-int", Set.of(), POSTGRES, List.of(), "prefer BIGINT over INT for new columns");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (ColumnDefinition col : definedColumns(s)) {
            String base = col.baseType();
            if (base.equals("INT")
                    || base.equals("INTEGER")
                    || base.equals("INT4")
                    || base.equals("SERIAL")
                    || base.equals("SERIAL4")
                    || base.equals("SMALLINT")
                    || base.equals("INT2")
                    || base.equals("SMALLSERIAL")) {
                f.accept(c.finding(
                        "column " + q(col.name()) + " of " + q(table(s)) + " is " + col.type()
                                + ", which can run out of values; use BIGINT"
                                + (base.contains("SERIAL") ? "/BIGSERIAL" : ""),
                        col.position()));
            }
        }
    }
}
