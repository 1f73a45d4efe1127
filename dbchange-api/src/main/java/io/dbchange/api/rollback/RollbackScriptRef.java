package io.dbchange.api.rollback;

import io.dbchange.api.internal.Checks;
import io.dbchange.api.project.DatabaseRef;
import java.time.Instant;

/**
 * A generated rollback script, by reference: the statements stay in the engine's own storage (MySQL gzip'd chunk
 * files, PostgreSQL the {@code dbchange_rollback} schema), never in one string.
 *
 * @param requestId the ROLLBACK change request that carries the script
 * @param sourceTaskId the task whose change the script undoes
 * @param database the database it runs on
 * @param script the engine's reference to the script; opaque to everything but its {@link RollbackSupport}
 * @param sha256 the script's SHA-256 (hex); it is part of the request's text, so approval binds to it
 * @param statements how many statements the script has
 * @param generatedAt when it was generated
 */
public record RollbackScriptRef(
        String requestId,
        String sourceTaskId,
        DatabaseRef database,
        String script,
        String sha256,
        long statements,
        Instant generatedAt) {

    public RollbackScriptRef {
        Checks.notBlank("requestId", requestId);
        Checks.notBlank("sourceTaskId", sourceTaskId);
        Checks.notNull("database", database);
        Checks.notBlank("script", script);
        Checks.notBlank("sha256", sha256);
        Checks.notNull("generatedAt", generatedAt);
    }
}
