/**
 * Internal to the PostgreSQL engine, not API: the server probe, PostgreSQL's transaction semantics for the shared
 * script executor, the recognition of statements that cannot run inside a transaction block, the schema reader
 * ({@code pg_catalog}) and the canonical DDL writer.
 */
package io.dbchange.postgres.internal;
