package io.dbchange.core.approval;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.approval.ApprovalErrorCode;
import io.dbchange.api.approval.ApprovalFlow;
import io.dbchange.api.approval.ApprovalStep;
import io.dbchange.api.approval.ApprovalStepType;
import io.dbchange.api.approval.Decider;
import io.dbchange.api.approval.RoleResolver;
import io.dbchange.api.internal.Checks;
import io.dbchange.core.approval.AuditEntry.AuditAction;
import io.dbchange.core.approval.internal.CallbackTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The risk-adjusted approval engine: assesses a request's risk with CEL risk rules, picks its approval flow, and
 * takes every decision on it, returning a new immutable {@link ApprovalProcess} each time. It keeps no state of its
 * own, so a host stores the process wherever it likes and the engine can be shared by threads and nodes.
 *
 * <pre>{@code
 * ApprovalEngine engine = ApprovalEngine.builder(config).roleResolver(roles).build();
 * ApprovalProcess p = engine.submit(subject);                       // PENDING, or APPROVED if no flow applies
 * p = engine.approve(p, "olga", subject.contentHash(), "looks right");
 * }</pre>
 *
 * <p>Policies no role or configuration relaxes:
 *
 * <ul>
 *   <li>the creator never approves or rejects their own request;
 *   <li>steps are decided in order, each by principals the step's {@link ApprovalStepType} admits (for a role step:
 *       holders of exactly its role), and one principal counts once per revision, so N-of-M and multi-step flows
 *       take distinct people;
 *   <li>a decision names the content hash its decider looked at, and counts only if it is still current; a revision
 *       resets the approvals and re-assesses risk and flow;
 *   <li>a rejection sends the request back to its creator, who alone may revise it and request approval again, and
 *       only with content that differs from the rejected one;
 *   <li>every rollback needs an approval by the configured {@linkplain ApprovalConfig#rollbackRole() rollback role}.
 * </ul>
 *
 * <p>Thread-safe. Two decisions taken concurrently on the same process state both succeed here; the store must keep
 * only one of them (compare-and-set on the audit size), and the loser retries on the stored state.
 */
public final class ApprovalEngine {

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalEngine.class);

    private final ApprovalConfig config;
    private final RoleResolver roleResolver;
    private final Clock clock;
    private final Optional<CallbackTokenSink> tokenSink;
    private final RiskAssessor assessor;

    private ApprovalEngine(Builder builder) {
        this.config = builder.config;
        this.roleResolver = builder.roleResolver;
        this.clock = builder.clock;
        this.tokenSink = builder.tokenSink;
        this.assessor = new RiskAssessor(builder.config);
    }

    /** A builder for an engine with {@code config}. */
    public static Builder builder(ApprovalConfig config) {
        return new Builder(Checks.notNull("config", config));
    }

    /** The configuration. */
    public ApprovalConfig config() {
        return config;
    }

    /**
     * The risk of {@code subject}: for each task the highest level of the risk rules (of the subject's source) that
     * match any of its statements, LOW if none; for the request the highest over its tasks. Each statement is parsed
     * with SQL review's statement model to give {@code sql_type}, {@code statement_kind} and {@code table_name}.
     *
     * @throws DbChangeException {@code RISK_EVALUATION_FAILED} if a rule fails at run time; names rule, task and
     *     statement
     */
    public RiskAssessment assessRisk(ApprovalSubject subject) {
        return assessor.assessRisk(subject);
    }

    /**
     * The flow for a request of {@code subject} with {@code risk}: the first flow rule whose source, risk and
     * condition match; none means no approval, except that a rollback always gets a step for the rollback role
     * (appended to the flow unless the flow already has a role step for it).
     */
    public FlowChoice chooseFlow(ApprovalSubject subject, RiskAssessment risk) {
        return assessor.chooseFlow(subject, risk);
    }

    /**
     * Starts the approval process of {@code subject}'s first submission: assesses risk, chooses the flow, and is
     * {@code PENDING} on its first step, or {@code APPROVED} when no approval is needed.
     */
    public ApprovalProcess submit(ApprovalSubject subject) {
        Checks.notNull("subject", subject);
        RiskAssessment risk = assessRisk(subject);
        FlowChoice flow = chooseFlow(subject, risk);
        ApprovalStatus status = flow.approvalNeeded() ? ApprovalStatus.PENDING : ApprovalStatus.APPROVED;
        Instant now = clock.instant();
        AuditEntry entry = new AuditEntry(
                now,
                subject.creator(),
                subject.revision(),
                AuditAction.SUBMITTED,
                OptionalInt.empty(),
                status,
                "risk " + risk.risk() + "; " + flow.reason());
        ApprovalProcess process = new ApprovalProcess(
                subject.requestId(),
                subject.projectId(),
                subject.creator(),
                subject.source(),
                subject.revision(),
                subject.contentHash(),
                status,
                risk,
                flow,
                List.of(),
                Optional.empty(),
                Optional.empty(),
                List.of(entry));
        LOG.info(
                "{} - submitted revision={} risk={} status={}",
                subject.requestId(),
                subject.revision(),
                risk.risk(),
                status);
        return openCurrentStep(process);
    }

    /**
     * {@code principal} approves the current step of {@code process}, having looked at content {@code contentHash}.
     *
     * @throws DbChangeException {@code APPROVAL_FORBIDDEN} if the policies or the step type refuse (the message says
     *     which step waits for which role), {@code APPROVAL_STALE} if {@code contentHash} is not the current one
     */
    public ApprovalProcess approve(ApprovalProcess process, String principal, String contentHash, String reason) {
        Checks.notNull("reason", reason);
        int step = admit(process, principal, contentHash, false, "approve");
        return recordApproval(process, step, principal, reason);
    }

    /**
     * {@code principal}, who may decide the current step, rejects {@code process}: it goes back to the creator.
     *
     * @param reason why, for the creator; not blank
     * @throws DbChangeException as {@link #approve}
     */
    public ApprovalProcess reject(ApprovalProcess process, String principal, String contentHash, String reason) {
        Checks.notBlank("reason", reason);
        int step = admit(process, principal, contentHash, false, "reject");
        return recordRejection(process, step, principal, reason);
    }

    /**
     * The outside system decides the current external step, presenting the one-time token the engine issued for it.
     *
     * @param system the name the system gives itself (recorded as the principal), not blank
     * @param approved whether it approves (or rejects)
     * @param reason its reason; not blank for a rejection
     * @throws DbChangeException {@code APPROVAL_FORBIDDEN} if the token is not the current step's or was used
     */
    public ApprovalProcess callback(
            ApprovalProcess process, String token, String system, boolean approved, String reason) {
        Checks.notNull("process", process);
        Checks.notBlank("token", token);
        Checks.notNull("reason", reason);
        if (!approved) {
            Checks.notBlank("reason", reason);
        }
        if (process.callbackTokenHash().isEmpty()
                || !CallbackTokens.matches(token, process.callbackTokenHash().get())) {
            throw forbidden(
                    process,
                    "a callback token was presented that is not the one-time token of the current"
                            + " step (used, replaced by a revision, or never issued); " + process.waitingFor());
        }
        int step = admit(process, system, process.contentHash(), true, approved ? "approve" : "reject");
        return approved
                ? recordApproval(process, step, system, reason)
                : recordRejection(process, step, system, reason);
    }

    /**
     * The creator replaces the request's content with {@code revised}: approvals are reset, risk and flow are
     * re-evaluated. A pending or approved request becomes pending on its (new) first step, or approved if no
     * approval is needed; a rejected one stays rejected until the creator {@linkplain #reRequest re-requests}.
     *
     * @throws DbChangeException {@code APPROVAL_FORBIDDEN} if {@code principal} is not the creator;
     *     {@code INVALID_ARGUMENT} if {@code revised} is another request, not a later revision, or has the same
     *     content hash
     */
    public ApprovalProcess revise(ApprovalProcess process, String principal, ApprovalSubject revised) {
        Checks.notNull("process", process);
        Checks.notBlank("principal", principal);
        Checks.notNull("revised", revised);
        if (!principal.equals(process.creator())) {
            throw forbidden(
                    process,
                    "only its creator " + process.creator() + " may revise it; " + principal
                            + " may ask the creator to");
        }
        if (!revised.requestId().equals(process.requestId())
                || !revised.projectId().equals(process.projectId())
                || !revised.creator().equals(process.creator())
                || revised.source() != process.source()) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "the revised subject must be request " + process.requestId() + " of project "
                            + process.projectId() + " by " + process.creator() + " from source " + process.source()
                            + ", but is request " + revised.requestId() + " of project " + revised.projectId()
                            + " by " + revised.creator() + " from source " + revised.source());
        }
        if (revised.revision() <= process.revision()) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "request " + process.requestId() + " is at revision " + process.revision()
                            + "; a revision must have a higher number, but has " + revised.revision());
        }
        if (revised.contentHash().equals(process.contentHash())) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "revision " + revised.revision() + " of request " + process.requestId()
                            + " has the same content hash as revision " + process.revision()
                            + "; a revision must change the statements or targets");
        }
        RiskAssessment risk = assessRisk(revised);
        FlowChoice flow = chooseFlow(revised, risk);
        ApprovalStatus status = process.status() == ApprovalStatus.REJECTED
                ? ApprovalStatus.REJECTED
                : flow.approvalNeeded() ? ApprovalStatus.PENDING : ApprovalStatus.APPROVED;
        AuditEntry entry = new AuditEntry(
                clock.instant(),
                principal,
                revised.revision(),
                AuditAction.REVISED,
                OptionalInt.empty(),
                status,
                "content " + process.contentHash() + " -> " + revised.contentHash() + "; approvals reset; risk "
                        + risk.risk() + "; " + flow.reason());
        ApprovalProcess next = new ApprovalProcess(
                process.requestId(),
                process.projectId(),
                process.creator(),
                process.source(),
                revised.revision(),
                revised.contentHash(),
                status,
                risk,
                flow,
                List.of(),
                Optional.empty(),
                process.rejectedContentHash(),
                append(process.audit(), entry));
        LOG.info(
                "{} - revised revision={} risk={} status={}",
                process.requestId(),
                revised.revision(),
                risk.risk(),
                status);
        return openCurrentStep(next);
    }

    /**
     * The creator asks for approval again after a rejection, with content that differs from the rejected one.
     *
     * @throws DbChangeException {@code APPROVAL_FORBIDDEN} if the request is not rejected, {@code principal} is not
     *     the creator, or the content is still the rejected content
     */
    public ApprovalProcess reRequest(ApprovalProcess process, String principal, String reason) {
        Checks.notNull("process", process);
        Checks.notBlank("principal", principal);
        Checks.notNull("reason", reason);
        if (process.status() != ApprovalStatus.REJECTED) {
            throw forbidden(
                    process,
                    "it is " + process.status() + ", not REJECTED; only a rejected request is"
                            + " re-requested; it waits for " + process.waitingFor());
        }
        if (!principal.equals(process.creator())) {
            throw forbidden(
                    process,
                    "only its creator " + process.creator() + " may request approval again after" + " a rejection; "
                            + principal + " may not");
        }
        if (process.rejectedContentHash()
                .filter(h -> h.equals(process.contentHash()))
                .isPresent()) {
            throw forbidden(
                    process,
                    "its content " + process.contentHash() + " is the content that was rejected;"
                            + " revise it before requesting approval again");
        }
        ApprovalStatus status = process.flow().approvalNeeded() ? ApprovalStatus.PENDING : ApprovalStatus.APPROVED;
        AuditEntry entry = new AuditEntry(
                clock.instant(),
                principal,
                process.revision(),
                AuditAction.RE_REQUESTED,
                OptionalInt.empty(),
                status,
                reason);
        ApprovalProcess next = copy(process, status, List.of(), Optional.empty(), process.rejectedContentHash(), entry);
        LOG.info("{} - re-requested revision={} status={}", process.requestId(), process.revision(), status);
        return openCurrentStep(next);
    }

    /** Checks every policy for a decision and returns the step it decides. */
    private int admit(ApprovalProcess process, String principal, String contentHash, boolean viaCallback, String verb) {
        Checks.notNull("process", process);
        Checks.notBlank("principal", principal);
        Checks.notBlank("contentHash", contentHash);
        if (process.status() != ApprovalStatus.PENDING) {
            throw forbidden(
                    process,
                    principal + " may not " + verb + " it: it is " + process.status() + " and waits for "
                            + process.waitingFor());
        }
        int step = process.currentStep().orElseThrow();
        ApprovalStep current = process.flow().steps().get(step);
        String stepText = stepText(process, step);
        if (!contentHash.equals(process.contentHash())) {
            throw new DbChangeException(
                    ApprovalErrorCode.APPROVAL_STALE,
                    "request " + process.requestId() + ": " + principal + " decided on content " + contentHash
                            + ", but revision " + process.revision() + " has content " + process.contentHash()
                            + "; look at the current revision and decide again (" + stepText + ")");
        }
        if (principal.equals(process.creator())) {
            throw forbidden(
                    process,
                    principal + " created it and may not " + verb + " it; " + stepText + " waits for "
                            + waitsFor(current) + " other than the creator");
        }
        Optional<StepApproval> earlier = process.approvals().stream()
                .filter(a -> a.principal().equals(principal))
                .findFirst();
        if (earlier.isPresent()) {
            throw forbidden(
                    process,
                    principal + " already approved step " + (earlier.get().step() + 1)
                            + " of revision " + process.revision() + " and counts once; " + stepText + " waits for "
                            + "another " + waitsFor(current));
        }
        ApprovalStepType type = config.stepTypes().get(current.type());
        if (type == null) {
            throw forbidden(
                    process,
                    stepText + " has step type '" + current.type()
                            + "', which this engine's configuration does not know");
        }
        if (type.issuesCallbackToken() != viaCallback) {
            Decider decider = new Decider(principal, Set.of(), false);
            String why = type.refusal(current, decider)
                    .orElse(
                            viaCallback
                                    ? "takes no callback; it waits for " + waitsFor(current)
                                    : "waits for a callback with its one-time token");
            throw forbidden(process, stepText + " " + why);
        }
        Set<String> roles = viaCallback ? Set.of() : roleResolver.rolesOf(process.projectId(), principal);
        Optional<String> refusal = type.refusal(current, new Decider(principal, roles, viaCallback));
        if (refusal.isPresent()) {
            throw forbidden(process, stepText + " " + refusal.get() + laterSteps(process, step, roles));
        }
        return step;
    }

    private static String laterSteps(ApprovalProcess process, int step, Set<String> roles) {
        List<ApprovalStep> steps = process.flow().steps();
        List<String> later = new ArrayList<>();
        for (int i = step + 1; i < steps.size(); i++) {
            if (steps.get(i).type().equals(ApprovalStepType.ROLE)
                    && roles.contains(steps.get(i).role())) {
                later.add("step " + (i + 1) + " (" + steps.get(i).role() + ")");
            }
        }
        return later.isEmpty()
                ? ""
                : "; they may decide " + String.join(", ", later) + " once step " + (step + 1) + " is done";
    }

    private static String waitsFor(ApprovalStep step) {
        return step.type().equals(ApprovalStepType.ROLE)
                ? "role " + step.role()
                : step.type() + " decision for " + step.role();
    }

    private static String stepText(ApprovalProcess process, int step) {
        return "step " + (step + 1) + " of " + process.flow().steps().size();
    }

    private ApprovalProcess recordApproval(ApprovalProcess process, int step, String principal, String reason) {
        Instant now = clock.instant();
        ApprovalStep current = process.flow().steps().get(step);
        List<StepApproval> approvals = new ArrayList<>(process.approvals());
        approvals.add(new StepApproval(step, principal, current.role(), now));
        ApprovalProcess counted =
                copy(process, ApprovalStatus.PENDING, approvals, Optional.empty(), process.rejectedContentHash(), null);
        ApprovalStatus status = counted.currentStep().isPresent() ? ApprovalStatus.PENDING : ApprovalStatus.APPROVED;
        AuditEntry entry = new AuditEntry(
                now, principal, process.revision(), AuditAction.APPROVED, OptionalInt.of(step), status, reason);
        ApprovalProcess next = copy(
                process,
                status,
                approvals,
                // a token is good for one decision: an external step needing more approvals gets a fresh one
                Optional.empty(),
                process.rejectedContentHash(),
                entry);
        LOG.info("{} - approved step={} by={} status={}", process.requestId(), step + 1, principal, status);
        return openCurrentStep(next);
    }

    private ApprovalProcess recordRejection(ApprovalProcess process, int step, String principal, String reason) {
        AuditEntry entry = new AuditEntry(
                clock.instant(),
                principal,
                process.revision(),
                AuditAction.REJECTED,
                OptionalInt.of(step),
                ApprovalStatus.REJECTED,
                reason);
        LOG.info("{} - rejected step={} by={}", process.requestId(), step + 1, principal);
        return copy(
                process,
                ApprovalStatus.REJECTED,
                List.of(),
                Optional.empty(),
                Optional.of(process.contentHash()),
                entry);
    }

    /** Issues a callback token if the current step takes one. */
    private ApprovalProcess openCurrentStep(ApprovalProcess process) {
        OptionalInt current = process.currentStep();
        if (current.isEmpty()) {
            return process;
        }
        ApprovalStep step = process.flow().steps().get(current.getAsInt());
        ApprovalStepType type = config.stepTypes().get(step.type());
        if (type == null
                || !type.issuesCallbackToken()
                || process.callbackTokenHash().isPresent()) {
            return process;
        }
        CallbackTokenSink sink = tokenSink.orElseThrow(() -> new DbChangeException(
                ApprovalErrorCode.APPROVAL_CONFIG_INVALID,
                "request " + process.requestId() + ": step " + (current.getAsInt() + 1) + " is a " + step.type()
                        + " step, but the engine has no CallbackTokenSink to hand its token to; set one with"
                        + " ApprovalEngine.builder(...).callbackTokens(...)"));
        String token = CallbackTokens.newToken();
        ApprovalProcess next = new ApprovalProcess(
                process.requestId(),
                process.projectId(),
                process.creator(),
                process.source(),
                process.revision(),
                process.contentHash(),
                process.status(),
                process.risk(),
                process.flow(),
                process.approvals(),
                Optional.of(CallbackTokens.hash(token)),
                process.rejectedContentHash(),
                process.audit());
        sink.issued(process.requestId(), process.revision(), current.getAsInt(), step, token);
        return next;
    }

    private static ApprovalProcess copy(
            ApprovalProcess p,
            ApprovalStatus status,
            List<StepApproval> approvals,
            Optional<String> tokenHash,
            Optional<String> rejectedHash,
            AuditEntry entry) {
        return new ApprovalProcess(
                p.requestId(),
                p.projectId(),
                p.creator(),
                p.source(),
                p.revision(),
                p.contentHash(),
                status,
                p.risk(),
                p.flow(),
                approvals,
                tokenHash,
                rejectedHash,
                entry == null ? p.audit() : append(p.audit(), entry));
    }

    private static List<AuditEntry> append(List<AuditEntry> audit, AuditEntry entry) {
        List<AuditEntry> all = new ArrayList<>(audit);
        all.add(entry);
        return all;
    }

    private static DbChangeException forbidden(ApprovalProcess process, String message) {
        return new DbChangeException(
                ApprovalErrorCode.APPROVAL_FORBIDDEN, "request " + process.requestId() + ": " + message);
    }

    /** Collects an engine's collaborators; {@link #build()} checks them. */
    public static final class Builder {
        private final ApprovalConfig config;
        private RoleResolver roleResolver;
        private Clock clock = Clock.systemUTC();
        private Optional<CallbackTokenSink> tokenSink = Optional.empty();

        private Builder(ApprovalConfig config) {
            this.config = config;
        }

        /** Who holds which role (required; no default, since guessing roles would grant approvals). */
        public Builder roleResolver(RoleResolver roleResolver) {
            this.roleResolver = Checks.notNull("roleResolver", roleResolver);
            return this;
        }

        /** The clock of audit entries (default: {@link Clock#systemUTC()}). */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull("clock", clock);
            return this;
        }

        /** Where external steps' one-time tokens go (default: none; required if a flow has an external step). */
        public Builder callbackTokens(CallbackTokenSink sink) {
            this.tokenSink = Optional.of(Checks.notNull("sink", sink));
            return this;
        }

        /**
         * The engine.
         *
         * @throws DbChangeException {@code APPROVAL_CONFIG_INVALID} without a role resolver, or if a flow has a step
         *     whose type issues callback tokens and no token sink is set
         */
        public ApprovalEngine build() {
            if (roleResolver == null) {
                throw new DbChangeException(
                        ApprovalErrorCode.APPROVAL_CONFIG_INVALID,
                        "the approval engine needs a RoleResolver: set one with roleResolver(...)"
                                + " (InMemoryRoleResolver for tests and demos)");
            }
            if (tokenSink.isEmpty()) {
                for (ApprovalFlow flow : config.flows().values()) {
                    for (ApprovalStep step : flow.steps()) {
                        ApprovalStepType type = config.stepTypes().get(step.type());
                        if (type != null && type.issuesCallbackToken()) {
                            throw new DbChangeException(
                                    ApprovalErrorCode.APPROVAL_CONFIG_INVALID,
                                    "flow '" + flow.id() + "' has a " + step.type() + " step (" + step
                                            + "), which needs a CallbackTokenSink to hand its one-time token to;"
                                            + " set one with callbackTokens(...)");
                        }
                    }
                }
            }
            return new ApprovalEngine(this);
        }
    }

    @Override
    public String toString() {
        return "ApprovalEngine[riskRules=" + config.riskRules().size() + ", flows="
                + new TreeSet<>(config.flows().keySet()) + "]";
    }
}
