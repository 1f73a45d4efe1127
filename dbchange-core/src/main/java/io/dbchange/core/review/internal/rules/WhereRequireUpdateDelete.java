package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
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

/** Rule {@code statement.where.require-update-delete}: UPDATE and DELETE must have a WHERE clause. */
public final class WhereRequireUpdateDelete implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.where.require-update-delete",
            Set.of("statement.where.require.update-delete"),
            BOTH,
            List.of(),
            "UPDATE and DELETE must have a WHERE clause");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if ((s.kind() == StatementKind.UPDATE || s.kind() == StatementKind.DELETE)
                && s.dml().where().isEmpty()) {
            f.accept(c.finding(
                    q(s.shortText()) + " has no WHERE clause; add one that limits the rows, or state the intent"
                            + " with WHERE TRUE after review"));
        }
    }
}
