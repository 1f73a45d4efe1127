/**
 * Argument checks shared by the records of {@code dbchange-api}. <b>Not API:</b> other dbchange modules may use it,
 * hosts must not; it changes without notice.
 */
package io.dbchange.api.internal;
