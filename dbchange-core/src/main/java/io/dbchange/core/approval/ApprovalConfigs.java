package io.dbchange.core.approval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.approval.ApprovalErrorCode;
import io.dbchange.api.approval.ApprovalFlow;
import io.dbchange.api.approval.ApprovalStep;
import io.dbchange.api.approval.ApprovalStepType;
import io.dbchange.api.approval.Risk;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an {@link ApprovalConfig} from YAML or JSON. Every key is optional; unknown keys are errors (a misspelt
 * {@code expresion} must not silently drop a rule):
 *
 * <pre>{@code
 * roles: [TESTER]                 # custom roles besides the built-in ones
 * rollbackRole: DBA               # default DBA
 * riskRules:
 *   - id: prod-ddl
 *     level: HIGH                 # LOW, MODERATE, HIGH
 *     source: DDL                 # DDL, DML, CREATE_DATABASE, ROLLBACK or ANY (default ANY)
 *     expression: environment_id == "prod" && statement_kind == "DDL"
 * flows:
 *   - id: tester-owner-dba
 *     title: Tester, then owner, then DBA
 *     steps:
 *       - role: TESTER
 *       - role: PROJECT_OWNER
 *         approvals: 2            # N of M, default 1
 *       - role: DBA
 *       - type: EXTERNAL          # default ROLE
 *         role: CHANGE_BOARD
 * flowRules:                      # first match wins; no match: no approval needed
 *   - id: high-ddl
 *     source: DDL                 # default ANY
 *     risk: HIGH                  # default any risk
 *     condition: '"prod" in environment_ids'   # optional CEL
 *     flow: tester-owner-dba
 * }</pre>
 */
public final class ApprovalConfigs {

    private static final Set<String> TOP = Set.of("roles", "rollbackRole", "riskRules", "flows", "flowRules");
    private static final Set<String> RISK_RULE = Set.of("id", "level", "source", "expression");
    private static final Set<String> FLOW = Set.of("id", "title", "steps");
    private static final Set<String> STEP = Set.of("type", "role", "approvals");
    private static final Set<String> FLOW_RULE = Set.of("id", "source", "risk", "condition", "flow");

    private ApprovalConfigs() {}

    /**
     * The configuration in {@code yaml}.
     *
     * @throws DbChangeException {@code APPROVAL_CONFIG_INVALID} for a malformed document or entry (naming it),
     *     {@code RISK_RULE_INVALID} for a risk rule whose expression does not type-check
     */
    public static ApprovalConfig fromYaml(String yaml) {
        return load(new YAMLFactory(), yaml, "YAML");
    }

    /** The configuration in {@code json}; errors as {@link #fromYaml}. */
    public static ApprovalConfig fromJson(String json) {
        return load(new JsonFactory(), json, "JSON");
    }

