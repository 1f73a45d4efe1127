package io.dbchange.core.approval.internal;

import io.dbchange.api.approval.ApprovalStep;
import io.dbchange.api.approval.ApprovalStepType;
import io.dbchange.api.approval.Decider;
import java.util.Optional;
import java.util.TreeSet;

/** The built-in step types. */
public final class StepTypes {

    private StepTypes() {}

    /** Decided by a principal holding the step's role, in dbchange, never through a callback. */
    public static final ApprovalStepType ROLE = new ApprovalStepType() {
        @Override
        public String name() {
            return ApprovalStepType.ROLE;
        }

        @Override
        public boolean issuesCallbackToken() {
            return false;
        }

        @Override
        public Optional<String> refusal(ApprovalStep step, Decider decider) {
            if (decider.roles().contains(step.role())) {
                return Optional.empty();
            }
            String held = decider.roles().isEmpty()
                    ? "holds no role"
                    : "holds " + String.join(", ", new TreeSet<>(decider.roles()));
            return Optional.of("waits for role " + step.role() + "; " + decider.principal() + " " + held);
        }

        @Override
        public String toString() {
            return name();
        }
    };

    /** Decided by an outside system calling back with the one-time token issued when the step became current. */
    public static final ApprovalStepType EXTERNAL = new ApprovalStepType() {
        @Override
        public String name() {
            return ApprovalStepType.EXTERNAL;
        }

        @Override
        public boolean issuesCallbackToken() {
            return true;
        }

        @Override
        public Optional<String> refusal(ApprovalStep step, Decider decider) {
            if (decider.withCallbackToken()) {
                return Optional.empty();
            }
            return Optional.of("waits for the external callback for " + step.role() + " with its one-time token; "
                    + decider.principal() + " cannot decide it directly");
        }

        @Override
        public String toString() {
            return name();
        }
    };
}
