package io.dbchange.postgres.rollback;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A committed change together with the exact before- and after-images of the rows it wrote, kept in the backup
 * schema until {@code expiresAt}.
 *
 * @param id the capture's id, the handle for {@link PostgresRollback#generate} and {@link PostgresRollback#apply}
 * @param rollbackOf when this change was itself a rollback: the capture it rolled back
 * @param statements the number of statements that ran
 * @param rowsChanged the rows the statements reported as inserted, updated or deleted
 * @param tables what was captured per table, in first-use order
 * @param uncovered writes the rollback will not undo, accepted by consent (e.g. {@code public.audit: 3 inserted by
 *     a trigger or cascade}), each with the consent's reason; empty without consent
 * @param createdAt when the change committed (server clock)
 * @param expiresAt when {@link PostgresRollback#purgeExpired} may remove the capture
 */
public record CapturedChange(
        String id,
        Optional<String> rollbackOf,
        int statements,
        long rowsChanged,
        List<CapturedTable> tables,
        List<String> uncovered,
        Instant createdAt,
        Instant expiresAt) {

    public CapturedChange {
        Objects.requireNonNull(id, "'id' must not be null");
        Objects.requireNonNull(rollbackOf, "'rollbackOf' must not be null");
        tables = List.copyOf(tables);
        uncovered = List.copyOf(uncovered);
        Objects.requireNonNull(createdAt, "'createdAt' must not be null");
        Objects.requireNonNull(expiresAt, "'expiresAt' must not be null");
    }
}
