package io.dbchange.core.drift;

import io.dbchange.api.drift.Anomaly;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.core.schema.diff.SchemaChange;
import io.dbchange.core.schema.diff.SchemaDiff;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A drift found by a check: how the live schema differs from the recorded one, and the DDL that brings it back.
 *
 * @param database the database
 * @param checkedAt when the live schema was read
 * @param reference what the live schema was compared with: {@code history:<id>} or {@code snapshot}
 * @param diff the differences from the recorded schema ({@code before}) to the live one ({@code after}): a column
 *     added out of band is an ADDED change; never empty
 * @param restoreDdl the DDL, in the database's dialect, that turns the live schema back into the recorded one
 * @param anomaly the anomaly as stored after this check (new, updated or seen again), OPEN
 */
public record DriftReport(
        DatabaseRef database,
        Instant checkedAt,
        String reference,
        SchemaDiff diff,
        String restoreDdl,
        Anomaly anomaly) {

    public DriftReport {
        Objects.requireNonNull(database, "'database' must not be null");
        Objects.requireNonNull(checkedAt, "'checkedAt' must not be null");
        Objects.requireNonNull(reference, "'reference' must not be null");
        Objects.requireNonNull(diff, "'diff' must not be null");
        Objects.requireNonNull(restoreDdl, "'restoreDdl' must not be null");
        Objects.requireNonNull(anomaly, "'anomaly' must not be null");
        if (diff.isEmpty()) {
            throw new IllegalArgumentException("a drift report of " + database + " needs differences");
        }
    }

    /** The differences, from recorded to live. */
    public List<SchemaChange> changes() {
        return diff.changes();
    }

    /** The readable report of the differences followed by the DDL that restores the recorded schema. */
    @Override
    public String toString() {
        return "drift on " + database + " (compared with " + reference + ", anomaly " + anomaly.id() + "):\n"
                + diff.report() + "to restore the recorded schema:\n" + restoreDdl;
    }
}
