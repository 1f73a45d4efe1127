package io.dbchange.api.pipeline;

import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.Plan;
import io.dbchange.api.internal.Checks;

/**
 * Decides whether a revision of a change request may roll out. The pipeline asks when the request is submitted,
 * after every edit (a new revision: approvals are bound to {@link ChangeRequest#contentHash()}, so earlier ones no
 * longer count) and whenever the host calls {@code Pipeline.refreshApproval} (e.g. after someone approved).
 *
 * <p>{@link #ALWAYS} is the gate when no approval is configured. dbchange-core's {@code Pipeline.Builder.approvals}
 * installs a gate backed by its approval engine (risk rules, flows, roles), with the approval state kept in the
 * {@link io.dbchange.api.store.MetadataStore}; implement this interface only to plug in a decision of your own. Implementations must be thread-safe and must base
 * their decision on the request's {@code contentHash}, never on the revision number alone.
 */
@FunctionalInterface
public interface ApprovalGate {

    /** Approves everything: the gate of a pipeline without approval flows. */
    ApprovalGate ALWAYS = (request, plan) -> Decision.approved("no approval flow is configured");

    /**
     * The decision for this revision of the request.
     *
     * @param request the request, at the revision to decide on
     * @param plan its plan (stages and tasks of that revision)
     * @return never {@code null}
     */
    Decision evaluate(ChangeRequest request, Plan plan);

    /** The gate's answer; every answer carries the reason a person reads. */
    sealed interface Decision {

        /** The reason for the decision, e.g. which flow and steps were satisfied or are missing. */
        String reason();

        static Decision approved(String reason) {
            return new Approved(reason);
        }

        static Decision pending(String reason) {
            return new Pending(reason);
        }

        static Decision rejected(String reason) {
            return new Rejected(reason);
        }

        /** The revision may roll out. */
        record Approved(String reason) implements Decision {
            public Approved {
                Checks.notBlank("reason", reason);
            }
        }

        /** Approval steps are outstanding, e.g. "waiting for 1 x DBA". */
        record Pending(String reason) implements Decision {
            public Pending {
                Checks.notBlank("reason", reason);
            }
        }

        /** An approver rejected this revision; the creator may revise and re-submit. */
        record Rejected(String reason) implements Decision {
            public Rejected {
                Checks.notBlank("reason", reason);
            }
        }
    }
}
