package io.dbchange.api.change;

import io.dbchange.api.history.MigrationRecord;
import io.dbchange.api.internal.Checks;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a change request is rolled out, beyond its statements and targets.
 *
 * @param version the migration version recorded in history for every task of the request; empty: a sortable
 *     timestamp of the request's creation ({@code yyyyMMddHHmmssSSS}). A version already DONE on a database is not
 *     applied there again.
 * @param rolloutAt no task of the request starts before this time; empty: as soon as the rollout rules allow
 * @param rollbackEnabled whether DATA tasks should capture what they change so they can be rolled back; a
 *     {@code TaskExecutor} that captures (binlog, prior backup) claims such tasks
 */
public record ChangeOptions(Optional<String> version, Optional<Instant> rolloutAt, boolean rollbackEnabled) {

    /** No version given, no rollout time, no rollback capture. */
    public static final ChangeOptions DEFAULTS = new ChangeOptions(Optional.empty(), Optional.empty(), false);

    private static final Pattern VERSION = Pattern.compile(MigrationRecord.VERSION_REGEX);

    public ChangeOptions {
        Checks.notNull("version", version);
        version.ifPresent(v -> {
            if (!VERSION.matcher(v).matches()) {
                throw new IllegalArgumentException("'version' must match " + MigrationRecord.VERSION_REGEX
                        + " (e.g. 42 or 2024.05.1), but was '" + v + "'");
            }
        });
        Checks.notNull("rolloutAt", rolloutAt);
    }

    public ChangeOptions withVersion(String value) {
        return new ChangeOptions(Optional.of(value), rolloutAt, rollbackEnabled);
    }

    public ChangeOptions withRolloutAt(Instant at) {
        return new ChangeOptions(version, Optional.of(at), rollbackEnabled);
    }

    public ChangeOptions withRollbackEnabled(boolean enabled) {
        return new ChangeOptions(version, rolloutAt, enabled);
    }
}
