/**
 * Internal: JDBC support shared by the engine modules, not API (it may change in any release). It owns the
 * statement-by-statement script executor and its report of which statements took effect
 * ({@link io.dbchange.core.engine.internal.JdbcScriptExecutor}, with the engine-specific
 * {@link io.dbchange.core.engine.internal.TransactionSemantics}), the HikariCP-backed pool
 * ({@link io.dbchange.core.engine.internal.HikariConnectionPool}), and a keyword lexer for classifying statements
 * ({@link io.dbchange.core.engine.internal.SqlWords}).
 */
package io.dbchange.core.engine.internal;
