package io.dbchange.mysql.rollback;

import io.dbchange.api.DbChangeException;
import java.util.List;

/**
 * Thrown with {@link RollbackErrorCode#ROLLBACK_CONFLICT} when a verified apply found rows that no longer hold the
 * values the change wrote; the rollback transaction was rolled back, nothing changed.
 */
public final class RollbackConflictException extends DbChangeException {

    private static final long serialVersionUID = 1L;

    /** How many conflicts are kept in {@link #conflicts()}; {@link #conflictCount()} counts them all. */
    public static final int MAX_LISTED = 1000;

    private final transient List<RollbackConflict> conflicts;
    private final long conflictCount;

    public RollbackConflictException(String message, List<RollbackConflict> conflicts, long conflictCount) {
        super(RollbackErrorCode.ROLLBACK_CONFLICT, message);
        this.conflicts = List.copyOf(conflicts);
        this.conflictCount = conflictCount;
    }

    /** The first {@value #MAX_LISTED} conflicting statements, in script order; never empty. */
    public List<RollbackConflict> conflicts() {
        return conflicts;
    }

    /** How many statements conflicted in all. */
    public long conflictCount() {
        return conflictCount;
    }
}
