/**
 * Implementation of {@link io.dbchange.mysql.rollback.BinlogRollback}: prerequisite checks, capture of a change's
 * transaction, the binlog reader with exact value decoding, inversion into chunked SQL, and the verified apply. Not
 * an API: types here change without notice.
 */
package io.dbchange.mysql.rollback.internal;
