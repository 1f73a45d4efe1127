package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.LiveDatabase;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ObjectName;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rules that compare the rows of the table a DDL statement changes, as the live server estimates them, with a
 * threshold: {@link LimitSize table.limit-size} and {@link OnlineMigration advice.online-migration}. One class with
 * two parameterizations, listed separately for {@link java.util.ServiceLoader}.
 */
public abstract class TableRowThreshold implements ReviewRule {

    private final RuleDescriptor descriptor;
    private final Set<StatementKind> kinds;
    private final String advice;

    TableRowThreshold(RuleDescriptor descriptor, Set<StatementKind> kinds, String advice) {
        this.descriptor = descriptor;
        this.kinds = kinds;
        this.advice = advice;
    }

    /** {@code table.limit-size}: no DDL on a table of more than {@code number} rows (MySQL). */
    public static final class LimitSize extends TableRowThreshold {
        public LimitSize() {
            super(
                    new RuleDescriptor(
                            "table.limit-size",
                            Set.of(),
                            MYSQL,
                            List.of(new PayloadField("number", PayloadType.NUMBER, 10_000_000L)),
                            "forbid DDL on tables of more than N rows (server estimate)"),
                    Set.of(
                            StatementKind.ALTER_TABLE,
                            StatementKind.DROP_TABLE,
                            StatementKind.TRUNCATE,
                            StatementKind.CREATE_INDEX,
                            StatementKind.DROP_INDEX),
                    "change it in a maintenance window or through an online schema change tool");
        }
    }

    /** {@code advice.online-migration}: ALTER TABLE on more than {@code number} rows should use gh-ost (MySQL). */
    public static final class OnlineMigration extends TableRowThreshold {
        public OnlineMigration() {
            super(
                    new RuleDescriptor(
                            "advice.online-migration",
                            Set.of(),
                            MYSQL,
                            List.of(new PayloadField("number", PayloadType.NUMBER, 100_000_000L)),
                            "advise an online migration (gh-ost) for ALTER TABLE on tables of more than N rows"),
                    Set.of(StatementKind.ALTER_TABLE),
                    "run it as an online migration (gh-ost), which copies the table in the background without"
                            + " locking it");
        }
    }

    @Override
    public RuleDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (!kinds.contains(s.kind())) {
            return;
        }
        Optional<LiveDatabase> database = LiveDatabaseRules.database(c);
        if (database.isEmpty()) {
            return;
        }
        long max = c.payload().number("number");
        for (ObjectName table : tables(s)) {
            try {
                OptionalLong rows = database.get().tableRows(table);
                if (rows.isPresent() && rows.getAsLong() > max) {
                    f.accept(c.finding(q(s.shortText()) + " changes table " + q(table.qualified()) + " of about "
                            + rows.getAsLong() + " rows, more than " + max + "; " + advice));
                }
            } catch (SQLException e) {
                c.notice("not checked where the table statistics could not be read (" + LiveDatabaseRules.reason(e)
                        + ")");
            }
        }
    }

    private static List<ObjectName> tables(ParsedStatement s) {
        List<ObjectName> tables = new ArrayList<>();
        if (s.kind() == StatementKind.DROP_INDEX) {
            // the index is the target; MySQL's DROP INDEX i ON t names the table after it
            tables.addAll(s.otherTargets());
        } else {
            s.target().ifPresent(tables::add);
            if (s.kind() == StatementKind.DROP_TABLE) {
                tables.addAll(s.otherTargets());
            }
        }
        return tables;
    }
}
