package io.dbchange.core.approval;

import io.dbchange.api.internal.Checks;

/**
 * One statement of a task, with the estimates and the review risk rules may ask about.
 *
 * @param sql the statement's text
 * @param affectedRows the estimated number of rows it changes ({@code affected_rows}); {@link #UNKNOWN} (-1) when
 *     it could not be estimated
 * @param tableRows the estimated number of rows of its table ({@code table_rows}); {@link #UNKNOWN} (-1) when it
 *     could not be estimated
 * @param review what SQL review found in it ({@code review_max_level}, {@code review_rules}, {@code review_error})
 * @param estimateError why an estimate is {@link #UNKNOWN} ({@code estimate_error}); {@code ""} when both are known
 */
public record SubjectStatement(
        String sql, long affectedRows, long tableRows, StatementReview review, String estimateError) {

    /** The value of {@code affected_rows} and {@code table_rows} when there is no estimate. */
    public static final long UNKNOWN = -1;

    public SubjectStatement {
        Checks.notNull("sql", sql);
        if (affectedRows < UNKNOWN || tableRows < UNKNOWN) {
            throw new IllegalArgumentException("'affectedRows' and 'tableRows' must be -1 (unknown) or more, got "
                    + affectedRows + " and " + tableRows);
        }
        Checks.notNull("review", review);
        Checks.notNull("estimateError", estimateError);
    }

    /** A statement with estimates and no reason for a missing one. */
    public SubjectStatement(String sql, long affectedRows, long tableRows, StatementReview review) {
        this(
                sql,
                affectedRows,
                tableRows,
                review,
                affectedRows == UNKNOWN || tableRows == UNKNOWN ? "not estimated" : "");
    }

    /** A statement with no estimates ({@link #UNKNOWN}) and not reviewed ({@link StatementReview#NONE}). */
    public static SubjectStatement of(String sql) {
        return new SubjectStatement(sql, UNKNOWN, UNKNOWN, StatementReview.NONE, "not estimated");
    }

    /** This statement with other estimates. */
    public SubjectStatement withEstimates(long affectedRows, long tableRows, String estimateError) {
        return new SubjectStatement(sql, affectedRows, tableRows, review, estimateError);
    }

    /** This statement with another review. */
    public SubjectStatement withReview(StatementReview review) {
        return new SubjectStatement(sql, affectedRows, tableRows, review, estimateError);
    }
}
