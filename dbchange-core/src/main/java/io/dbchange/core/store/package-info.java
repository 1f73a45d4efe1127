/**
 * Implementations of {@link io.dbchange.api.store.MetadataStore}: {@link io.dbchange.core.store.InMemoryMetadataStore}
 * for one process (tests, single-node hosts that do not need state across restarts) and
 * {@link io.dbchange.core.store.JdbcMetadataStore} in the host's PostgreSQL or MySQL/MariaDB database, shared by every
 * node given the same database and table prefix. Both pass the same contract suite ({@code MetadataStoreContract} in
 * the test jar); the JDBC store's dialects, schema migrations and JSON form are in {@code internal}.
 * The drift SPIs have in-memory implementations here as well: {@link io.dbchange.core.store.InMemoryAnomalyStore}
 * ({@code AnomalyStoreContract}) and {@link io.dbchange.core.store.InMemorySnapshotStore}.
 */
package io.dbchange.core.store;
