package io.dbchange.mysql.rollback.internal;

import io.dbchange.api.DbChangeException;
import io.dbchange.mysql.rollback.RollbackErrorCode;

/** Factories for the exceptions rollback throws, so messages keep one shape. */
final class Errors {

    private Errors() {}

    static DbChangeException unsupported(String message) {
        return new DbChangeException(RollbackErrorCode.ROLLBACK_UNSUPPORTED, message);
    }

    static DbChangeException unavailable(String message, Throwable cause) {
        return new DbChangeException(RollbackErrorCode.BINLOG_UNAVAILABLE, message, cause);
    }

    static DbChangeException io(String message, Throwable cause) {
        return new DbChangeException(RollbackErrorCode.ROLLBACK_SCRIPT_IO, message, cause);
    }

    static DbChangeException execution(String message, Throwable cause) {
        return new DbChangeException(RollbackErrorCode.ROLLBACK_EXECUTION_FAILED, message, cause);
    }
}
