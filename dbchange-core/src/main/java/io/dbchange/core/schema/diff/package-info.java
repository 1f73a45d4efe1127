/**
 * Structural diff of two {@link io.dbchange.api.schema.SchemaSnapshot schema snapshots}:
 * {@link io.dbchange.core.schema.diff.SchemaDiff#between SchemaDiff.between(before, after)} lists every object added,
 * removed or changed as a {@link io.dbchange.core.schema.diff.SchemaChange} (its {@link
 * io.dbchange.core.schema.diff.ObjectPath path}, the model values before and after, and which attributes differ) and
 * writes a readable report. The DDL that turns one schema into the other is each engine's
 * ({@code DatabaseEngine.migrationDdl}), planned from this diff.
 *
 * <p>Objects are matched by name (and, for routines, kind and signature): a renamed object is one removed and one
 * added, never a rename.
 */
package io.dbchange.core.schema.diff;
