/**
 * SQL text as dbchange sees it: the dialects it understands, and statements cut from a script with exact source
 * positions. Splitting itself lives in {@code io.dbchange.core.sql}.
 */
package io.dbchange.api.sql;
