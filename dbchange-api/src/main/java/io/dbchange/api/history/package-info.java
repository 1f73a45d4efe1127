/**
 * Migration history: one {@link io.dbchange.api.history.MigrationRecord} per change applied (or attempted) on a
 * database, with its version, type, statement, checksum, schema before and after, status and timings. Writing and
 * querying history lives in {@code dbchange-core}.
 */
package io.dbchange.api.history;
