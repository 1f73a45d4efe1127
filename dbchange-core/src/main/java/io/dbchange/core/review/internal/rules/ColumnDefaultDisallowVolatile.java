package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.POSTGRES;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.AlterAction;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code column.default-disallow-volatile}: forbid volatile defaults when adding columns. */
public final class ColumnDefaultDisallowVolatile implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "column.default-disallow-volatile",
            Set.of(),
            POSTGRES,
            List.of(),
            "forbid volatile defaults when adding columns");
    private static final java.util.regex.Pattern VOLATILE = java.util.regex.Pattern.compile(
            "(?i)(random\\s*\\(|gen_random_uuid|uuid_generate|clock_timestamp|timeofday|nextval)");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (AlterAction a : s.actions()) {
            if (a.type() == AlterAction.Type.ADD_COLUMN) {
                a.definition()
                        .flatMap(ColumnDefinition::defaultExpression)
                        .filter(d -> VOLATILE.matcher(d).find())
                        .ifPresent(d -> f.accept(c.finding(
                                "column " + q(a.column().orElse("?")) + " is added to "
                                        + q(table(s)) + " with volatile default " + d
                                        + ", which rewrites the table; add it"
                                        + " without a default and backfill",
                                a.position())));
            }
        }
    }
}
