package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.internal.StatementTokens;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code statement.where.require-select}: SELECT must have a WHERE clause. */
public final class WhereRequireSelect implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.where.require-select",
            Set.of("statement.where.require.select"),
            BOTH,
            List.of(),
            "SELECT must have a WHERE clause");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() == StatementKind.SELECT
                && s.dml().where().isEmpty()
                && StatementTokens.of(s, c.dialect()).containsWords("FROM")) {
            f.accept(c.finding(
                    q(s.shortText()) + " reads a table without a WHERE clause; add one that limits the rows"));
        }
    }
}
