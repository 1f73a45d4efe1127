/**
 * The root of dbchange's public API: the exception hierarchy ({@link io.dbchange.api.DbChangeException} with a
 * stable {@link io.dbchange.api.ErrorCode}) shared by every module.
 *
 * <p>This module has no third-party runtime dependency; every type is a record, an enum, a sealed interface or a
 * service interface. Nothing here is {@code null}-returning unless its javadoc says so.
 */
package io.dbchange.api;
