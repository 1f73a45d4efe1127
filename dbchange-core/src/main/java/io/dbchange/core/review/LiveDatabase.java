package io.dbchange.core.review;

import io.dbchange.core.review.statement.ObjectName;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The target database as rules that need a live connection see it ({@code statement.affected-row-limit}, {@code
 * statement.dml-dry-run}, {@code table.limit-size}, {@code advice.online-migration}). Nothing it does changes data:
 * it runs {@code EXPLAIN} (never {@code EXPLAIN ANALYZE}) and reads the server's table statistics. Given to review
 * with {@link SqlReview#withConnection}; a rule finds it in {@link RuleContext#database()}.
 */
public interface LiveDatabase {

    /**
     * The planner's estimate of the rows {@code sql} reads or changes (for UPDATE and DELETE: the rows it would
     * change), from {@code EXPLAIN}.
     *
     * @throws SQLException when the database refuses the statement (unknown table or column, bad syntax, ...): the
     *     statement would fail the same way when run
     */
    long explainRows(String sql) throws SQLException;

    /**
     * The server's estimate of the rows in {@code table} (MySQL {@code information_schema.TABLES.TABLE_ROWS},
     * PostgreSQL {@code pg_class.reltuples}), empty when the table does not exist.
     */
    OptionalLong tableRows(ObjectName table) throws SQLException;

    /**
     * Who owns the table, view, sequence or index {@code object}, and whether the current role may act as that owner
     * (it is the owner, a member of it, or a superuser). Empty when the object does not exist, or on engines whose
     * objects have no owner (MySQL). Used by {@code statement.object-owner-check}.
     */
    default Optional<Ownership> owner(ObjectName object) throws SQLException {
        return Optional.empty();
    }

    /**
     * The owner of an object and the role the review's connection runs as.
     *
     * @param owner the owning role
     * @param currentRole the connection's role ({@code current_user})
     * @param actsAsOwner whether {@code currentRole} has the owner's privileges
     */
    record Ownership(String owner, String currentRole, boolean actsAsOwner) {}
}
