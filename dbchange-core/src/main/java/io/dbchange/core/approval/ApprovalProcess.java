package io.dbchange.core.approval;

import io.dbchange.api.Ids;
import io.dbchange.api.approval.ApprovalStep;
import io.dbchange.api.internal.Checks;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The approval state of one change request: immutable, and changed only by the {@link ApprovalEngine}, which returns
 * a new one for each decision. A store keeps it as JSON ({@link ApprovalJson}) and should replace it by
 * compare-and-set on {@link #audit()}'s size, so two concurrent decisions cannot both count.
 *
 * @param requestId the change request
 * @param projectId its project
 * @param creator who created it; never decides on it
 * @param source where the change comes from
 * @param revision the revision decisions are taken on now
 * @param contentHash that revision's content hash; approvals count only for it
 * @param status where the process stands
 * @param risk the risk of the current revision, with the matching rules
 * @param flow the flow chosen for the current revision, with the reason
 * @param approvals the approvals counted for the current revision, in the order they came (copied, immutable)
 * @param callbackTokenHash the SHA-256 (hex) of the one-time token the current external step waits for; empty when
 *     the current step takes no callback. The token itself is never stored.
 * @param rejectedContentHash the content hash that was rejected; a re-request needs different content. Empty when
 *     never rejected.
 * @param audit every decision, oldest first (copied, immutable)
 */
public record ApprovalProcess(
        String requestId,
        String projectId,
        String creator,
        ChangeSource source,
        int revision,
        String contentHash,
        ApprovalStatus status,
        RiskAssessment risk,
        FlowChoice flow,
        List<StepApproval> approvals,
        Optional<String> callbackTokenHash,
        Optional<String> rejectedContentHash,
        List<AuditEntry> audit) {

    public ApprovalProcess {
        Ids.requireGeneratedId("requestId", requestId);
        Ids.requireDefinedId("projectId", projectId);
        Checks.notBlank("creator", creator);
        Checks.notNull("source", source);
        Checks.positive("revision", revision);
        Checks.notBlank("contentHash", contentHash);
        Checks.notNull("status", status);
        Checks.notNull("risk", risk);
        Checks.notNull("flow", flow);
        approvals = Checks.copy("approvals", approvals);
        Checks.notNull("callbackTokenHash", callbackTokenHash);
        Checks.notNull("rejectedContentHash", rejectedContentHash);
        audit = Checks.copyNotEmpty("audit", audit);
        // a stored state is read back through here: refuse one that no engine could have produced
        for (StepApproval approval : approvals) {
            if (approval.step() >= flow.steps().size()) {
                throw new IllegalArgumentException(
                        "approval by " + approval.principal() + " is for step " + (approval.step() + 1)
                                + ", but the flow has " + flow.steps().size() + " steps");
            }
        }
        Checks.distinct("approvals", "principal", approvals, StepApproval::principal);
        if (status != ApprovalStatus.PENDING && callbackTokenHash.isPresent()) {
            throw new IllegalArgumentException("a " + status + " process has no callback token");
        }
    }

    /**
     * The zero-based index of the step that waits for a decision: the first step with fewer approvals than it
     * requires. Empty unless {@link ApprovalStatus#PENDING}.
     */
    public OptionalInt currentStep() {
        if (status != ApprovalStatus.PENDING) {
            return OptionalInt.empty();
        }
        List<ApprovalStep> steps = flow.steps();
        for (int i = 0; i < steps.size(); i++) {
            int index = i;
            long count = approvals.stream().filter(a -> a.step() == index).count();
            if (count < steps.get(i).approvalsRequired()) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** What the process waits for, in words, e.g. {@code "step 2 of 3 waits for role DBA (1 x DBA)"}. */
    public String waitingFor() {
        return switch (status) {
            case APPROVED -> "nothing: request " + requestId + " is approved";
            case REJECTED ->
                "the creator " + creator + " to revise request " + requestId + " and request approval again";
            case PENDING -> {
                int step = currentStep().orElseThrow();
                ApprovalStep s = flow.steps().get(step);
                long have = approvals.stream().filter(a -> a.step() == step).count();
                yield "step " + (step + 1) + " of " + flow.steps().size() + " (" + s + ", " + have + " given)";
            }
        };
    }
}
