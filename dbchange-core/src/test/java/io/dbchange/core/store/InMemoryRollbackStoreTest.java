package io.dbchange.core.store;

import io.dbchange.api.rollback.RollbackStore;

class InMemoryRollbackStoreTest extends RollbackStoreContract {

    private final InMemoryRollbackStore store = new InMemoryRollbackStore();

    @Override
    protected RollbackStore store() {
        return store;
    }

    @Override
    protected RollbackStore reopened() {
        return store;
    }
}
