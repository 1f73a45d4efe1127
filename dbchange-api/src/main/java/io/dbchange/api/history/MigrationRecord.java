package io.dbchange.api.history;

import io.dbchange.api.Ids;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.schema.SchemaSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One row of a database's migration history: a change applied to (or attempted on) it.
 *
 * @param database the database changed
 * @param version the change's version, {@value #VERSION_REGEX} (e.g. {@code 20250101120000}, {@code 1.2.10},
 *     {@code 0042_add_orders}); ordered by {@link #VERSION_ORDER}
 * @param type what kind of change it is
 * @param description what it does, for a person; {@code ""} for none
 * @param statement the script executed ({@code ""} for a {@link MigrationType#BASELINE})
 * @param checksum the checksum of {@code statement} (computed in {@code dbchange-core}), not blank
 * @param schemaBefore the database's schema before the change, if captured
 * @param schemaAfter the database's schema after the change, if captured
 * @param status its outcome
 * @param startedAt when it started
 * @param endedAt when it ended: present exactly when {@code status} is not {@link MigrationStatus#PENDING}, and not
 *     before {@code startedAt}
 * @param duration how long its statements ran, as measured by the runner; not negative, {@link Duration#ZERO} while
 *     {@code PENDING}
 * @param affectedRows the rows its statements affected in total, not negative (0 for DDL)
 * @param principal who made the change (the request's creator, or who ran a baseline), not blank
 * @param requestId the generated id of the change request it came from; absent for a change made outside a request
 *     (e.g. a baseline)
 * @param taskId the generated id of the task that applied it; present only together with {@code requestId}
 */
public record MigrationRecord(
        DatabaseRef database,
        String version,
        MigrationType type,
        String description,
        String statement,
        String checksum,
        Optional<SchemaSnapshot> schemaBefore,
        Optional<SchemaSnapshot> schemaAfter,
        MigrationStatus status,
        Instant startedAt,
        Optional<Instant> endedAt,
        Duration duration,
        long affectedRows,
        String principal,
        Optional<String> requestId,
        Optional<String> taskId) {

    /** The regular expression of a version: letters, digits, {@code '.'}, {@code '_'}, {@code '-'}. */
    public static final String VERSION_REGEX = "[0-9A-Za-z][0-9A-Za-z._-]{0,63}";

    /**
     * The order of versions. A version is cut at each {@code '.'} into segments, compared left to right: two
     * all-digit segments compare as numbers ({@code 9 < 10}; on a tie, {@code "01" < "1"} as text), an all-digit
     * segment comes before any other, two other segments compare as text; a version that is a prefix of another
     * comes first ({@code 1.2 < 1.2.0}). The order is total and consistent with {@link String#equals}: it is zero
     * only for equal strings.
     */
    public static final Comparator<String> VERSION_ORDER = VersionOrder.INSTANCE;

    private static final Pattern VERSION = Pattern.compile(VERSION_REGEX);

    public MigrationRecord {
        Checks.notNull("database", database);
        Checks.notNull("version", version);
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("'version' must be 1 to 64 letters, digits, '.', '_' or '-', starting"
                    + " with a letter or digit (" + VERSION_REGEX + "), but was '" + version + "'");
        }
        Checks.notNull("type", type);
        Checks.notNull("description", description);
        Checks.notNull("statement", statement);
        Checks.notBlank("checksum", checksum);
        Checks.notNull("schemaBefore", schemaBefore);
        Checks.notNull("schemaAfter", schemaAfter);
        Checks.notNull("status", status);
        Checks.notNull("startedAt", startedAt);
        Checks.notNull("endedAt", endedAt);
        if (endedAt.isPresent() == (status == MigrationStatus.PENDING)) {
            throw new IllegalArgumentException("'endedAt' is present exactly when the migration has ended, but status"
                    + " was " + status + " and endedAt " + endedAt);
        }
        if (endedAt.isPresent() && endedAt.get().isBefore(startedAt)) {
            throw new IllegalArgumentException(
                    "'endedAt' " + endedAt.get() + " must not be before 'startedAt' " + startedAt);
        }
        Checks.notNull("duration", duration);
        if (duration.isNegative()) {
            throw new IllegalArgumentException("'duration' must not be negative but was " + duration);
        }
        if (status == MigrationStatus.PENDING && !duration.isZero()) {
            throw new IllegalArgumentException("'duration' of a PENDING migration must be zero but was " + duration);
        }
        Checks.notNegative("affectedRows", affectedRows);
        Checks.notBlank("principal", principal);
        Checks.notNull("requestId", requestId);
        requestId.ifPresent(id -> Ids.requireGeneratedId("requestId", id));
        Checks.notNull("taskId", taskId);
        taskId.ifPresent(id -> Ids.requireGeneratedId("taskId", id));
        if (taskId.isPresent() && requestId.isEmpty()) {
            throw new IllegalArgumentException("'taskId' " + taskId.get() + " requires a 'requestId'");
        }
    }
}
