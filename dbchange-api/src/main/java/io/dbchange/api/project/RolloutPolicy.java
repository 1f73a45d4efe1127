package io.dbchange.api.project;

import io.dbchange.api.approval.Roles;
import io.dbchange.api.internal.Checks;
import java.util.Arrays;
import java.util.List;

/**
 * Whether tasks of an environment's stage start by themselves once they may, or wait for a person. A closed
 * hierarchy: {@link Automatic} or {@link Manual}.
 *
 * <pre>{@code
 * RolloutPolicy test = RolloutPolicy.AUTOMATIC;
 * RolloutPolicy prod = RolloutPolicy.manual(Roles.DBA, Roles.PROJECT_RELEASER);
 * }</pre>
 */
public sealed interface RolloutPolicy {

    /** Tasks start without a person once approvals and earlier stages allow. */
    RolloutPolicy AUTOMATIC = new Automatic();

    /** A manual policy: a principal holding one of {@code roles} must start the rollout. */
    static RolloutPolicy manual(String... roles) {
        return new Manual(Arrays.asList(Checks.notNull("roles", roles)));
    }

    /** Tasks start without a person once approvals and earlier stages allow. Use {@link #AUTOMATIC}. */
    record Automatic() implements RolloutPolicy {
        @Override
        public String toString() {
            return "automatic";
        }
    }

    /**
     * Tasks wait (reason {@code MANUAL_ROLLOUT}) until a principal holding one of {@code roles} starts them.
     *
     * @param roles the roles allowed to start the rollout, at least one, each once (syntax of {@link Roles};
     *     copied, immutable)
     */
    record Manual(List<String> roles) implements RolloutPolicy {

        public Manual {
            roles = Checks.copyNotEmpty("roles", roles);
            roles.forEach(role -> Roles.requireValid("roles", role));
            Checks.distinct("roles", "role", roles, r -> r);
        }

        @Override
        public String toString() {
            return "manual by " + String.join(", ", roles);
        }
    }
}
