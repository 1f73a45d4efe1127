package io.dbchange.postgres.rollback;

import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.pipeline.TaskContext;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.rollback.RollbackSupport;
import io.dbchange.api.sql.Dialect;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * PostgreSQL rollback ({@link PostgresRollback}) for the pipeline's {@code Rollbacks} service: DATA tasks run with
 * before-images captured in their own transaction, generated scripts stay in the database's {@code
 * dbchange_rollback} schema (referenced by capture id and SHA-256), and ROLLBACK tasks run the verified apply.
 *
 * <pre>{@code
 * RollbackSupport pg = PostgresRollbackSupport.of(PostgresRollback.configure().retention(Duration.ofDays(14)).build());
 * }</pre>
 *
 * <p>The capture's refusals (statement shapes it cannot capture, triggers and cascading foreign keys) are the
 * task's prerequisite problems. Those a consent lifts (triggers and cascades writing to other tables) are lifted once
 * the request's creator accepts, through {@code Rollbacks.acceptNamedTablesOnly}, that the rollback covers only the
 * named tables; the task then runs with {@link CaptureOptions#withCoverOnlyNamedTables(String)}.
 */
public final class PostgresRollbackSupport implements RollbackSupport {

    /** How many statements of a script the head shows, and the most characters of each. */
    private static final int HEAD = 20;

    private static final int HEAD_CHARS = 2000;

    private final PostgresRollback rollback;

    private PostgresRollbackSupport(PostgresRollback rollback) {
        this.rollback = rollback;
    }

    /** Support with {@code rollback}'s settings (schema, retention, chunk size). */
    public static PostgresRollbackSupport of(PostgresRollback rollback) {
        return new PostgresRollbackSupport(Checks.notNull("rollback", rollback));
    }

    /** Support with {@link PostgresRollback}'s defaults. */
    public static PostgresRollbackSupport withDefaults() {
        return of(PostgresRollback.configure().build());
    }

    @Override
    public boolean supports(DatabaseEngine engine) {
        return engine.dialect() == Dialect.POSTGRESQL;
    }

    @Override
    public List<String> problems(TaskContext context) {
        return problems(context, false);
    }

    /** With consent, the refusals it lifts (triggers, cascades writing to other tables) are no problems. */
    @Override
    public List<String> problems(TaskContext context, boolean coverOnlyNamedTables) {
        RollbackCheck check =
                rollback.check(context.connection(), context.task().statement());
        return check.refusals().stream()
                .filter(r -> !(coverOnlyNamedTables && r.consentable()))
                .map(Refusal::toString)
                .collect(Collectors.toList());
    }

    @Override
    public Captured execute(TaskContext context) {
        return execute(context, Optional.empty());
    }

    @Override
    public Captured execute(TaskContext context, Optional<String> coverOnlyNamedTables) {
        CaptureOptions options = coverOnlyNamedTables
                .map(CaptureOptions.DEFAULTS::withCoverOnlyNamedTables)
                .orElse(CaptureOptions.DEFAULTS);
        CapturedChange change =
                rollback.execute(context.connection(), context.task().statement(), options);
        return new Captured(change.id(), change.rowsChanged());
    }

    @Override
    public Generated generate(DatabaseRef database, Connection connection, String capture, String key) {
        RollbackScript script = rollback.generate(connection, capture);
        List<String> head = new ArrayList<>();
        rollback.readScript(connection, capture, chunk -> {
            if (head.size() < HEAD) {
                String sql = chunk.sql();
                head.add(sql.length() <= HEAD_CHARS ? sql : sql.substring(0, HEAD_CHARS) + " ...");
            }
        });
        // the script lives with the capture it undoes: its id is the reference
        return new Generated(capture, script.sha256(), script.statements(), head);
    }

    @Override
    public Captured apply(TaskContext context, String script, String sha256) {
        // a RollbackConflictException's message lists the conflicting rows (up to MAX_LISTED_CONFLICTS); it becomes
        // the task's error as it is
        CapturedChange applied = rollback.apply(context.connection(), script, sha256);
        return new Captured(applied.id(), applied.rowsChanged());
    }
}
