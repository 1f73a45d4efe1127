/**
 * Schema drift: the live schema of a database differs from the last schema dbchange recorded for it (the schema
 * after its latest applied migration or baseline, or, before any history exists, the snapshot taken at its first
 * check). A drift found raises an {@link io.dbchange.api.drift.Anomaly}, kept by an
 * {@link io.dbchange.api.drift.AnomalyStore}; it resolves when a BASELINE adopts the live schema or the schema returns
 * to the recorded one. {@link io.dbchange.api.drift.DriftEvent}s tell a {@link io.dbchange.api.drift.DriftListener}
 * about it. The snapshots of databases without history live in a {@link io.dbchange.api.drift.SnapshotStore}.
 *
 * <p>Checking and baselining live in {@code io.dbchange.core.drift}; these are the values and the SPIs a store
 * implements.
 */
package io.dbchange.api.drift;
