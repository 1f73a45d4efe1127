package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.internal.StatementTokens;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code statement.where.no-equal-null}: forbid = NULL comparisons in WHERE. */
public final class WhereNoEqualNull implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.where.no-equal-null",
            Set.of("statement.where-no-equal-null"),
            MYSQL,
            List.of(),
            "forbid = NULL comparisons in WHERE");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        s.dml().where().ifPresent(where -> {
            // tokens, not text: "= NULL" inside a string literal or a comment is no comparison
            StatementTokens t = StatementTokens.of(s, c.dialect());
            for (int i = t.indexAt(s, where); i + 1 < t.size(); i++) {
                if ((t.isSymbol(i, "=") || t.isSymbol(i, "<>") || t.isSymbol(i, "!=")) && t.isWord(i + 1, "NULL")) {
                    f.accept(c.finding(
                            q(s.shortText()) + " compares with NULL using " + t.text(i)
                                    + ", which is never true; use IS NULL or IS NOT NULL",
                            where));
                    return;
                }
            }
        });
    }
}
