/**
 * Drift detection and baselines: {@link io.dbchange.core.drift.DriftDetector} compares a database's live schema with
 * the last recorded one (history through the {@code MetadataStore}, or a {@code SnapshotStore} before history exists),
 * keeps one anomaly per drift in an {@code AnomalyStore} and tells listeners; {@code baseline} adopts the live schema
 * as a BASELINE history record. {@link io.dbchange.core.drift.DriftScheduler} runs the checks periodically. Values
 * and SPIs are in {@code io.dbchange.api.drift}.
 */
package io.dbchange.core.drift;
