/**
 * Helpers the engine modules share to write schema DDL (dependency order of views). <b>Not API.</b>
 */
package io.dbchange.core.schema.internal;
