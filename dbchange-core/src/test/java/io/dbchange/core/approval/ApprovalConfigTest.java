package io.dbchange.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.ErrorCode;
import io.dbchange.api.approval.ApprovalErrorCode;
import io.dbchange.api.approval.ApprovalFlow;
import io.dbchange.api.approval.ApprovalStep;
import io.dbchange.api.approval.Risk;
import io.dbchange.api.approval.Roles;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Configuration is type-checked and validated when it loads, with messages naming the entry and the fix. */
class ApprovalConfigTest {

    static void assertInvalid(Runnable load, ErrorCode code, String... parts) {
        assertThatThrownBy(load::run)
                .isInstanceOf(DbChangeException.class)
                .satisfies(e -> assertThat(((DbChangeException) e).code()).isEqualTo(code))
                .hasMessageContainingAll(parts);
    }

    @Test
    void riskRuleWithUnknownVariableNamesRuleAndPosition() {
        assertInvalid(
                () -> ApprovalConfig.builder()
                        .riskRule(RiskRule.anySource(
                                "prod-ddl", Risk.HIGH, "statement_kind == 'DDL' && enviroment_id == 'prod'"))
                        .build(),
                ApprovalErrorCode.RISK_RULE_INVALID,
                "risk rule 'prod-ddl'",
                "line 1, column 28",
                "enviroment_id",
                "Variables: environment_id (string)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "affected_rows > 'many'|found no matching overload",
                "environment_id|expected type 'bool'",
                "environment_id == 'prod' &&|line 1",
            })
    void riskRuleThatDoesNotTypeCheckIsRefusedAtLoad(String expression, String problem) {
        assertInvalid(
                () -> ApprovalConfig.builder()
                        .riskRule(RiskRule.anySource("r", Risk.LOW, expression))
                        .build(),
                ApprovalErrorCode.RISK_RULE_INVALID,
                "risk rule 'r'",
                problem);
    }

    @Test
    void flowNamingAnUndeclaredRoleIsRefused() {
        assertInvalid(
                () -> ApprovalConfig.builder()
                        .flow(new ApprovalFlow("f", "F", List.of(ApprovalStep.of(Roles.DBA), ApprovalStep.of("TESTR"))))
                        .build(),
                ApprovalErrorCode.APPROVAL_CONFIG_INVALID,
                "flow 'f' step 2 of 2 names role 'TESTR', which is neither built in",
                "declare custom roles");
    }

    @Test
    void flowRuleNamingAnUnknownFlowOrBadConditionIsRefused() {
        assertInvalid(
                () -> ApprovalConfigs.fromYaml("flowRules: [{id: x, flow: nope}]"),
                ApprovalErrorCode.APPROVAL_CONFIG_INVALID,
                "flow rule 'x' selects flow 'nope', which is not configured");
        assertInvalid(
                () -> ApprovalConfigs.fromYaml("""
                        flows: [{id: f, steps: [{role: DBA}]}]
                        flowRules: [{id: x, flow: f, condition: "risk > 2"}]
                        """),
                ApprovalErrorCode.APPROVAL_CONFIG_INVALID,
                "flow rule 'x': condition `risk > 2`",
                "Variables: source (string), risk (string), project_id (string), environment_ids (list(string))");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "riskRules: [{id: r, level: HIGH, expresion: 'true'}]|risk rule #1 has unknown key 'expresion'",
                "riskRules: [{id: r, level: SEVERE, expression: 'true'}]|risk rule 'r' 'level' is 'SEVERE'; it must be one of LOW, MODERATE, HIGH",
                "riskRules: [{id: r, level: LOW, source: DDLX, expression: 'true'}]|one of DDL, DML, CREATE_DATABASE, ROLLBACK, ANY",
                "flows: [{id: f, steps: [{role: dba}]}]|flow 'f' step 1: 'role' must be a role name",
                "flows: [{id: f, steps: [{role: DBA, approvals: 0}]}]|flow 'f' step 1 'approvals' must be a whole number of at least 1",
                "flows: [{id: f, steps: [{type: PIGEON, role: DBA}]}]|step type 'PIGEON'; the known step types are ROLE, EXTERNAL",
                "rollbackRole: AUDITOR|the rollback role 'AUDITOR' is neither built in",
                "roles: TESTER|'roles' must be a list",
                "flows: [{id: f, steps: [{role: DBA}]}, {id: f, steps: [{role: DBA}]}]|flow id 'f' is used twice",
                "'riskRules: ['|not well-formed YAML at line 1",
            })
    void malformedYamlNamesTheEntry(String yaml, String message) {
        assertInvalid(() -> ApprovalConfigs.fromYaml(yaml), ApprovalErrorCode.APPROVAL_CONFIG_INVALID, message);
    }

    @Test
    void emptyDocumentIsTheDefaults() {
        ApprovalConfig config = ApprovalConfigs.fromYaml("");
        assertThat(config.riskRules()).isEmpty();
        assertThat(config.flowRules()).isEmpty();
        assertThat(config.rollbackRole()).isEqualTo(Roles.DBA);
        assertThat(config.stepTypes()).containsOnlyKeys("ROLE", "EXTERNAL");
    }

    @Test
    void yamlAndCodeGiveTheSameConfiguration() {
        ApprovalConfig yaml = ApprovalConfigs.fromYaml(ApprovalTutorialTest.TESTER_YAML);
        assertThat(yaml.customRoles()).containsExactly("TESTER");
        assertThat(yaml.riskRules())
                .containsExactly(RiskRule.forSource(
                        "prod-ddl",
                        Risk.HIGH,
                        ChangeSource.DDL,
                        "environment_id == \"prod\" && statement_kind == \"DDL\""));
        assertThat(yaml.flows().get("tester-owner-dba").steps())
                .containsExactly(
                        ApprovalStep.of("TESTER"), ApprovalStep.of(Roles.PROJECT_OWNER), ApprovalStep.of(Roles.DBA));
        assertThat(yaml.flowRules())
                .containsExactly(FlowRule.of("high-ddl", ChangeSource.DDL, Risk.HIGH, "tester-owner-dba"));
    }
}
