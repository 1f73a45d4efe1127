package io.dbchange.core.store;

import io.dbchange.api.drift.AnomalyStore;

class InMemoryAnomalyStoreTest extends AnomalyStoreContract {

    @Override
    protected AnomalyStore newStore() {
        return new InMemoryAnomalyStore();
    }
}
