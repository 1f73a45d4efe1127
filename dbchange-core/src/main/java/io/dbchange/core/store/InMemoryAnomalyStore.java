package io.dbchange.core.store;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.drift.Anomaly;
import io.dbchange.api.drift.AnomalyStatus;
import io.dbchange.api.drift.AnomalyStore;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.store.StoreErrorCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link AnomalyStore} in the heap of one process, for tests and single-node hosts. One monitor per call makes
 * each method atomic as the contract asks.
 *
 * <p>Thread-safe.
 */
public final class InMemoryAnomalyStore implements AnomalyStore {

    private final Object monitor = new Object();
    private final Map<String, Anomaly> byId = new HashMap<>();
    private final Map<DatabaseRef, List<String>> byDatabase = new HashMap<>();

    @Override
    public Optional<Anomaly> insertOpen(Anomaly anomaly) {
        Checks.notNull("anomaly", anomaly);
        if (anomaly.status() != AnomalyStatus.OPEN || anomaly.version() != 0) {
            throw new IllegalArgumentException("'anomaly' must be OPEN with version 0 but was " + anomaly.status()
                    + " version " + anomaly.version());
        }
        synchronized (monitor) {
            if (byId.containsKey(anomaly.id())) {
                throw new DbChangeException(
                        StoreErrorCode.DUPLICATE,
                        "anomaly '" + anomaly.id() + "' exists already; give each anomaly a new id");
            }
            if (openAnomaly(anomaly.database()).isPresent()) {
                return Optional.empty();
            }
            byId.put(anomaly.id(), anomaly);
            byDatabase
                    .computeIfAbsent(anomaly.database(), k -> new ArrayList<>())
                    .add(anomaly.id());
            return Optional.of(anomaly);
        }
    }

    @Override
    public Optional<Anomaly> openAnomaly(DatabaseRef database) {
        Checks.notNull("database", database);
        synchronized (monitor) {
            return byDatabase.getOrDefault(database, List.of()).stream()
                    .map(byId::get)
                    .filter(Anomaly::isOpen)
                    .findFirst();
        }
    }

    @Override
    public Optional<Anomaly> compareAndSet(Anomaly current, Anomaly next) {
        Checks.notNull("current", current);
        Checks.notNull("next", next);
        if (!next.id().equals(current.id()) || !next.database().equals(current.database())) {
            throw new IllegalArgumentException("'next' must have the id and database of 'current' (" + current.id()
                    + " on " + current.database() + ") but had " + next.id() + " on " + next.database());
        }
        synchronized (monitor) {
            Anomaly stored = byId.get(current.id());
            if (stored == null) {
                throw new DbChangeException(
                        StoreErrorCode.NOT_FOUND,
                        "anomaly '" + current.id() + "' does not exist; insert it with insertOpen first");
            }
            if (stored.version() != current.version() || !stored.isOpen()) {
                return Optional.empty();
            }
            Anomaly written = next.withVersion(stored.version() + 1);
            byId.put(written.id(), written);
            return Optional.of(written);
        }
    }

    @Override
    public List<Anomaly> anomalies(DatabaseRef database) {
        Checks.notNull("database", database);
        synchronized (monitor) {
            return byDatabase.getOrDefault(database, List.of()).stream()
                    .map(byId::get)
                    .sorted(Comparator.comparing(Anomaly::firstSeenAt).thenComparing(Anomaly::id))
                    .toList();
        }
    }
}
