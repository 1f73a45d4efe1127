/**
 * The runtime state of dbchange and the SPI that keeps it: {@link io.dbchange.api.store.MetadataStore}. Requests,
 * tasks, task runs, check results, database locks, history and the audit log live there, so several nodes of a host
 * service coordinate through it (leases and locks with an owner and an expiry, compare-and-set transitions) and a
 * crash leaves a visible record.
 *
 * <p>The rows are {@link io.dbchange.api.store.RequestEntry}, {@link io.dbchange.api.store.TaskEntry},
 * {@link io.dbchange.api.store.HistoryEntry} and {@link io.dbchange.api.store.AuditEntry}; each entry that can be
 * changed concurrently carries a {@code version} for compare-and-set.
 */
package io.dbchange.api.store;
