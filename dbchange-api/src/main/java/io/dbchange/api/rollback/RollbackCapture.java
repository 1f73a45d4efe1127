package io.dbchange.api.rollback;

import io.dbchange.api.internal.Checks;
import io.dbchange.api.project.DatabaseRef;
import java.time.Instant;

/**
 * What identifies the captured change of one task, as its engine wrote it: MySQL/MariaDB the binary log range, GTID
 * or thread id and the schema snapshot; PostgreSQL the capture id in the database's {@code dbchange_rollback}
 * schema.
 *
 * @param taskId the task whose execution was captured
 * @param requestId the task's request
 * @param database the database the change ran on
 * @param capture the engine's serialized capture; opaque to everything but its {@link RollbackSupport}
 * @param rows the rows the change wrote, as the capture counted them
 * @param capturedAt when the change committed
 */
public record RollbackCapture(
        String taskId, String requestId, DatabaseRef database, String capture, long rows, Instant capturedAt) {

    public RollbackCapture {
        Checks.notBlank("taskId", taskId);
        Checks.notBlank("requestId", requestId);
        Checks.notNull("database", database);
        Checks.notBlank("capture", capture);
        Checks.notNull("capturedAt", capturedAt);
    }
}
