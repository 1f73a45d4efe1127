package io.dbchange.core.approval;

import io.dbchange.api.approval.ApprovalStep;
import io.dbchange.api.internal.Checks;
import java.util.List;
import java.util.Optional;

/**
 * The approval flow chosen for a request, and why.
 *
 * @param flowRuleId the flow rule that matched; empty when none did
 * @param flowId the flow it selected; empty when none
 * @param steps the steps the request must pass, in order: the flow's, plus a rollback step the rollback policy adds
 *     (copied, immutable); empty when no approval is needed
 * @param reason why, in words, e.g. {@code "flow rule 'high-ddl' matched (source DDL, risk HIGH): flow
 *     'owner-dba'"}
 */
public record FlowChoice(
        Optional<String> flowRuleId, Optional<String> flowId, List<ApprovalStep> steps, String reason) {

    public FlowChoice {
        Checks.notNull("flowRuleId", flowRuleId);
        Checks.notNull("flowId", flowId);
        steps = Checks.copy("steps", steps);
        Checks.notBlank("reason", reason);
    }

    /** Whether the request needs no approval. */
    public boolean approvalNeeded() {
        return !steps.isEmpty();
    }
}
