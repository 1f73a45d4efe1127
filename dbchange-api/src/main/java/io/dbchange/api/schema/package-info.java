/**
 * The engine-neutral, normalized structural model of a database's schema: a
 * {@link io.dbchange.api.schema.SchemaSnapshot} holds {@link io.dbchange.api.schema.Schema schemas}, which hold
 * tables, views, sequences, routines, triggers, PostgreSQL enum and domain types and MySQL events.
 *
 * <p>Everything here is an immutable value that holds what a reader found and checks only its own consistency
 * (required fields, distinct names, references to columns of the same table). Reading a live database, normalizing
 * order, diffing and drift detection live in {@code dbchange-core} and the engine modules. Lists keep the order they
 * are given in. Names are compared exactly as stored (case-sensitive): readers store them as the server reports
 * them.
 *
 * <p>Optional text is an {@link java.util.Optional}; comments are {@code ""} when there is none, as both engines
 * treat an empty comment as no comment.
 */
package io.dbchange.api.schema;
