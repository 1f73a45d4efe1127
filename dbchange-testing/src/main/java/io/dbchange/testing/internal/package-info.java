/**
 * Implementation of {@code dbchange-testing}: the embedded MariaDB and PostgreSQL launchers, external and
 * Testcontainers servers, per-JVM server directories, database creation and dropping. Not an API: types here may
 * change in any release; use {@link io.dbchange.testing.TestServers} instead.
 */
package io.dbchange.testing.internal;
