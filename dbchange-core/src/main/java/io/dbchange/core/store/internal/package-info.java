/**
 * How the JDBC metadata store keeps its rows: the SQL dialects of PostgreSQL and MySQL/MariaDB
 * ({@link io.dbchange.core.store.internal.StoreDialect}), the store's own versioned schema migrations
 * ({@link io.dbchange.core.store.internal.StoreMigrations}) and the JSON form of entries
 * ({@link io.dbchange.core.store.internal.StoreJson}). Not public API: only
 * {@link io.dbchange.core.store.JdbcMetadataStore} uses it.
 */
package io.dbchange.core.store.internal;
