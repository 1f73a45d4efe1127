package io.dbchange.core.approval;

import io.dbchange.api.internal.Checks;
import io.dbchange.api.review.Level;
import java.util.Optional;

/**
 * One statement of a task, with the estimates risk rules may ask about.
 *
 * @param sql the statement's text
 * @param affectedRows the estimated number of rows it changes ({@code affected_rows}); {@link #UNKNOWN} (-1) when
 *     it could not be estimated
 * @param tableRows the estimated number of rows of its table ({@code table_rows}); {@link #UNKNOWN} (-1) when it
 *     could not be estimated
 * @param reviewMaxLevel the highest level of its SQL review findings ({@code review_max_level}); empty for none
 * @param estimateError why an estimate is {@link #UNKNOWN} ({@code estimate_error}); {@code ""} when both are known
 */
public record SubjectStatement(
        String sql, long affectedRows, long tableRows, Optional<Level> reviewMaxLevel, String estimateError) {

    /** The value of {@code affected_rows} and {@code table_rows} when there is no estimate. */
    public static final long UNKNOWN = -1;

    public SubjectStatement {
        Checks.notNull("sql", sql);
        if (affectedRows < UNKNOWN || tableRows < UNKNOWN) {
            throw new IllegalArgumentException("'affectedRows' and 'tableRows' must be -1 (unknown) or more, got "
                    + affectedRows + " and " + tableRows);
        }
        Checks.notNull("reviewMaxLevel", reviewMaxLevel);
        Checks.notNull("estimateError", estimateError);
    }

    /** A statement with estimates and no reason for a missing one. */
    public SubjectStatement(String sql, long affectedRows, long tableRows, Optional<Level> reviewMaxLevel) {
        this(
                sql,
                affectedRows,
                tableRows,
                reviewMaxLevel,
                affectedRows == UNKNOWN || tableRows == UNKNOWN ? "not estimated" : "");
    }

    /** A statement with no estimates ({@link #UNKNOWN}) and no review findings. */
    public static SubjectStatement of(String sql) {
        return new SubjectStatement(sql, UNKNOWN, UNKNOWN, Optional.empty(), "not estimated");
    }

    /** This statement with other estimates. */
    public SubjectStatement withEstimates(long affectedRows, long tableRows, String estimateError) {
        return new SubjectStatement(sql, affectedRows, tableRows, reviewMaxLevel, estimateError);
    }
}
