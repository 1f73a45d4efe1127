package io.dbchange.core.approval;

import io.dbchange.api.approval.Risk;
import io.dbchange.api.internal.Checks;
import java.util.List;

/**
 * The risk of a request and why: the highest risk of its tasks, so a {@code HIGH} prod task makes the whole request
 * {@code HIGH}, its test stage included.
 *
 * @param risk the request's risk
 * @param tasks each task's risk, in task order (copied, immutable)
 * @param matches every rule that matched, per task (copied, immutable); empty when the risk is the default
 *     {@code LOW}
 */
public record RiskAssessment(Risk risk, List<TaskRisk> tasks, List<RiskMatch> matches) {

    public RiskAssessment {
        Checks.notNull("risk", risk);
        tasks = Checks.copyNotEmpty("tasks", tasks);
        matches = Checks.copy("matches", matches);
    }
}
