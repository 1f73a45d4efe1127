package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code statement.max-execution-time}: the script must first set max_execution_time. */
public final class MaxExecutionTime implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.max-execution-time", Set.of(), MYSQL, List.of(), "the script must first set max_execution_time");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (!c.previous().isEmpty()) {
            return;
        }
        boolean set = s.kind() == StatementKind.SET
                && s.setting()
                        .filter(v -> v.equals("max_execution_time") || v.equals("max_statement_time"))
                        .isPresent();
        if (!set) {
            f.accept(c.finding("the script does not begin by setting max_execution_time (MySQL) or max_statement_time"
                    + " (MariaDB); add SET SESSION max_execution_time = <ms> first"));
        }
    }
}
