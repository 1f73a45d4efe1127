package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
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
    private static final java.util.regex.Pattern OR = java.util.regex.Pattern.compile("(?i)\\bOR\\b");
    private static final java.util.regex.Pattern IN_LIST =
            java.util.regex.Pattern.compile("(?i)\\bIN\\s*\\(([^()]*)\\)");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        long max = c.payload().number("number");
        s.dml().where().ifPresent(where -> {
            String text = s.statement()
                    .sql()
                    .substring(
                            Math.max(0, where.offset() - s.statement().start().offset()));
            long ors = OR.matcher(text).results().count();
            if (ors > max) {
                f.accept(c.finding(
                        q(s.shortText()) + " has " + ors + " OR operators in its WHERE clause; use at most " + max,
                        where));
            }
            java.util.regex.Matcher in = IN_LIST.matcher(text);
            while (in.find()) {
                long items = in.group(1).split(",").length;
                if (items > max) {
                    f.accept(c.finding(
                            q(s.shortText()) + " has an IN list of " + items + " values; use at most " + max, where));
                    break;
                }
            }
        });
    }
}
