package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.AlterAction;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code statement.require-lock-option}: ALTER TABLE must say LOCK=. */
public final class RequireLockOption implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.require-lock-option", Set.of(), MYSQL, List.of(), "ALTER TABLE must say LOCK=");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() == StatementKind.ALTER_TABLE
                && s.actions().stream().noneMatch(a -> a.type() == AlterAction.Type.LOCK)) {
            f.accept(c.finding(q(s.shortText()) + " does not say LOCK=; add LOCK=NONE, so that a blocking change fails"
                    + " instead of locking the table"));
        }
    }
}
