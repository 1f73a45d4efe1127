package io.dbchange.core.approval;

import io.dbchange.api.approval.ApprovalStep;

/**
 * Receives the one-time token of an external step when the step becomes current, to hand it to the outside system
 * (e.g. put it in a ticket). The engine keeps only the token's hash; a lost token is replaced by revising the
 * request. Called synchronously inside the engine call that made the step current; must not throw.
 */
@FunctionalInterface
public interface CallbackTokenSink {

    /**
     * @param requestId the change request
     * @param revision the revision the token is bound to
     * @param step the zero-based index of the step
     * @param approvalStep the step
     * @param token the token; the callback must present it to {@link ApprovalEngine#callback}
     */
    void issued(String requestId, int revision, int step, ApprovalStep approvalStep, String token);
}
