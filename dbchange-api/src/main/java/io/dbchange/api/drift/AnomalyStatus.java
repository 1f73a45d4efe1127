package io.dbchange.api.drift;

/** Whether an {@link Anomaly} still needs attention. */
public enum AnomalyStatus {
    /** The drift was seen at the latest check and nobody resolved it yet. */
    OPEN,
    /** A baseline adopted the live schema, or the schema returned to the recorded one. */
    RESOLVED
}
