package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.isTableDdl;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code table.disallow-partition}: forbid partitioned tables. */
public final class TableDisallowPartition implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR =
            new RuleDescriptor("table.disallow-partition", Set.of(), BOTH, List.of(), "forbid partitioned tables");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (isTableDdl(s) && s.tableOptions().partitioned()) {
            f.accept(c.finding("table " + q(table(s)) + " is partitioned; partitioning is not allowed here"));
        }
    }
}
