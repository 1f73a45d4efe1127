package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
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

/** Rule {@code engine.mysql.use-innodb}: tables must use InnoDB. */
public final class MySqlUseInnoDb implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR =
            new RuleDescriptor("engine.mysql.use-innodb", Set.of(), MYSQL, List.of(), "tables must use InnoDB");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        s.tableOptions()
                .engine()
                .filter(e -> !e.equalsIgnoreCase("InnoDB"))
                .ifPresent(e -> f.accept(c.finding("table " + q(table(s)) + " uses engine " + e + "; use InnoDB")));
    }
}
