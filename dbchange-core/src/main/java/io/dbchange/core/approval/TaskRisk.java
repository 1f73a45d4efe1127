package io.dbchange.core.approval;

import io.dbchange.api.approval.Risk;
import io.dbchange.api.internal.Checks;
import java.util.List;

/**
 * The risk of one task: the highest level of the rules that matched any of its statements, {@code LOW} if none did;
 * and the SQL review it was assessed with, so that a person sees which findings the approval was based on and the
 * pre-run review can tell when it finds more.
 *
 * @param taskId the task
 * @param environmentId its environment
 * @param databaseName its database
 * @param risk its risk
 * @param reviewMaxLevel the highest {@code review_max_level} of its statements: {@code "ERROR"}, {@code "WARNING"},
 *     {@code ""} (reviewed, no finding), {@value StatementReview#UNKNOWN} (could not be reviewed) or
 *     {@value StatementReview#NOT_REVIEWED} (no policy, no statements); {@code NONE} when read from a process stored
 *     before review at approval time existed
 * @param reviewFindings the findings that set it ({@code Finding.toString()}: level, rule, position, message), at
 *     most {@value #SHOWN_FINDINGS} and a last line saying how many more; for {@code UNKNOWN} the reason (copied,
 *     immutable)
 */
public record TaskRisk(
        String taskId,
        String environmentId,
        String databaseName,
        Risk risk,
        String reviewMaxLevel,
        List<String> reviewFindings) {

    /** How many findings a task's record shows. */
    public static final int SHOWN_FINDINGS = 10;

    public TaskRisk {
        Checks.notBlank("taskId", taskId);
        Checks.notBlank("environmentId", environmentId);
        Checks.notBlank("databaseName", databaseName);
        Checks.notNull("risk", risk);
        // absent in the JSON of a process stored before the review was part of the risk record
        reviewMaxLevel = reviewMaxLevel == null ? StatementReview.NOT_REVIEWED : reviewMaxLevel;
        reviewFindings = reviewFindings == null ? List.of() : Checks.copy("reviewFindings", reviewFindings);
    }

    /** A task's risk without a review record ({@code NONE}). */
    public TaskRisk(String taskId, String environmentId, String databaseName, Risk risk) {
        this(taskId, environmentId, databaseName, risk, StatementReview.NOT_REVIEWED, List.of());
    }
}
