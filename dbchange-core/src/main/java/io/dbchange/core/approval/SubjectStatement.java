package io.dbchange.core.approval;

import io.dbchange.api.internal.Checks;
import io.dbchange.api.review.Level;
import java.util.Optional;

/**
 * One statement of a task, with the estimates risk rules may ask about.
 *
 * @param sql the statement's text
 * @param affectedRows the estimated number of rows it changes ({@code affected_rows}); 0 when unknown
 * @param tableRows the number of rows of its table ({@code table_rows}); 0 when unknown
 * @param reviewMaxLevel the highest level of its SQL review findings ({@code review_max_level}); empty for none
 */
public record SubjectStatement(String sql, long affectedRows, long tableRows, Optional<Level> reviewMaxLevel) {

    public SubjectStatement {
        Checks.notNull("sql", sql);
        Checks.notNegative("affectedRows", affectedRows);
        Checks.notNegative("tableRows", tableRows);
        Checks.notNull("reviewMaxLevel", reviewMaxLevel);
    }

    /** A statement with no estimates and no review findings. */
    public static SubjectStatement of(String sql) {
        return new SubjectStatement(sql, 0, 0, Optional.empty());
    }
}
