package io.dbchange.api.drift;

/** How an {@link Anomaly} was resolved. */
public enum Resolution {
    /** A person recorded the live schema as the new reference (a BASELINE history entry). */
    BASELINE,
    /** A later check found the live schema equal to the recorded one again. */
    SCHEMA_RESTORED
}
