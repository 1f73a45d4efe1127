package io.dbchange.core.approval;

import io.dbchange.api.approval.Risk;
import io.dbchange.api.internal.Checks;

/**
 * The risk of one task: the highest level of the rules that matched any of its statements, {@code LOW} if none did.
 *
 * @param taskId the task
 * @param environmentId its environment
 * @param databaseName its database
 * @param risk its risk
 */
public record TaskRisk(String taskId, String environmentId, String databaseName, Risk risk) {

    public TaskRisk {
        Checks.notBlank("taskId", taskId);
        Checks.notBlank("environmentId", environmentId);
        Checks.notBlank("databaseName", databaseName);
        Checks.notNull("risk", risk);
    }
}
