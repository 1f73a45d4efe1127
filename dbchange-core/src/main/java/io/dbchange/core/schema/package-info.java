/**
 * Engine-neutral handling of {@link io.dbchange.api.schema.SchemaSnapshot schema snapshots}: the normalization every
 * reader applies last ({@link io.dbchange.core.schema.SchemaNormalizer}: ignore rules, objects sorted by name) and
 * the deterministic JSON form snapshots are stored in ({@link io.dbchange.core.schema.SchemaJson}). Reading a live
 * database and writing DDL belong to each engine ({@code DatabaseEngine.readSchema} / {@code dumpSchema}).
 */
package io.dbchange.core.schema;
