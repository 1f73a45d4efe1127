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

/** Rule {@code pg.constraint-missing-not-valid}: new foreign key and check constraints on existing tables must be NOT VALID. */
public final class PgConstraintMissingNotValid implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "pg.constraint-missing-not-valid",
            Set.of(),
            POSTGRES,
            List.of(),
            "new foreign key and check constraints on existing tables must be NOT VALID");

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
                    .filter(k -> (k.type() == ConstraintType.FOREIGN_KEY || k.type() == ConstraintType.CHECK)
                            && !k.notValid())
                    .ifPresent(k -> f.accept(c.finding(
                            "constraint " + k.name().map(RuleSupport::q).orElse("") + " on "
                                    + q(table(s))
                                    + " is validated while the table is locked; add it NOT VALID, then VALIDATE"
                                    + " CONSTRAINT in a separate statement",
                            a.position())));
        }
    }
}
