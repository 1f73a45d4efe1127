package io.dbchange.postgres.rollback;

import java.util.Objects;

/**
 * One statement of a rollback script.
 *
 * @param index zero-based position in the script
 * @param sql the statement, without a terminating semicolon; every row it touches is matched by its key and by its
 *     full content as the change left it
 * @param expectedRows the number of rows it must insert, update or delete; any other count aborts the rollback
 */
public record ScriptChunk(int index, String sql, int expectedRows) {

    public ScriptChunk {
        Objects.requireNonNull(sql, "'sql' must not be null");
    }
}
