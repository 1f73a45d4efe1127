/**
 * Engine-neutral handling of {@link io.dbchange.api.schema.SchemaSnapshot schema snapshots}: the normalization every
 * reader applies last ({@link io.dbchange.core.schema.SchemaNormalizer}: ignore rules, objects sorted by name) and
 * the deterministic JSON form snapshots are stored in ({@link io.dbchange.core.schema.SchemaJson}). The structural
 * diff of two snapshots is in {@link io.dbchange.core.schema.diff}. Reading a live database and spelling DDL belong to
 * each engine ({@code DatabaseEngine.readSchema} / {@code dumpSchema} / {@code migrationDdl}); the order of the DDL
 * steps, shared by both engines, is planned in {@code internal}.
 */
package io.dbchange.core.schema;
