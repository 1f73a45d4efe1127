package io.dbchange.core.approval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables CEL expressions may read, with their CEL types. Risk rules are evaluated once per statement of each
 * task (once with empty statement variables for a task without statements); flow-rule conditions once per request.
 *
 * <table>
 * <caption>Risk rule variables</caption>
 * <tr><th>name</th><th>CEL type</th><th>value</th></tr>
 * <tr><td>{@code environment_id}</td><td>string</td><td>the task's environment id, e.g. {@code "prod"}</td></tr>
 * <tr><td>{@code project_id}</td><td>string</td><td>the request's project id</td></tr>
 * <tr><td>{@code database_name}</td><td>string</td><td>the task's target database</td></tr>
 * <tr><td>{@code db_engine}</td><td>string</td><td>{@code "MYSQL"} (MySQL and MariaDB) or {@code "POSTGRESQL"}</td></tr>
 * <tr><td>{@code sql_type}</td><td>string</td><td>what the statement does: {@code CREATE_TABLE, ALTER_TABLE,
 *     DROP_TABLE, RENAME_TABLE, TRUNCATE, CREATE_INDEX, DROP_INDEX, CREATE_VIEW, ..., INSERT, UPDATE, DELETE, SELECT,
 *     ..., OTHER, UNRECOGNIZED} (the names of SQL review's statement kinds)</td></tr>
 * <tr><td>{@code statement_kind}</td><td>string</td><td>{@code "DDL"}, {@code "DML"} or {@code "OTHER"}</td></tr>
 * <tr><td>{@code table_name}</td><td>string</td><td>the table it touches (of an index statement: the index's table),
 *     unqualified; {@code ""} when none</td></tr>
 * <tr><td>{@code affected_rows}</td><td>int</td><td>the estimated rows the statement changes: through the
 *     pipeline, the {@code EXPLAIN} estimate on the target database for UPDATE, DELETE and INSERT ... SELECT, the
 *     number of VALUES rows for INSERT ... VALUES, {@code table_rows} for DDL on an existing table (ALTER, DROP,
 *     TRUNCATE, CREATE/DROP INDEX: the rows it rewrites or removes), 0 for CREATE TABLE and other statements;
 *     {@code -1} when it could not be estimated (see {@code estimate_error})</td></tr>
 * <tr><td>{@code table_rows}</td><td>int</td><td>the estimated rows of the statement's table (MySQL
 *     {@code information_schema.TABLES.TABLE_ROWS}, PostgreSQL {@code pg_class.reltuples}, or the planner's estimate
 *     of a full scan when the table was never analyzed); 0 when the table does not exist or the statement names
 *     none; {@code -1} when it could not be estimated (see {@code estimate_error})</td></tr>
 * <tr><td>{@code review_max_level}</td><td>string</td><td>what SQL review found in the statement (findings about the
 *     whole script count for each statement): {@code "ERROR"} or {@code "WARNING"}, the highest finding's level;
 *     {@code ""} reviewed without finding; {@code "NONE"} not reviewed (no review policy applies to the task's
 *     environment, or the host gave none); {@code "UNKNOWN"} a policy applies but the review could not be done (see
 *     {@code review_error}). Through the pipeline, the statement is reviewed when risk is assessed (submit and every
 *     revision) with the policy of the task's environment against the target database's live schema, exactly as the
 *     pre-run SQL review check does. See {@link StatementReview}.</td></tr>
 * <tr><td>{@code review_rules}</td><td>list(string)</td><td>the rule ids of those findings, each once, e.g.
 *     {@code "statement.where.require-update-delete" in review_rules}; empty unless ERROR or WARNING</td></tr>
 * <tr><td>{@code review_error}</td><td>string</td><td>why {@code review_max_level} is {@code "UNKNOWN"} (the database
 *     could not be reached, its schema could not be read, the request's time ran out); {@code ""} otherwise. A rule
 *     {@code review_max_level == "ERROR"} is false for an unknown review; write {@code review_max_level in ["ERROR",
 *     "UNKNOWN"]} to treat an unreviewable statement as a failing one.</td></tr>
 * <tr><td>{@code estimate_error}</td><td>string</td><td>why {@code affected_rows} or {@code table_rows} is -1 (e.g.
 *     the database could not be reached, or the statement could not be explained); {@code ""} when both are
 *     estimated</td></tr>
 * </table>
 *
 * <table>
 * <caption>Flow rule condition variables</caption>
 * <tr><th>name</th><th>CEL type</th><th>value</th></tr>
 * <tr><td>{@code source}</td><td>string</td><td>{@code "DDL"}, {@code "DML"}, {@code "CREATE_DATABASE"} or
 *     {@code "ROLLBACK"}</td></tr>
 * <tr><td>{@code risk}</td><td>string</td><td>the request's risk: {@code "LOW"}, {@code "MODERATE"} or
 *     {@code "HIGH"}</td></tr>
 * <tr><td>{@code project_id}</td><td>string</td><td>the request's project id</td></tr>
 * <tr><td>{@code environment_ids}</td><td>list(string)</td><td>the environments of its tasks, in task order,
 *     each once</td></tr>
 * </table>
 *
 * <p>More variables (the online-DDL algorithm, ...) will be added; adding one never changes what an existing
 * expression means.
 */
public final class RiskVariables {

    /** The CEL type name ({@code string}, {@code int}, {@code list(string)}) of each risk rule variable. */
    public static final Map<String, String> RISK_VARIABLES = ordered(
            "environment_id", "string",
            "project_id", "string",
            "database_name", "string",
            "db_engine", "string",
            "sql_type", "string",
            "statement_kind", "string",
            "table_name", "string",
            "affected_rows", "int",
            "table_rows", "int",
            "review_max_level", "string",
            "review_rules", "list(string)",
            "review_error", "string",
            "estimate_error", "string");

    /** The CEL type name of each flow rule condition variable. */
    public static final Map<String, String> FLOW_VARIABLES =
            ordered("source", "string", "risk", "string", "project_id", "string", "environment_ids", "list(string)");

    private RiskVariables() {}

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
