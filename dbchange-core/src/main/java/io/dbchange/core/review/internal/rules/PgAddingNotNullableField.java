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
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code pg.adding-not-nullable-field}: no NOT NULL column without default, no SET NOT NULL on existing tables. */
public final class PgAddingNotNullableField implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "pg.adding-not-nullable-field",
            Set.of(),
            POSTGRES,
            List.of(),
            "no NOT NULL column without default, no SET NOT NULL on existing tables");

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
            boolean addNotNull = a.type() == AlterAction.Type.ADD_COLUMN
                    && a.definition()
                            .map(d -> d.notNull() && d.defaultExpression().isEmpty() && !d.autoIncrement())
                            .orElse(false);
            if (addNotNull) {
                f.accept(c.finding(
                        "column " + q(a.column().orElse("?")) + " is added NOT NULL without a DEFAULT to " + q(table(s))
                                + ", which fails on existing rows; add a DEFAULT or add it nullable and backfill",
                        a.position()));
            }
            if (a.type() == AlterAction.Type.SET_NOT_NULL) {
                f.accept(c.finding(
                        "SET NOT NULL on " + q(a.column().orElse("?")) + " scans " + q(table(s))
                                + " under an ACCESS EXCLUSIVE lock; add CHECK ("
                                + a.column().orElse("?") + " IS NOT NULL) NOT VALID,"
                                + " validate it, then SET NOT NULL",
                        a.position()));
            }
        }
    }
}
