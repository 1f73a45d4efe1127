/**
 * Data rollback for MySQL and MariaDB from the binary log: {@link io.dbchange.mysql.rollback.BinlogRollback} checks
 * the server's prerequisites, runs a data change in one transaction while recording what identifies that
 * transaction in the binary log ({@link io.dbchange.mysql.rollback.CapturedChange}), generates the SQL that undoes
 * exactly that transaction as a chunked, compressed {@link io.dbchange.mysql.rollback.RollbackScript}, and applies it
 * verified: every inverse statement must find the row still holding the values the change wrote, or the whole
 * rollback is rolled back and fails with {@link io.dbchange.mysql.rollback.RollbackErrorCode#ROLLBACK_CONFLICT}.
 *
 * <p>This package owns the capture, generation and verified apply of data rollbacks on MySQL/MariaDB; the change
 * request of type ROLLBACK that carries a script through approval and the pipeline belongs to the pipeline. The
 * implementation lives in {@code io.dbchange.mysql.rollback.internal}.
 */
package io.dbchange.mysql.rollback;
