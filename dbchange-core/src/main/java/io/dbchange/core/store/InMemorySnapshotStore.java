package io.dbchange.core.store;

import io.dbchange.api.drift.SnapshotStore;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.schema.SchemaSnapshot;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SnapshotStore} in the heap of one process, for tests and single-node hosts.
 *
 * <p>Thread-safe.
 */
public final class InMemorySnapshotStore implements SnapshotStore {

    private final Map<DatabaseRef, SchemaSnapshot> snapshots = new ConcurrentHashMap<>();

    @Override
    public void save(DatabaseRef database, SchemaSnapshot snapshot) {
        snapshots.put(Checks.notNull("database", database), Checks.notNull("snapshot", snapshot));
    }

    @Override
    public Optional<SchemaSnapshot> latest(DatabaseRef database) {
        return Optional.ofNullable(snapshots.get(Checks.notNull("database", database)));
    }
}