    private static ApprovalConfig load(JsonFactory factory, String text, String format) {
        Objects.requireNonNull(text, "'text' must not be null");
        JsonNode root;
        try {
            root = new ObjectMapper(factory).readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw invalid("approval configuration is not well-formed " + format
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
                    + e.getOriginalMessage());
        }
        ApprovalConfig.Builder builder = ApprovalConfig.builder();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return builder.build();
        }
        requireObject(root, "the approval configuration", TOP);
        for (JsonNode role : list(root, "roles", "the approval configuration")) {
            builder.customRole(text(role, "an entry of 'roles'"));
        }
        if (root.has("rollbackRole")) {
            builder.rollbackRole(text(root.get("rollbackRole"), "'rollbackRole'"));
        }
        int n = 0;
        for (JsonNode rule : list(root, "riskRules", "the approval configuration")) {
            n++;
            String where = "risk rule #" + n;
            requireObject(rule, where, RISK_RULE);
            String id = text(required(rule, "id", where), where + " 'id'");
            where = "risk rule '" + id + "'";
            Risk level =
                    enumValue(Risk.class, text(required(rule, "level", where), where + " 'level'"), where + " 'level'");
            Optional<ChangeSource> source = source(rule, where);
            String expression = text(required(rule, "expression", where), where + " 'expression'");
            builder.riskRule(wrap(where, () -> new RiskRule(id, level, source, expression)));
        }
        n = 0;
        for (JsonNode flow : list(root, "flows", "the approval configuration")) {
            n++;
            String where = "flow #" + n;
            requireObject(flow, where, FLOW);
            String id = text(required(flow, "id", where), where + " 'id'");
            String flowWhere = "flow '" + id + "'";
            String title = flow.has("title") ? text(flow.get("title"), flowWhere + " 'title'") : id;
            List<ApprovalStep> steps = new ArrayList<>();
            int s = 0;
            for (JsonNode step : list(flow, "steps", flowWhere)) {
                s++;
                String stepWhere = flowWhere + " step " + s;
                requireObject(step, stepWhere, STEP);
                String type = step.has("type")
                        ? text(step.get("type"), stepWhere + " 'type'").toUpperCase(Locale.ROOT)
                        : ApprovalStepType.ROLE;
                String role = text(required(step, "role", stepWhere), stepWhere + " 'role'");
                int approvals = 1;
                if (step.has("approvals")) {
                    if (!step.get("approvals").canConvertToInt()
                            || step.get("approvals").intValue() < 1) {
                        throw invalid(stepWhere + " 'approvals' must be a whole number of at least 1");
                    }
                    approvals = step.get("approvals").intValue();
                }
                int required = approvals;
                steps.add(wrap(stepWhere, () -> new ApprovalStep(type, role, required)));
            }
            builder.flow(wrap(flowWhere, () -> new ApprovalFlow(id, title, steps)));
        }
        n = 0;
        for (JsonNode rule : list(root, "flowRules", "the approval configuration")) {
            n++;
            String where = "flow rule #" + n;
            requireObject(rule, where, FLOW_RULE);
            String id = text(required(rule, "id", where), where + " 'id'");
            where = "flow rule '" + id + "'";
            Optional<ChangeSource> source = source(rule, where);
            Optional<Risk> risk = rule.has("risk")
                    ? Optional.of(enumValue(Risk.class, text(rule.get("risk"), where + " 'risk'"), where + " 'risk'"))
                    : Optional.empty();
            Optional<String> condition = rule.has("condition")
                    ? Optional.of(text(rule.get("condition"), where + " 'condition'"))
                    : Optional.empty();
            String flowId = text(required(rule, "flow", where), where + " 'flow'");
            builder.flowRule(wrap(where, () -> new FlowRule(id, source, risk, condition, flowId)));
        }
        return builder.build();
    }

    private static Optional<ChangeSource> source(JsonNode node, String where) {
        if (!node.has("source")) {
            return Optional.empty();
        }
        String value = text(node.get("source"), where + " 'source'").toUpperCase(Locale.ROOT);
        return value.equals("ANY")
                ? Optional.empty()
                : Optional.of(enumValue(ChangeSource.class, value, where + " 'source'"));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String where) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name());
            }
            throw invalid(where + " is '" + value + "'; it must be one of " + String.join(", ", names)
                    + (type == ChangeSource.class ? ", ANY" : ""));
        }
    }

    private static <T> T wrap(String where, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid(where + ": " + e.getMessage());
        }
    }

    private static void requireObject(JsonNode node, String where, Set<String> keys) {
        if (!node.isObject()) {
            throw invalid(where + " must be a mapping with keys " + String.join(", ", new java.util.TreeSet<>(keys)));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                throw invalid(where + " has unknown key '" + key + "'; the keys are "
                        + String.join(", ", new java.util.TreeSet<>(keys)));
            }
        }
    }

    private static JsonNode required(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw invalid(where + " needs '" + key + "'");
        }
        return value;
    }

    private static Iterable<JsonNode> list(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid(where + " '" + key + "' must be a list");
        }
        return value;
    }

    private static String text(JsonNode node, String where) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            throw invalid(where + " must be a text value");
        }
        return node.asText();
    }

    private static DbChangeException invalid(String message) {
        return new DbChangeException(ApprovalErrorCode.APPROVAL_CONFIG_INVALID, message);
    }
}
