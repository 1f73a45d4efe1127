/**
 * The {@link io.dbchange.api.engine.DatabaseEngine} SPI: one implementation per database family (MySQL/MariaDB,
 * PostgreSQL), found with {@link java.util.ServiceLoader}. An engine recognises JDBC URLs, opens pooled
 * connections, probes servers, and executes scripts statement by statement with its database's transaction
 * semantics.
 */
package io.dbchange.api.engine;
