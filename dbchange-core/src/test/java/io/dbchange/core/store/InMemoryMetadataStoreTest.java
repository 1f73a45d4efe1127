package io.dbchange.core.store;

import io.dbchange.api.store.MetadataStore;

class InMemoryMetadataStoreTest extends MetadataStoreContract {

    @Override
    protected MetadataStore newStore() {
        return new InMemoryMetadataStore();
    }
}
