/**
 * How the JDBC metadata store keeps its rows: the SQL dialects of PostgreSQL and MySQL/MariaDB
 * ({@link io.dbchange.core.store.internal.StoreDialect}), the store's own versioned schema migrations
 * ({@link io.dbchange.core.store.internal.StoreMigrations}) and the JSON form of entries
 * ({@link io.dbchange.core.store.internal.StoreJson}), and the call helpers of the smaller JDBC stores
 * ({@link io.dbchange.core.store.internal.StoreCalls}). Not public API: only the JDBC stores of
 * {@code io.dbchange.core.store} use it.
 */
package io.dbchange.core.store.internal;
