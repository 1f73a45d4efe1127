package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code column.current-time-count-limit}: at most 2 DEFAULT NOW() and 1 ON UPDATE NOW() columns. */
public final class ColumnCurrentTimeCountLimit implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "column.current-time-count-limit",
            Set.of("column.current-time-column-count-limit"),
            MYSQL,
            List.of(),
            "at most 2 DEFAULT NOW() and 1 ON UPDATE NOW() columns");
    private static final java.util.regex.Pattern NOW =
            java.util.regex.Pattern.compile("(?i)(CURRENT_TIMESTAMP|NOW\\s*\\()");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() == StatementKind.CREATE_TABLE) {
            long defaults = s.columns().stream()
                    .filter(col -> col.defaultExpression()
                            .map(d -> NOW.matcher(d).find())
                            .orElse(false))
                    .count();
            long onUpdate = s.columns().stream()
                    .filter(ColumnDefinition::onUpdateCurrentTime)
                    .count();
            if (defaults > 2) {
                f.accept(c.finding("table " + q(table(s)) + " has " + defaults
                        + " columns defaulting to the current time;" + " keep at most 2"));
            }
            if (onUpdate > 1) {
                f.accept(c.finding("table " + q(table(s)) + " has " + onUpdate + " columns ON UPDATE CURRENT_TIMESTAMP;"
                        + " keep at most 1"));
            }
        }
    }
}
