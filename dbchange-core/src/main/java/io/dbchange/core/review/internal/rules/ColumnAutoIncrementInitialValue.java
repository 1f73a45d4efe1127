package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code column.auto-increment-initial-value}: the table AUTO_INCREMENT start must be a given value. */
public final class ColumnAutoIncrementInitialValue implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "column.auto-increment-initial-value",
            Set.of(),
            MYSQL,
            List.of(new PayloadField("number", PayloadType.NUMBER, 1L)),
            "the table AUTO_INCREMENT start must be a given value");
    private static final java.util.regex.Pattern START =
            java.util.regex.Pattern.compile("(?i)\\)[^()]*\\bAUTO_INCREMENT\\s*=?\\s*(\\d+)");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() != StatementKind.CREATE_TABLE) {
            return;
        }
        long expected = c.payload().number("number");
        java.util.regex.Matcher m = START.matcher(s.statement().sql());
        if (m.find()) {
            long start = Long.parseLong(m.group(1));
            if (start != expected) {
                f.accept(c.finding(
                        "table " + q(table(s)) + " starts AUTO_INCREMENT at " + start + "; start it at " + expected));
            }
        }
    }
}
