package io.dbchange.core.review;

/** The type of one payload field of a rule, as in Bytebase's rule schema. */
public enum PayloadType {
    /** A string. */
    STRING,
    /** A Java regular expression; validated at load. */
    REGEX,
    /**
     * A regular expression with Bytebase placeholders ({@code {{table}}}, {@code {{column_list}}},
     * {@code {{referencing_table}}}, ...); validated at load with the placeholders replaced.
     */
    TEMPLATE,
    /** A whole number. */
    NUMBER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** A list of strings. */
    STRING_ARRAY
}
