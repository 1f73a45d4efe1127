package io.dbchange.core.approval;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.approval.ApprovalErrorCode;
import io.dbchange.api.approval.ApprovalFlow;
import io.dbchange.api.approval.ApprovalStep;
import io.dbchange.api.approval.ApprovalStepType;
import io.dbchange.api.approval.Roles;
import io.dbchange.api.internal.Checks;
import io.dbchange.core.approval.internal.CelExpressions;
import io.dbchange.core.approval.internal.StepTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Risk rules, approval flows, flow rules and roles: validated, type-checked and frozen by {@link Builder#build()}.
 * Immutable and thread-safe. From YAML or JSON: {@link ApprovalConfigs}.
 *
 * <pre>{@code
 * ApprovalConfig config = ApprovalConfig.builder()
 *         .riskRule(RiskRule.forSource("prod-ddl", Risk.HIGH, ChangeSource.DDL,
 *                 "environment_id == \"prod\" && statement_kind == \"DDL\""))
 *         .flow(new ApprovalFlow("owner-dba", "Owner then DBA",
 *                 List.of(ApprovalStep.of(Roles.PROJECT_OWNER), ApprovalStep.of(Roles.DBA))))
 *         .flowRule(FlowRule.of("high-ddl", ChangeSource.DDL, Risk.HIGH, "owner-dba"))
 *         .build();
 * }</pre>
 *
 * <p>With nothing configured every request is {@code LOW} risk and needs no approval, except a rollback, which
 * always needs one approval by the {@linkplain #rollbackRole() rollback role}.
 */
public final class ApprovalConfig {

    private static final CelExpressions RISK_CEL = CelExpressions.over(RiskVariables.RISK_VARIABLES);
    private static final CelExpressions FLOW_CEL = CelExpressions.over(RiskVariables.FLOW_VARIABLES);

    private final List<RiskRule> riskRules;
    private final Map<String, ApprovalFlow> flows;
    private final List<FlowRule> flowRules;
    private final Set<String> customRoles;
    private final String rollbackRole;
    private final Map<String, ApprovalStepType> stepTypes;
    private final Map<String, CelExpressions.Compiled> riskPrograms;
    private final Map<String, CelExpressions.Compiled> flowPrograms;

    private ApprovalConfig(Builder b) {
        this.riskRules = List.copyOf(b.riskRules);
        this.flows = Collections.unmodifiableMap(new LinkedHashMap<>(b.flows));
        this.flowRules = List.copyOf(b.flowRules);
        this.customRoles = Collections.unmodifiableSet(new LinkedHashSet<>(b.customRoles));
        this.rollbackRole = b.rollbackRole;
        this.stepTypes = Collections.unmodifiableMap(new LinkedHashMap<>(b.stepTypes));
        this.riskPrograms = new LinkedHashMap<>();
        this.flowPrograms = new LinkedHashMap<>();
        validate();
    }

    /** A builder with nothing configured, the built-in step types and those found with {@link ServiceLoader}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The configuration with no rules, no flows and the defaults: every request LOW, rollbacks need a DBA. */
    public static ApprovalConfig defaults() {
        return builder().build();
    }

    /** The risk rules, in configuration order. */
    public List<RiskRule> riskRules() {
        return riskRules;
    }

    /** The flows by id, in configuration order. */
    public Map<String, ApprovalFlow> flows() {
        return flows;
    }

    /** The flow rules; the first that matches decides. */
    public List<FlowRule> flowRules() {
        return flowRules;
    }

    /** The roles declared besides the {@linkplain Roles#BUILT_IN built-in} ones, e.g. {@code TESTER}. */
    public Set<String> customRoles() {
        return customRoles;
    }

    /** The role one of whose holders must approve every rollback, whatever the flow rules say. Default DBA. */
    public String rollbackRole() {
        return rollbackRole;
    }

    /** The step types by name: {@code ROLE}, {@code EXTERNAL} and any installed or added. */
    public Map<String, ApprovalStepType> stepTypes() {
        return stepTypes;
    }

    /** Whether {@code role} is built in or declared. */
    public boolean knowsRole(String role) {
        return Roles.BUILT_IN.contains(role) || customRoles.contains(role);
    }

    CelExpressions.Compiled riskProgram(String ruleId) {
        return riskPrograms.get(ruleId);
    }

    Optional<CelExpressions.Compiled> flowProgram(String ruleId) {
        return Optional.ofNullable(flowPrograms.get(ruleId));
    }

    private void validate() {
        if (!knowsRole(rollbackRole)) {
            throw invalid("the rollback role '" + rollbackRole + "' is " + unknownRole());
        }
        for (RiskRule rule : riskRules) {
            if (riskPrograms.containsKey(rule.id())) {
                throw invalid("risk rule id '" + rule.id() + "' is used twice; give each rule its own id");
            }
            CelExpressions.Compiled compiled = RISK_CEL.compile(rule.expression());
            if (!compiled.ok()) {
                throw new DbChangeException(
                        ApprovalErrorCode.RISK_RULE_INVALID,
                        "risk rule '" + rule.id() + "': expression `" + rule.expression() + "` is not a valid bool"
                                + " CEL expression: " + compiled.problems() + ". Variables: "
                                + describe(RiskVariables.RISK_VARIABLES));
            }
            riskPrograms.put(rule.id(), compiled);
        }
        for (ApprovalFlow flow : flows.values()) {
            for (int i = 0; i < flow.steps().size(); i++) {
                ApprovalStep step = flow.steps().get(i);
                String where = "flow '" + flow.id() + "' step " + (i + 1) + " of "
                        + flow.steps().size();
                if (!knowsRole(step.role())) {
                    throw invalid(where + " names role '" + step.role() + "', which is " + unknownRole());
                }
                if (!stepTypes.containsKey(step.type())) {
                    throw invalid(where + " has step type '" + step.type() + "'; the known step types are "
                            + String.join(", ", stepTypes.keySet())
                            + " (add others as ApprovalStepType services)");
                }
            }
        }
        Set<String> ruleIds = new LinkedHashSet<>();
        for (FlowRule rule : flowRules) {
            if (!ruleIds.add(rule.id())) {
                throw invalid("flow rule id '" + rule.id() + "' is used twice; give each rule its own id");
            }
            if (!flows.containsKey(rule.flowId())) {
                throw invalid("flow rule '" + rule.id() + "' selects flow '" + rule.flowId()
                        + "', which is not configured; the flows are "
                        + (flows.isEmpty() ? "(none)" : String.join(", ", flows.keySet())));
            }
            if (rule.condition().isPresent()) {
                CelExpressions.Compiled compiled =
                        FLOW_CEL.compile(rule.condition().get());
                if (!compiled.ok()) {
                    throw invalid("flow rule '" + rule.id() + "': condition `"
                            + rule.condition().get()
                            + "` is not a valid bool CEL expression: " + compiled.problems() + ". Variables: "
                            + describe(RiskVariables.FLOW_VARIABLES));
                }
                flowPrograms.put(rule.id(), compiled);
            }
        }
    }

    private String unknownRole() {
        return "neither built in (" + String.join(", ", Roles.BUILT_IN) + ") nor declared"
                + (customRoles.isEmpty() ? "" : " (" + String.join(", ", customRoles) + ")")
                + "; declare custom roles with customRole(...) or 'roles:' in YAML";
    }

    private static String describe(Map<String, String> variables) {
        return variables.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }

    private static DbChangeException invalid(String message) {
        return new DbChangeException(ApprovalErrorCode.APPROVAL_CONFIG_INVALID, message);
    }

    /** Collects a configuration; {@link #build()} validates and copies it, later changes to the builder do not leak. */
    public static final class Builder {
        private final List<RiskRule> riskRules = new ArrayList<>();
        private final Map<String, ApprovalFlow> flows = new LinkedHashMap<>();
        private final List<FlowRule> flowRules = new ArrayList<>();
        private final Set<String> customRoles = new LinkedHashSet<>();
        private String rollbackRole = Roles.DBA;
        private final Map<String, ApprovalStepType> stepTypes = new LinkedHashMap<>();

        private Builder() {
            stepTypes.put(StepTypes.ROLE.name(), StepTypes.ROLE);
            stepTypes.put(StepTypes.EXTERNAL.name(), StepTypes.EXTERNAL);
            for (ApprovalStepType type : ServiceLoader.load(ApprovalStepType.class)) {
                stepTypes.putIfAbsent(type.name(), type);
            }
        }

        /** Adds a risk rule (default: none, so every request is LOW). */
        public Builder riskRule(RiskRule rule) {
            riskRules.add(Checks.notNull("rule", rule));
            return this;
        }

        /** Adds an approval flow (default: none). */
        public Builder flow(ApprovalFlow flow) {
            Checks.notNull("flow", flow);
            if (flows.putIfAbsent(flow.id(), flow) != null) {
                throw invalid("flow id '" + flow.id() + "' is used twice; give each flow its own id");
            }
            return this;
        }

        /** Adds a flow rule after those added before (default: none, so no request needs approval). */
        public Builder flowRule(FlowRule rule) {
            flowRules.add(Checks.notNull("rule", rule));
            return this;
        }

        /** Declares a custom role, e.g. {@code TESTER} (default: only the built-in roles). */
        public Builder customRole(String role) {
            customRoles.add(Roles.requireValid("role", role));
            return this;
        }

        /** The role one of whose holders must approve every rollback (default {@code DBA}). */
        public Builder rollbackRole(String role) {
            rollbackRole = Roles.requireValid("role", role);
            return this;
        }

        /** Adds a step type, replacing one of the same name (default: ROLE, EXTERNAL and installed services). */
        public Builder stepType(ApprovalStepType type) {
            Checks.notNull("type", type);
            stepTypes.put(Roles.requireValid("type.name()", type.name()), type);
            return this;
        }

        /**
         * Validates and freezes the configuration.
         *
         * @throws DbChangeException {@code RISK_RULE_INVALID} for a risk rule whose expression does not type-check
         *     (names the rule and the line and column), {@code APPROVAL_CONFIG_INVALID} for an unknown role, flow or
         *     step type, a duplicate id or a flow condition that does not type-check
         */
        public ApprovalConfig build() {
            return new ApprovalConfig(this);
        }
    }
}
