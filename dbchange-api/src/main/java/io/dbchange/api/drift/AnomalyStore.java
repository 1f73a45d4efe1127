package io.dbchange.api.drift;

import io.dbchange.api.project.DatabaseRef;
import java.util.List;
import java.util.Optional;

/**
 * Keeps {@link Anomaly anomalies}. Kept apart from {@code MetadataStore} so that a store implementation adds it
 * without touching the rest: a JDBC implementation needs one table ({@code id}, {@code version}, {@code database},
 * {@code status}, the timestamps and texts) with a unique index on the database of OPEN rows.
 *
 * <p><b>Contract</b> (proven by {@code AnomalyStoreContract} in dbchange-core's test jar): a database has at most one
 * OPEN anomaly; {@link #compareAndSet} succeeds only while the stored version equals {@code current.version()} and
 * then stores {@code next} with version + 1; methods are atomic each and thread-safe; entries are values.
 */
public interface AnomalyStore {

    /**
     * Stores a new OPEN anomaly (version 0) unless its database has an OPEN one already.
     *
     * @return the stored anomaly, or empty when the database already has an OPEN anomaly (nothing changes)
     * @throws io.dbchange.api.DbChangeException {@code DUPLICATE} of {@code StoreErrorCode} if the id exists
     */
    Optional<Anomaly> insertOpen(Anomaly anomaly);

    /** The OPEN anomaly of a database, if any. */
    Optional<Anomaly> openAnomaly(DatabaseRef database);

    /**
     * Replaces {@code current} with {@code next} (same id and database) if the stored version is still
     * {@code current.version()}; returns {@code next} with the version incremented, or empty when another writer came
     * first. A RESOLVED anomaly is never changed again: returns empty then.
     */
    Optional<Anomaly> compareAndSet(Anomaly current, Anomaly next);

    /** Every anomaly of a database, oldest first (by first seen, then id). */
    List<Anomaly> anomalies(DatabaseRef database);
}
