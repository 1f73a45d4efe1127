package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;

/**
 * A sequence (PostgreSQL, MariaDB).
 *
 * @param name the sequence's name, not empty
 * @param dataType its value type, e.g. {@code bigint}; not blank
 * @param start its start value, between {@code minValue} and {@code maxValue}
 * @param increment its step, not zero (negative for a descending sequence)
 * @param minValue its smallest value
 * @param maxValue its largest value, not less than {@code minValue}
 * @param cycle whether it wraps around after reaching its limit
 */
public record Sequence(
        String name, String dataType, long start, long increment, long minValue, long maxValue, boolean cycle) {

    public Sequence {
        Checks.notEmpty("name", name);
        Checks.notBlank("dataType", dataType);
        if (increment == 0) {
            throw new IllegalArgumentException("sequence '" + name + "' must have a non-zero 'increment'");
        }
        if (minValue > maxValue) {
            throw new IllegalArgumentException(
                    "sequence '" + name + "' has 'minValue' " + minValue + " greater than 'maxValue' " + maxValue);
        }
        if (start < minValue || start > maxValue) {
            throw new IllegalArgumentException(
                    "sequence '" + name + "' has 'start' " + start + " outside [" + minValue + ", " + maxValue + "]");
        }
    }
}
