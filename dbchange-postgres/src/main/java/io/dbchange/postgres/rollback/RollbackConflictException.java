package io.dbchange.postgres.rollback;

import io.dbchange.api.DbChangeException;
import java.util.List;

/**
 * Applying a rollback found rows that changed since the change wrote them; the rollback was rolled back as a whole,
 * so nothing was overwritten. Code {@link RollbackErrorCode#ROLLBACK_CONFLICT}.
 */
public final class RollbackConflictException extends DbChangeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConflictingRow> conflicts;

    public RollbackConflictException(String message, List<ConflictingRow> conflicts) {
        super(RollbackErrorCode.ROLLBACK_CONFLICT, message);
        this.conflicts = List.copyOf(conflicts);
    }

    /** The conflicting rows found (at most {@value PostgresRollback#MAX_LISTED_CONFLICTS} per table), never empty. */
    public List<ConflictingRow> conflicts() {
        return conflicts;
    }
}
