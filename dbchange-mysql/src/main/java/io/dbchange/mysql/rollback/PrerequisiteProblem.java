package io.dbchange.mysql.rollback;

import java.util.Objects;

/**
 * One unmet prerequisite of binlog rollback, found by {@link BinlogRollback#checkPrerequisites}.
 *
 * @param check what was checked, a stable name such as {@code binlog_format.session} or {@code privilege.replication_slave}
 * @param found what the server has, e.g. {@code STATEMENT}
 * @param expected what rollback needs, e.g. {@code ROW}
 * @param fix what to do about it, a sentence a DBA can act on
 */
public record PrerequisiteProblem(String check, String found, String expected, String fix) {

    public PrerequisiteProblem {
        Objects.requireNonNull(check, "'check' must not be null");
        Objects.requireNonNull(found, "'found' must not be null");
        Objects.requireNonNull(expected, "'expected' must not be null");
        Objects.requireNonNull(fix, "'fix' must not be null");
    }

    @Override
    public String toString() {
        return check + " is " + found + ", needs " + expected + ": " + fix;
    }
}
