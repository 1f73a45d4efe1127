package io.dbchange.api.approval;

import java.util.Optional;

/**
 * A kind of approval step: decides whether a decider may decide a step of its kind. {@link #ROLE} steps are decided
 * by principals holding the step's role; {@link #EXTERNAL} steps by an outside system (a ticketing system) that calls
 * back with the one-time token the engine issued when the step became current.
 *
 * <p>The engine applies its own policies before it asks the type, and no type can relax them: the creator never
 * decides on their own request, steps are decided in order, one principal decides once per revision, and decisions
 * are bound to the request's content hash. Implementations are found with {@link java.util.ServiceLoader} besides the
 * two built-in ones and must be stateless and thread-safe.
 */
public interface ApprovalStepType {

    /** The name of the built-in role step type. */
    String ROLE = "ROLE";

    /** The name of the built-in external step type. */
    String EXTERNAL = "EXTERNAL";

    /** The type's name as flows name it in {@link ApprovalStep#type()}, e.g. {@code ROLE}; a role-name syntax. */
    String name();

    /**
     * Whether the engine issues a one-time callback token when a step of this type becomes current, and accepts
     * decisions on it only from a caller that presents that token.
     */
    boolean issuesCallbackToken();

    /**
     * Why {@code decider} may not decide {@code step}, or empty if it may.
     *
     * @param step the step waiting for a decision
     * @param decider who decides, with the roles the host gives them in the request's project
     * @return the reason, worded to follow "step 2 of 3 ...", e.g. {@code "waits for role DBA; alice holds
     *     PROJECT_OWNER"}
     */
    Optional<String> refusal(ApprovalStep step, Decider decider);
}
