package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.internal.StatementTokens;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code statement.where.maximum-logical-operator-count}: cap OR operators and IN-list items in WHERE. */
public final class WhereMaximumLogicalOperatorCount implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.where.maximum-logical-operator-count",
            Set.of("statement.where-maximum-logical-operator-count"),
            MYSQL,
            List.of(new PayloadField("number", PayloadType.NUMBER, 10L)),
            "cap OR operators and IN-list items in WHERE");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        long max = c.payload().number("number");
        s.dml().where().ifPresent(where -> {
            // tokens, not text: an "or" or a comma inside a string literal or a comment is no operator or item
            StatementTokens t = StatementTokens.of(s, c.dialect());
            int first = t.indexAt(s, where);
            long ors = 0;
            for (int i = first; i < t.size(); i++) {
                if (t.isWord(i, "OR")) {
                    ors++;
                }
            }
            if (ors > max) {
                f.accept(c.finding(
                        q(s.shortText()) + " has " + ors + " OR operators in its WHERE clause; use at most " + max,
                        where));
            }
            for (int i = first; i + 1 < t.size(); i++) {
                if (!t.isWord(i, "IN") || !t.isSymbol(i + 1, "(") || t.isWord(i + 2, "SELECT")) {
                    continue;
                }
                int close = t.closing(i + 1);
                long items = 1;
                for (int k = i + 2; k < close; k++) {
                    if (t.isSymbol(k, ",") && t.depth(k) == t.depth(i + 2)) {
                        items++;
                    }
                }
                if (items > max) {
                    f.accept(c.finding(
                            q(s.shortText()) + " has an IN list of " + items + " values; use at most " + max, where));
                    break;
                }
            }
        });
    }
}
