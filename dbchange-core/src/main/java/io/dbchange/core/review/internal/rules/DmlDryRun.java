package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.LiveDatabase;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rule {@code statement.dml-dry-run}: INSERT, UPDATE and DELETE must pass a dry run, {@code EXPLAIN} on the live
 * database, which resolves every table and column and checks types without changing a row.
 */
public final class DmlDryRun implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = RuleDescriptor.of(
            "statement.dml-dry-run", BOTH, "INSERT, UPDATE and DELETE must pass EXPLAIN on the live database");

    private static final Set<StatementKind> DML =
            Set.of(StatementKind.INSERT, StatementKind.UPDATE, StatementKind.DELETE);

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (!DML.contains(s.kind())) {
            return;
        }
        Optional<LiveDatabase> database = LiveDatabaseRules.database(c);
        if (database.isEmpty()) {
            return;
        }
        try {
            database.get().explainRows(s.statement().sql());
        } catch (SQLException e) {
            f.accept(c.finding(q(s.shortText()) + " fails a dry run on the database: " + LiveDatabaseRules.reason(e)
                    + "; fix the statement before it runs"));
        }
    }
}
