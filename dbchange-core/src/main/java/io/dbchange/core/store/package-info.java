/**
 * Implementations of {@link io.dbchange.api.store.MetadataStore}: {@link io.dbchange.core.store.InMemoryMetadataStore}
 * for one process (tests, single-node hosts that do not need state across restarts). The JDBC stores on PostgreSQL and
 * MySQL/MariaDB live here too and pass the same contract suite ({@code MetadataStoreContract} in the test jar).
 */
package io.dbchange.core.store;
