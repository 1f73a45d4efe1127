/**
 * Finding database engines: {@link io.dbchange.core.engine.DatabaseEngines} looks up the
 * {@link io.dbchange.api.engine.DatabaseEngine} implementations on the class path by JDBC URL or name.
 *
 * <p>The shared JDBC machinery the engines are built from (the statement-by-statement executor, the HikariCP pool)
 * lives in {@code io.dbchange.core.engine.internal}, which is not API.
 */
package io.dbchange.core.engine;
