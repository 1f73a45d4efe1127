/**
 * Internal to the MySQL engine, not API: URL handling for Connector/J, the server probe and its
 * {@code SHOW GRANTS} reading, MySQL's transaction semantics for the shared script executor, the schema reader
 * ({@code information_schema}) and the canonical DDL writer.
 */
package io.dbchange.mysql.internal;
