package io.dbchange.core.approval;

import io.dbchange.api.Ids;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.sql.StatementSplitter;
import java.util.List;

/**
 * One task of a request as the approval engine sees it: where it runs and what it runs.
 *
 * @param taskId the task's id, unique within the request, not blank
 * @param environmentId the defined id of the task's environment ({@code environment_id})
 * @param databaseName the target database ({@code database_name}), not blank
 * @param dialect the target's engine ({@code db_engine} is its name: {@code MYSQL} or {@code POSTGRESQL})
 * @param statements the statements it runs, in order (copied, immutable); may be empty
 */
public record SubjectTask(
        String taskId, String environmentId, String databaseName, Dialect dialect, List<SubjectStatement> statements) {

    public SubjectTask {
        Checks.notBlank("taskId", taskId);
        Ids.requireDefinedId("environmentId", environmentId);
        Checks.notBlank("databaseName", databaseName);
        Checks.notNull("dialect", dialect);
        statements = Checks.copy("statements", statements);
    }

    /** A task running {@code script}, split into statements in {@code dialect}, with no estimates. */
    public static SubjectTask ofScript(
            String taskId, String environmentId, String databaseName, Dialect dialect, String script) {
        Checks.notNull("script", script);
        List<SubjectStatement> statements = StatementSplitter.forDialect(dialect).split(script).statements().stream()
                .map(SqlStatement::sql)
                .map(SubjectStatement::of)
                .toList();
        return new SubjectTask(taskId, environmentId, databaseName, dialect, statements);
    }
}
