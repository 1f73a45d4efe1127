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

/** Rule {@code column.disallow-set-charset}: forbid column-level CHARACTER SET. */
public final class ColumnDisallowSetCharset implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "column.disallow-set-charset", Set.of(), MYSQL, List.of(), "forbid column-level CHARACTER SET");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        for (ColumnDefinition col : definedColumns(s)) {
            col.charset()
                    .ifPresent(cs -> f.accept(c.finding(
                            "column " + q(col.name()) + " of " + q(table(s)) + " sets character set " + cs
                                    + "; use the table's",
                            col.position())));
        }
    }
}
