package io.dbchange.api.drift;

import io.dbchange.api.Ids;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.project.DatabaseRef;
import java.time.Instant;
import java.util.Optional;

/**
 * A schema drift on one database, as stored: when it was first and last seen, what differed at the latest check, and
 * how it ended. A database has at most one {@link AnomalyStatus#OPEN} anomaly; a drift that changes while open
 * updates it (same id), a drift found after the previous one was resolved is a new anomaly.
 *
 * @param id generated id ({@link Ids#GENERATED_ID_REGEX})
 * @param version compare-and-set version, 0 when first stored (see {@link AnomalyStore})
 * @param database the database that drifted
 * @param status open or resolved
 * @param firstSeenAt the check that found it
 * @param lastSeenAt the latest check that still found it (the resolving one for a resolved anomaly found again
 *     equal); never before {@code firstSeenAt}
 * @param resolvedAt present exactly when {@code status} is {@link AnomalyStatus#RESOLVED}
 * @param resolution present exactly when {@code status} is {@link AnomalyStatus#RESOLVED}
 * @param reference what the live schema was compared with: {@code history:<id>} for a migration or baseline record,
 *     {@code snapshot} for the snapshot store
 * @param fingerprint identifies the differences of the latest check (equal fingerprints, equal drift)
 * @param changeCount how many differences the latest check found, at least 1
 * @param report the readable list of differences of the latest check ({@code + column t1.age}, ...)
 * @param restoreDdl the DDL that brings the live schema back to the recorded one, as of the latest check
 */
public record Anomaly(
        String id,
        long version,
        DatabaseRef database,
        AnomalyStatus status,
        Instant firstSeenAt,
        Instant lastSeenAt,
        Optional<Instant> resolvedAt,
        Optional<Resolution> resolution,
        String reference,
        String fingerprint,
        int changeCount,
        String report,
        String restoreDdl) {

    public Anomaly {
        Ids.requireGeneratedId("id", id);
        Checks.notNegative("version", version);
        Checks.notNull("database", database);
        Checks.notNull("status", status);
        Checks.notNull("firstSeenAt", firstSeenAt);
        Checks.notNull("lastSeenAt", lastSeenAt);
        if (lastSeenAt.isBefore(firstSeenAt)) {
            throw new IllegalArgumentException(
                    "'lastSeenAt' " + lastSeenAt + " must not be before 'firstSeenAt' " + firstSeenAt);
        }
        Checks.notNull("resolvedAt", resolvedAt);
        Checks.notNull("resolution", resolution);
        boolean resolved = status == AnomalyStatus.RESOLVED;
        if (resolvedAt.isPresent() != resolved || resolution.isPresent() != resolved) {
            throw new IllegalArgumentException("'resolvedAt' and 'resolution' are present exactly when the anomaly is"
                    + " RESOLVED, but status was " + status + ", resolvedAt " + resolvedAt + " and resolution "
                    + resolution);
        }
        Checks.notBlank("reference", reference);
        Checks.notBlank("fingerprint", fingerprint);
        Checks.positive("changeCount", changeCount);
        Checks.notBlank("report", report);
        Checks.notNull("restoreDdl", restoreDdl);
    }

    /** A new OPEN anomaly, version 0, first and last seen at {@code seenAt}. */
    public static Anomaly open(
            String id,
            DatabaseRef database,
            Instant seenAt,
            String reference,
            String fingerprint,
            int changeCount,
            String report,
            String restoreDdl) {
        return new Anomaly(
                id,
                0,
                database,
                AnomalyStatus.OPEN,
                seenAt,
                seenAt,
                Optional.empty(),
                Optional.empty(),
                reference,
                fingerprint,
                changeCount,
                report,
                restoreDdl);
    }

    /** This anomaly seen again at {@code seenAt}, with the differences of that check (same id and version). */
    public Anomaly seenAgain(
            Instant seenAt,
            String newReference,
            String newFingerprint,
            int newChangeCount,
            String newReport,
            String newRestoreDdl) {
        return new Anomaly(
                id,
                version,
                database,
                status,
                firstSeenAt,
                seenAt.isBefore(lastSeenAt) ? lastSeenAt : seenAt,
                resolvedAt,
                resolution,
                newReference,
                newFingerprint,
                newChangeCount,
                newReport,
                newRestoreDdl);
    }

    /** The same anomaly with the version the store assigned; for store implementations. */
    public Anomaly withVersion(long next) {
        return new Anomaly(
                id,
                next,
                database,
                status,
                firstSeenAt,
                lastSeenAt,
                resolvedAt,
                resolution,
                reference,
                fingerprint,
                changeCount,
                report,
                restoreDdl);
    }

    /** This anomaly resolved at {@code at} (same id and version). */
    public Anomaly resolve(Instant at, Resolution how) {
        Checks.notNull("at", at);
        Checks.notNull("how", how);
        return new Anomaly(
                id,
                version,
                database,
                AnomalyStatus.RESOLVED,
                firstSeenAt,
                lastSeenAt,
                Optional.of(at),
                Optional.of(how),
                reference,
                fingerprint,
                changeCount,
                report,
                restoreDdl);
    }

    /** Whether it is still open. */
    public boolean isOpen() {
        return status == AnomalyStatus.OPEN;
    }
}
