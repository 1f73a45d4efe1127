/**
 * Implementations of {@link io.dbchange.api.store.MetadataStore}: {@link io.dbchange.core.store.InMemoryMetadataStore}
 * for one process (tests, single-node hosts that do not need state across restarts). The JDBC stores on PostgreSQL and
 * MySQL/MariaDB live here too and pass the same contract suite ({@code MetadataStoreContract} in the test jar). The
 * drift SPIs have in-memory implementations here as well: {@link io.dbchange.core.store.InMemoryAnomalyStore}
 * ({@code AnomalyStoreContract}) and {@link io.dbchange.core.store.InMemorySnapshotStore}.
 */
package io.dbchange.core.store;
