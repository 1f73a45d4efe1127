package io.dbchange.core.pipeline.internal;

import io.dbchange.api.change.ChangeType;
import io.dbchange.api.engine.ExecutionOptions;
import io.dbchange.api.engine.ScriptResult;
import io.dbchange.api.engine.StatementOutcome;
import io.dbchange.api.engine.StatementResult;
import io.dbchange.api.pipeline.TaskContext;
import io.dbchange.api.pipeline.TaskExecutor;
import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.engine.internal.TransactionControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The executor used when no registered one claims a task: {@code DatabaseEngine.execute} with the engine's
 * semantics. PostgreSQL runs the script in one call (one transaction, except statements that cannot run in one,
 * which the engine runs alone and logs). MySQL/MariaDB commit every statement anyway (DDL commits implicitly), so
 * the script runs one statement per call and each result is reported as it completes: a crash mid-script leaves the
 * completed statements on record. A MySQL script that manages its own transaction ({@code START TRANSACTION ...
 * COMMIT}) runs in one call instead, so that the engine sees the whole transaction and reports a rollback correctly.
 * BASELINE tasks execute nothing: they only record the schema.
 */
public final class DefaultTaskExecutor implements TaskExecutor {

    private final ExecutionOptions options;

    public DefaultTaskExecutor(ExecutionOptions options) {
        this.options = options;
    }

    @Override
    public boolean handles(TaskContext context) {
        return true;
    }

    @Override
    public ScriptResult execute(TaskContext context, int fromStatement, Consumer<StatementResult> progress) {
        List<SqlStatement> all = context.statements();
        if (context.request().type() == ChangeType.BASELINE) {
            return new ScriptResult(List.of(), Duration.ZERO);
        }
        List<SqlStatement> statements = all.subList(Math.min(fromStatement - 1, all.size()), all.size());
        boolean mysql = context.engine().dialect() == Dialect.MYSQL;
        boolean ownTransaction = statements.stream()
                .anyMatch(s -> TransactionControl.of(s.sql(), Dialect.MYSQL) != TransactionControl.OTHER);
        if (!mysql || ownTransaction) {
            ScriptResult result = context.engine().execute(context.connection(), statements, options);
            result.statements().forEach(progress);
            return result;
        }
        long start = System.nanoTime();
        List<StatementResult> results = new ArrayList<>();
        boolean failed = false;
        for (SqlStatement s : statements) {
            if (failed) {
                results.add(StatementResult.notRun(s));
                continue;
            }
            StatementResult r = context.engine()
                    .execute(context.connection(), List.of(s), options)
                    .statements()
                    .get(0);
            results.add(r);
            progress.accept(r);
            failed = r.outcome() == StatementOutcome.FAILED;
        }
        return new ScriptResult(results, Duration.ofNanos(System.nanoTime() - start));
    }
}
