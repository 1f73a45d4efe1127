/**
 * Helpers the engine modules share to write schema DDL: the {@link io.dbchange.core.schema.internal.MigrationPlanner}
 * that orders the statements of a migration (and of a full dump, a migration from nothing), the
 * {@link io.dbchange.core.schema.internal.DdlSpelling} each engine implements, and the dependency order of views.
 * <b>Not API.</b>
 */
package io.dbchange.core.schema.internal;
