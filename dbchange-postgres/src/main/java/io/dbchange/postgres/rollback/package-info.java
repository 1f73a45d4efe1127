/**
 * PostgreSQL data rollback: {@link io.dbchange.postgres.rollback.PostgresRollback} checks a data change up front,
 * runs it with an exact in-transaction capture of the rows it writes, generates the inverse script (stored in
 * chunks), and applies it verified: every row must still hold what the change wrote, or nothing is changed and the
 * conflicting rows are listed. Error codes are {@link io.dbchange.postgres.rollback.RollbackErrorCode}. Values are
 * never {@code null} unless documented. The pipeline's {@code Rollbacks} service uses this package through
 * {@link io.dbchange.postgres.rollback.PostgresRollbackSupport}.
 */
package io.dbchange.postgres.rollback;
