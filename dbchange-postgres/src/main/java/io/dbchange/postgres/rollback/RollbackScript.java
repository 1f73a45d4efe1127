package io.dbchange.postgres.rollback;

import java.util.Objects;

/**
 * A generated rollback script, stored in chunks in the backup schema (read it with
 * {@link PostgresRollback#readScript} or {@link PostgresRollback#writeScript}).
 *
 * @param captureId the capture the script undoes
 * @param statements the number of statements
 * @param rows the number of rows the statements insert, update or delete together
 * @param sha256 hex SHA-256 over the statements and their expected counts: what an approval binds to; applying
 *     checks it again
 */
public record RollbackScript(String captureId, int statements, long rows, String sha256) {

    public RollbackScript {
        Objects.requireNonNull(captureId, "'captureId' must not be null");
        Objects.requireNonNull(sha256, "'sha256' must not be null");
    }
}
