package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.addedConstraints;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ConstraintDefinition;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code index.no-duplicate-column}: an index must not repeat a column. */
public final class IndexNoDuplicateColumn implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "index.no-duplicate-column",
            Set.of("table.no-duplicate-index"),
            BOTH,
            List.of(),
            "an index must not repeat a column");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        java.util.List<java.util.List<String>> keys = new java.util.ArrayList<>();
        java.util.List<io.dbchange.api.sql.SourcePosition> at = new java.util.ArrayList<>();
        for (ConstraintDefinition k : addedConstraints(s)) {
            keys.add(k.columns());
            at.add(k.position());
        }
        s.index().ifPresent(i -> {
            keys.add(i.columns());
            at.add(i.position());
        });
        for (int i = 0; i < keys.size(); i++) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String column : keys.get(i)) {
                if (!seen.add(column.toLowerCase(java.util.Locale.ROOT))) {
                    f.accept(c.finding(
                            "a key of " + q(table(s)) + " lists column " + q(column) + " twice; remove the"
                                    + " repetition",
                            at.get(i)));
                }
            }
        }
    }
}
