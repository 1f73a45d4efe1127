/**
 * Internal to PostgreSQL data rollback, not API: recognizing capturable statement shapes, the in-transaction capture
 * ({@link io.dbchange.postgres.rollback.internal.CaptureRunner}), the backup schema, the streaming script generator
 * and the verified applier with its conflict diagnosis.
 */
package io.dbchange.postgres.rollback.internal;
