package io.dbchange.postgres.rollback;

import java.util.Objects;
import java.util.Optional;

/**
 * How a change is captured.
 *
 * @param coverOnlyNamedTables the user's consent, with their reason, that the rollback covers only the tables the
 *     statements name: triggers and cascading foreign keys of those tables may then write to other tables, and those
 *     writes are listed in the capture but not undone. Empty (the default) refuses such changes up front, and
 *     aborts a change that writes to any other table.
 */
public record CaptureOptions(Optional<String> coverOnlyNamedTables) {

    /** No consent: changes whose effects reach beyond their named tables are refused. */
    public static final CaptureOptions DEFAULTS = new CaptureOptions(Optional.empty());

    public CaptureOptions {
        Objects.requireNonNull(coverOnlyNamedTables, "'coverOnlyNamedTables' must not be null");
        coverOnlyNamedTables.ifPresent(reason -> {
            if (reason.isBlank()) {
                throw new IllegalArgumentException("'coverOnlyNamedTables' reason must not be blank");
            }
        });
    }

    /** Consents that the rollback covers only the named tables; the reason is recorded with the capture. */
    public CaptureOptions withCoverOnlyNamedTables(String reason) {
        return new CaptureOptions(Optional.of(Objects.requireNonNull(reason, "'reason' must not be null")));
    }
}
