package io.dbchange.postgres.rollback;

import java.util.Objects;

/**
 * A generated rollback script: a few set-based statements per table, stored in the backup schema with the capture whose
 * backup tables they read (read them with {@link PostgresRollback#readScript} or {@link PostgresRollback#writeScript}).
 *
 * @param captureId the capture the script undoes
 * @param statements the number of statements
 * @param rows the number of rows the statements insert, update or delete together
 * @param sha256 hex SHA-256 over the statements, their expected counts and the content of the backup tables they
 *     read: what an approval binds to; applying checks it again
 */
public record RollbackScript(String captureId, int statements, long rows, String sha256) {

    public RollbackScript {
        Objects.requireNonNull(captureId, "'captureId' must not be null");
        Objects.requireNonNull(sha256, "'sha256' must not be null");
    }
}
