/**
 * JUnit 5 support: {@link io.dbchange.testing.junit.DbChangeTest} on a test class lets its test and lifecycle
 * methods receive fresh databases through parameters annotated {@link io.dbchange.testing.junit.MySqlDatabase} or
 * {@link io.dbchange.testing.junit.PostgresDatabase}, resolved by {@link io.dbchange.testing.junit.DatabaseExtension}.
 */
package io.dbchange.testing.junit;
