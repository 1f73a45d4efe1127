/**
 * Splitting SQL scripts into statements with exact source positions, for MySQL/MariaDB and PostgreSQL.
 *
 * <p>{@link io.dbchange.core.sql.StatementSplitter} is the entry point: it cuts a script into
 * {@link io.dbchange.core.sql.ScriptPiece pieces} (statements, delimiters, client {@code DELIMITER} commands and the
 * white space and comments between them) that concatenate back to the script exactly, and reports
 * {@link io.dbchange.core.sql.SplitProblem problems} such as an unterminated string instead of throwing. The scanners
 * themselves live in {@code io.dbchange.core.sql.internal}.
 */
package io.dbchange.core.sql;
