package io.dbchange.mysql.rollback;

import io.dbchange.api.schema.SchemaSnapshot;
import java.util.Objects;
import java.util.Optional;

/**
 * What identifies one data change's transaction in the binary log, recorded by {@link BinlogRollback#execute}: the
 * range of the log it was written in and the transaction's own identity inside that range, so that other sessions'
 * transactions committed in the same range never leak into its rollback.
 *
 * <p>The identity is the GTID when the server assigns one we can read back (MariaDB {@code @@last_gtid}: {@code
 * domain-server-sequence}); otherwise the connection's thread id, which MySQL writes into the transaction's {@code
 * BEGIN} query event.
 *
 * @param database the database the change ran in (the connection's current database)
 * @param start the end of the binary log before the transaction began
 * @param end the end of the binary log after the transaction committed
 * @param gtid the transaction's GTID, if the server gave one; empty on MySQL (matched by thread id) and when the
 *     change wrote no row (nothing was logged)
 * @param threadId the connection's thread id ({@code CONNECTION_ID()})
 * @param statements how many statements ran
 * @param rowsAffected the sum of the statements' affected-row counts as the server reported them
 * @param schema the structure of {@code database} when the change ran; generation maps binlog columns by position
 *     to these names and types
 */
public record CapturedChange(
        String database,
        BinlogPosition start,
        BinlogPosition end,
        Optional<String> gtid,
        long threadId,
        long statements,
        long rowsAffected,
        SchemaSnapshot schema) {

    public CapturedChange {
        Objects.requireNonNull(database, "'database' must not be null");
        Objects.requireNonNull(start, "'start' must not be null");
        Objects.requireNonNull(end, "'end' must not be null");
        Objects.requireNonNull(gtid, "'gtid' must not be null");
        Objects.requireNonNull(schema, "'schema' must not be null");
        if (end.compareTo(start) < 0) {
            throw new IllegalArgumentException("'end' " + end + " must not be before 'start' " + start);
        }
    }

    /** Whether the server logged nothing for this change (it changed no row), so its rollback is empty. */
    public boolean loggedNothing() {
        return start.equals(end);
    }
}
