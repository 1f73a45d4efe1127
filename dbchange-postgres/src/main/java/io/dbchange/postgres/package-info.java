/**
 * The PostgreSQL engine: {@link io.dbchange.postgres.PostgresEngine}, registered for
 * {@link java.util.ServiceLoader}. Implementation details are in {@code io.dbchange.postgres.internal}.
 */
package io.dbchange.postgres;
