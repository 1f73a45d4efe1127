package io.dbchange.core.pipeline.internal;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.project.Instance;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.approval.SubjectStatement;
import io.dbchange.core.engine.DatabaseEngines;
import io.dbchange.core.review.LiveDatabase;
import io.dbchange.core.review.ReviewPolicy;
import io.dbchange.core.review.ReviewResult;
import io.dbchange.core.review.internal.JdbcLiveDatabase;
import io.dbchange.core.review.statement.ObjectName;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import io.dbchange.core.review.statement.StatementParser;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The row estimates of risk rules ({@code affected_rows}, {@code table_rows}) for one task's statements, read from
 * the task's target database through the pipeline's {@link Connections}, with SQL review's {@link JdbcLiveDatabase}
 * (so risk and review estimate alike).
 *
 * <p><b>Nothing changes:</b> only {@code EXPLAIN} (never {@code EXPLAIN ANALYZE}) and the server's table statistics
 * are read, in a transaction that is rolled back; on PostgreSQL that transaction is also read-only (MariaDB refuses
 * to explain a DELETE in a read-only transaction, so there it is not). Every query is bounded
 * by {@link #QUERY_TIMEOUT} (the JDBC network timeout), connecting by the instance's connect timeout, and the
 * estimates of one request by a deadline the caller gives; whatever is not estimated is
 * {@link SubjectStatement#UNKNOWN} with the reason in {@code estimate_error}.
 *
 * <p>What is estimated, per statement: {@code table_rows} = the table's estimated rows (0 when it does not exist or
 * the statement names no table); {@code affected_rows} = the {@code EXPLAIN} estimate for UPDATE, DELETE and INSERT
 * ... SELECT, the number of VALUES rows for INSERT ... VALUES, {@code table_rows} for DDL on an existing table other
 * than CREATE TABLE, else 0. Statements are estimated against the database as it is, before any of the task runs,
 * so a statement on a table the same script creates cannot be explained (unknown, with the database's error).
 *
 * <p><b>Review on the same connection.</b> With a {@link LiveReview}, the target's live schema is read once on the
 * estimating connection (before the estimates, in the same rolled-back transaction) and the task's script reviewed
 * against it ({@code review_max_level}); when the database cannot be reached or its schema read, or the deadline
 * has passed, the review is {@code UNKNOWN} with the reason, as the estimates are -1.
 *
 * <p>Thread-safe.
 */
public final class RowEstimator {

    /** The bound of each estimating query. */
    public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    private final Connections connections;

    public RowEstimator(Connections connections) {
        this.connections = connections;
    }

    /**
     * {@code statements} with their estimates on {@code database} of {@code instance}; never throws for a database
     * problem (the estimates are then unknown and say why).
     */
    public List<SubjectStatement> estimate(
            Instance instance, String database, Dialect dialect, List<SubjectStatement> statements, Instant deadline) {
        return estimate(instance, database, dialect, statements, deadline, Optional.empty());
    }

    /**
     * A review to do on the estimating connection, against the live schema read there once.
     *
     * @param policy the policy of the task's environment
     * @param script the task's script, whose split statements are the ones estimated
     * @param reviews the assessment's reviews (one review per distinct script, policy and schema structure)
     */
    record LiveReview(ReviewPolicy policy, String script, ApprovalReview reviews) {}

    /**
     * {@code statements} with their estimates and, with {@code review}, their review against the live schema of
     * {@code database}, read once on the same connection; never throws for a database problem (the estimates are
     * then -1 and the review {@code UNKNOWN}, each saying why).
     */
    List<SubjectStatement> estimate(
            Instance instance,
            String database,
            Dialect dialect,
            List<SubjectStatement> statements,
            Instant deadline,
            Optional<LiveReview> review) {
        if (statements.isEmpty()) {
            return statements;
        }
        if (Instant.now().isAfter(deadline)) {
            return unknown(statements, review, "the request's estimating time ran out");
        }
        DatabaseEngine engine;
        try {
            engine = DatabaseEngines.forName(instance.engine());
        } catch (DbChangeException e) {
            return unknown(statements, review, "no engine '" + instance.engine() + "' on this node");
        }
        Connections.Handle handle;
        try {
            handle = connections.open(instance, engine, database);
        } catch (DbChangeException | IllegalStateException e) {
            return unknown(statements, review, "cannot connect: " + e.getMessage());
        }
        try (handle) {
            return estimateOn(handle.connection(), engine, database, statements, review);
        }
    }

    /**
     * Like {@link #estimate(Instance, String, Dialect, List, Instant, Optional)} on an open connection to
     * {@code database}, which is left as it was (auto-commit, read-only, network timeout; nothing written).
     */
    List<SubjectStatement> estimateOn(
            Connection c,
            DatabaseEngine engine,
            String database,
            List<SubjectStatement> statements,
            Optional<LiveReview> review) {
        Dialect dialect = engine.dialect();
        List<SubjectStatement> reviewed = statements;
        try {
            boolean autoCommit = c.getAutoCommit();
            boolean readOnly = c.isReadOnly();
            int networkTimeout = c.getNetworkTimeout();
            try {
                c.setNetworkTimeout(Runnable::run, (int) QUERY_TIMEOUT.toMillis());
                c.setAutoCommit(false);
                if (dialect == Dialect.POSTGRESQL) {
                    // MariaDB refuses EXPLAIN of a DELETE in a read-only transaction; PostgreSQL explains it
                    c.setReadOnly(true);
                }
                if (review.isPresent()) {
                    reviewed = review(engine, c, database, review.get(), statements);
                    // a failed schema read aborts a PostgreSQL transaction: the estimates start a fresh one
                    c.rollback();
                }
                return estimate(new JdbcLiveDatabase(c, dialect), dialect, reviewed);
            } finally {
                try {
                    c.rollback();
                    c.setReadOnly(readOnly);
                    c.setAutoCommit(autoCommit);
                    c.setNetworkTimeout(Runnable::run, networkTimeout);
                } catch (SQLException e) {
                    // a broken connection: closing the handle hands it back, and the pool evicts it
                }
            }
        } catch (SQLException e) {
            // reviewed before the failure: keep the review, only the estimates are unknown
            return reviewed == statements
                    ? unknown(statements, review, e.getMessage())
                    : unknown(reviewed, "not estimated: " + e.getMessage());
        }
    }

    /** The statements reviewed against the live schema, read once; {@code UNKNOWN} when it cannot be read. */
    private static List<SubjectStatement> review(
            DatabaseEngine engine,
            Connection c,
            String database,
            LiveReview review,
            List<SubjectStatement> statements) {
        SchemaSnapshot live;
        try {
            live = engine.readSchema(c, SnapshotOptions.DEFAULTS);
        } catch (RuntimeException e) {
            return ApprovalReview.unknown(
                    statements, "not reviewed: cannot read the live schema of '" + database + "': " + e.getMessage());
        }
        ReviewResult result =
                review.reviews().review(engine.dialect(), review.policy(), review.script(), Optional.of(live));
        return ApprovalReview.withFindings(statements, result);
    }

    /** Estimates -1 and, with a review to do, review UNKNOWN, both because of {@code why}. */
    private static List<SubjectStatement> unknown(
            List<SubjectStatement> statements, Optional<LiveReview> review, String why) {
        List<SubjectStatement> out = unknown(statements, "not estimated: " + why);
        return review.isPresent() ? ApprovalReview.unknown(out, "not reviewed: " + why) : out;
    }

    private static List<SubjectStatement> estimate(
            LiveDatabase live, Dialect dialect, List<SubjectStatement> statements) {
        List<SubjectStatement> out = new ArrayList<>();
        try (StatementParser parser = StatementParser.forDialect(dialect)) {
            for (SubjectStatement s : statements) {
                out.add(estimate(live, parser.parse(SqlStatement.of(s.sql())), s));
            }
        }
        return out;
    }

    private static SubjectStatement estimate(LiveDatabase live, ParsedStatement parsed, SubjectStatement s) {
        StatementKind kind = parsed.kind();
        Optional<ObjectName> table = table(parsed);
        long tableRows;
        try {
            OptionalLong rows = table.isPresent() ? live.tableRows(table.get()) : OptionalLong.empty();
            tableRows = rows.orElse(0);
        } catch (SQLException e) {
            return s.withEstimates(
                    SubjectStatement.UNKNOWN, SubjectStatement.UNKNOWN, "table rows not estimated: " + e.getMessage());
        }
        long affected;
        if (kind == StatementKind.UPDATE
                || kind == StatementKind.DELETE
                || (kind == StatementKind.INSERT && parsed.dml().insertSelect())) {
            try {
                affected = live.explainRows(s.sql());
            } catch (SQLException e) {
                return s.withEstimates(SubjectStatement.UNKNOWN, tableRows, "EXPLAIN failed: " + e.getMessage());
            }
        } else if (kind == StatementKind.INSERT) {
            affected = parsed.dml().insertRows();
        } else if (kind.isDdl() && kind != StatementKind.CREATE_TABLE) {
            affected = tableRows;
        } else {
            affected = 0;
        }
        return s.withEstimates(Math.max(affected, 0), Math.max(tableRows, 0), "");
    }

    /** The table whose rows count: the model's target, the table of an index statement. */
    private static Optional<ObjectName> table(ParsedStatement parsed) {
        return switch (parsed.kind()) {
            case DROP_INDEX -> parsed.otherTargets().stream().findFirst();
            case ALTER_TABLE, DROP_TABLE, RENAME_TABLE, TRUNCATE, CREATE_INDEX, INSERT, UPDATE, DELETE, CREATE_TABLE ->
                parsed.target();
            default -> Optional.empty();
        };
    }

    private static List<SubjectStatement> unknown(List<SubjectStatement> statements, String why) {
        return statements.stream()
                .map(s -> s.withEstimates(SubjectStatement.UNKNOWN, SubjectStatement.UNKNOWN, why))
                .toList();
    }
}
