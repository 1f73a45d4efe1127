package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code table.require-collation}: CREATE TABLE must declare a collation. */
public final class TableRequireCollation implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "table.require-collation", Set.of(), MYSQL, List.of(), "CREATE TABLE must declare a collation");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() == StatementKind.CREATE_TABLE
                && s.tableOptions().collation().isEmpty()) {
            f.accept(c.finding("table " + q(table(s)) + " does not declare its collation; add COLLATE=..."));
        }
    }
}
