package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
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
    private static final java.util.regex.Pattern EQUAL_NULL =
            java.util.regex.Pattern.compile("(?i)(=|<>|!=)\\s*NULL\\b");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        s.dml().where().ifPresent(where -> {
            String sql = s.statement().sql();
            int from = where.offset() - s.statement().start().offset();
            java.util.regex.Matcher m = EQUAL_NULL.matcher(sql);
            if (m.find(Math.max(0, from))) {
                f.accept(c.finding(
                        q(s.shortText()) + " compares with NULL using "
                                + m.group(1).strip() + ", which is never true; use IS NULL or IS NOT NULL",
                        where));
            }
        });
    }
}
