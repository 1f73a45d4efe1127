/**
 * Implementations of {@link io.dbchange.api.store.MetadataStore}: {@link io.dbchange.core.store.InMemoryMetadataStore}
 * for one process (tests, single-node hosts that do not need state across restarts) and
 * {@link io.dbchange.core.store.JdbcMetadataStore} in the host's PostgreSQL or MySQL/MariaDB database, shared by every
 * node given the same database and table prefix. Both pass the same contract suite ({@code MetadataStoreContract} in
 * the test jar); the JDBC store's dialects, schema migrations and JSON form are in {@code internal}.
 * The drift SPIs have in-memory and JDBC implementations here as well: {@link io.dbchange.core.store.InMemoryAnomalyStore}
 * and {@link io.dbchange.core.store.JdbcAnomalyStore} ({@code AnomalyStoreContract}),
 * {@link io.dbchange.core.store.InMemorySnapshotStore} and {@link io.dbchange.core.store.JdbcSnapshotStore}
 * ({@code SnapshotStoreContract}); the JDBC ones share the metadata store's tables and migrations and are also
 * handed out by {@link io.dbchange.core.store.JdbcMetadataStore#anomalyStore()} and {@code snapshotStore()}. The
 * rollback SPI has
 * {@link io.dbchange.core.store.InMemoryRollbackStore} and {@link io.dbchange.core.store.JdbcRollbackStore}
 * ({@code RollbackStoreContract}).
 */
package io.dbchange.core.store;
