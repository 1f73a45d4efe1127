package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.LiveDatabase;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rule {@code statement.affected-row-limit}: UPDATE and DELETE may change at most {@code number} rows, as estimated
 * by {@code EXPLAIN} on the live database. A statement the database refuses is left to {@code
 * statement.dml-dry-run}.
 */
public final class AffectedRowLimit implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.affected-row-limit",
            Set.of(),
            BOTH,
            List.of(new PayloadField("number", PayloadType.NUMBER, 1000L)),
            "cap the rows UPDATE and DELETE change, estimated with EXPLAIN on the live database");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() != StatementKind.UPDATE && s.kind() != StatementKind.DELETE) {
            return;
        }
        Optional<LiveDatabase> database = LiveDatabaseRules.database(c);
        if (database.isEmpty()) {
            return;
        }
        long max = c.payload().number("number");
        try {
            long rows = database.get().explainRows(s.statement().sql());
            if (rows > max) {
                f.accept(c.finding(q(s.shortText()) + " would change about " + rows
                        + " rows (EXPLAIN estimate), more than " + max + "; change them in batches of at most " + max
                        + " rows, e.g. by key ranges"));
            }
        } catch (SQLException e) {
            c.notice("not checked where EXPLAIN failed (" + LiveDatabaseRules.reason(e)
                    + "); statement.dml-dry-run reports such statements");
        }
    }
}
