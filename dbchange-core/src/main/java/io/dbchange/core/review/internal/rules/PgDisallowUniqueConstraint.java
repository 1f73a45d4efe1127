package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.POSTGRES;
import static io.dbchange.core.review.internal.rules.RuleSupport.existingTable;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.AlterAction;
import io.dbchange.core.review.statement.ConstraintDefinition.ConstraintType;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code pg.disallow-unique-constraint}: add unique constraints USING INDEX built concurrently. */
public final class PgDisallowUniqueConstraint implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "pg.disallow-unique-constraint",
            Set.of(),
            POSTGRES,
            List.of(),
            "add unique constraints USING INDEX built concurrently");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() != StatementKind.ALTER_TABLE || !existingTable(c)) {
            return;
        }
        for (AlterAction a : s.actions()) {
            a.constraint()
                    .filter(k -> (k.type() == ConstraintType.UNIQUE || k.type() == ConstraintType.PRIMARY_KEY)
                            && !k.usingIndex())
                    .ifPresent(k -> f.accept(c.finding(
                            "adding a " + (k.type() == ConstraintType.UNIQUE ? "unique" : "primary")
                                    + " key to " + q(table(s))
                                    + " builds an index under an ACCESS EXCLUSIVE lock; CREATE UNIQUE"
                                    + " INDEX CONCURRENTLY first, then ADD CONSTRAINT ... USING INDEX",
                            a.position())));
        }
    }
}
