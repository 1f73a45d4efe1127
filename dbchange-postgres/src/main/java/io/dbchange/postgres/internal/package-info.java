/**
 * Internal to the PostgreSQL engine, not API: the server probe, PostgreSQL's transaction semantics for the shared
 * script executor, and the recognition of statements that cannot run inside a transaction block.
 */
package io.dbchange.postgres.internal;
