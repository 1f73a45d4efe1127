package io.dbchange.api.approval;

import io.dbchange.api.Ids;
import io.dbchange.api.internal.Checks;
import java.util.List;

/**
 * The approvals a change request needs, as ordered steps: step 2 can be approved only after step 1 is satisfied.
 * Flows are configured by the host; which flow applies to a request is decided by risk rules in
 * {@code dbchange-core}.
 *
 * <pre>{@code
 * var flow = new ApprovalFlow("prod-ddl", "DBA then owner",
 *         List.of(ApprovalStep.of(Roles.DBA), new ApprovalStep(Roles.PROJECT_OWNER, 2)));
 * }</pre>
 *
 * @param id the flow's defined id ({@link Ids#DEFINED_ID_REGEX})
 * @param title a short title people see, not blank
 * @param steps the steps in the order they must be satisfied; at least one (copied, immutable)
 */
public record ApprovalFlow(String id, String title, List<ApprovalStep> steps) {

    public ApprovalFlow {
        Ids.requireDefinedId("id", id);
        Checks.notBlank("title", title);
        steps = Checks.copyNotEmpty("steps", steps);
    }
}
