/**
 * Database servers for tests: {@link io.dbchange.testing.TestServers} gives each JVM one MySQL-family and one
 * PostgreSQL server (embedded by default, external or Testcontainers by choice), and each test its own fresh
 * {@link io.dbchange.testing.TestDatabase}. JUnit 5 support is in {@code io.dbchange.testing.junit}.
 *
 * <p>Nothing here returns {@code null} unless its javadoc says so.
 */
package io.dbchange.testing;
