/**
 * Internal to the MySQL engine, not API: URL handling for Connector/J, the server probe and its
 * {@code SHOW GRANTS} reading, and MySQL's transaction semantics for the shared script executor.
 */
package io.dbchange.mysql.internal;
