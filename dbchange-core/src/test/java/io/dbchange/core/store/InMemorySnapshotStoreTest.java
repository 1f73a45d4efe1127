package io.dbchange.core.store;

import io.dbchange.api.drift.SnapshotStore;

class InMemorySnapshotStoreTest extends SnapshotStoreContract {

    @Override
    protected SnapshotStore newStore() {
        return new InMemorySnapshotStore();
    }

    @Override
    protected SnapshotStore secondNode(SnapshotStore first) {
        return first;
    }
}
