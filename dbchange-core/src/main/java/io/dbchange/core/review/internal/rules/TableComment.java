package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.api.sql.Dialect;
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

/** Rule {@code table.comment}: table comment required and limited in length. */
public final class TableComment implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "table.comment",
            Set.of(),
            BOTH,
            List.of(
                    new PayloadField("required", PayloadType.BOOLEAN, false),
                    new PayloadField("maxLength", PayloadType.NUMBER, 64L)),
            "table comment required and limited in length");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() == StatementKind.CREATE_TABLE) {
            java.util.Optional<String> comment = s.tableOptions().comment();
            if (c.dialect() == Dialect.POSTGRESQL) {
                return; // PostgreSQL comments come in separate COMMENT ON statements
            }
            if (c.payload().bool("required") && comment.isEmpty()) {
                f.accept(c.finding("table " + q(table(s)) + " has no COMMENT; describe it"));
            }
            long max = c.payload().number("maxLength");
            comment.filter(t -> t.length() > max)
                    .ifPresent(t -> f.accept(c.finding("the comment of table " + q(table(s)) + " has " + t.length()
                            + " characters; shorten it to at most " + max)));
        }
    }
}
