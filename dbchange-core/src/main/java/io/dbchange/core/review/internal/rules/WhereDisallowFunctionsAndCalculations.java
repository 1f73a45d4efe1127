package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.Catalog.CatalogTable;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.internal.WhereComputations;
import io.dbchange.core.review.internal.WhereComputations.Computed;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rule {@code statement.where.disallow-functions-and-calculations}: no function call or arithmetic on a column in
 * WHERE, since it keeps the database from using an index on the column. When the catalog knows the table, only
 * indexed columns count; otherwise every column does.
 */
public final class WhereDisallowFunctionsAndCalculations implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.where.disallow-functions-and-calculations",
            Set.of("statement.where-disallow-functions-and-calculations"),
            BOTH,
            List.of(),
            "forbid functions and arithmetic on (indexed) columns in WHERE");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        List<Computed> computed = WhereComputations.of(s, c.dialect());
        if (computed.isEmpty()) {
            return;
        }
        Optional<CatalogTable> table = s.target().flatMap(c.catalog()::table);
        for (Computed use : computed) {
            if (table.isPresent() && !table.get().isIndexed(use.column())) {
                continue;
            }
            f.accept(c.finding(
                    q(s.shortText()) + " applies " + use.computation() + " to column " + q(use.column())
                            + " in WHERE, so an index on it cannot be used; compare the bare column (move the"
                            + " computation to the other side) or index the expression",
                    use.position()));
        }
    }
}
