package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code statement.disallow-limit}: forbid LIMIT in UPDATE, DELETE and INSERT ... SELECT. */
public final class DisallowLimit implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.disallow-limit",
            Set.of(),
            MYSQL,
            List.of(),
            "forbid LIMIT in UPDATE, DELETE and INSERT ... SELECT");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if ((s.kind() == StatementKind.UPDATE
                        || s.kind() == StatementKind.DELETE
                        || (s.kind() == StatementKind.INSERT && s.dml().insertSelect()))
                && s.dml().limit().isPresent()) {
            f.accept(c.finding(
                    q(s.shortText()) + " uses LIMIT, which makes the rows it changes depend on the plan;"
                            + " select the rows with a WHERE clause instead",
                    s.dml().limit().get()));
        }
    }
}
