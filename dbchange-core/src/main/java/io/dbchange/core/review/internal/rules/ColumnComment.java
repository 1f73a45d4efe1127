package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.definedColumns;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code column.comment}: column comment required and limited in length. */
public final class ColumnComment implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "column.comment",
            Set.of(),
            MYSQL,
            List.of(
                    new PayloadField("required", PayloadType.BOOLEAN, false),
                    new PayloadField("maxLength", PayloadType.NUMBER, 64L)),
            "column comment required and limited in length");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        long max = c.payload().number("maxLength");
        for (ColumnDefinition col : definedColumns(s)) {
            if (c.payload().bool("required") && col.comment().isEmpty()) {
                f.accept(c.finding(
                        "column " + q(col.name()) + " of " + q(table(s)) + " has no COMMENT; describe it",
                        col.position()));
            }
            col.comment()
                    .filter(t -> t.length() > max)
                    .ifPresent(t -> f.accept(c.finding(
                            "the comment of column " + q(col.name()) + " has " + t.length()
                                    + " characters; shorten it to at most " + max,
                            col.position())));
        }
    }
}
