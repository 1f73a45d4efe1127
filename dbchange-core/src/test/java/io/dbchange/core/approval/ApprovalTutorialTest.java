package io.dbchange.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.approval.ApprovalErrorCode;
import io.dbchange.api.approval.ApprovalFlow;
import io.dbchange.api.approval.ApprovalStep;
import io.dbchange.api.approval.Risk;
import io.dbchange.api.approval.Roles;
import io.dbchange.api.sql.Dialect;
import io.dbchange.core.approval.AuditEntry.AuditAction;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three scenarios of the approval tutorial, at engine level (the pipeline runs them on real databases). */
class ApprovalTutorialTest {

    static final String DDL = "ALTER TABLE book ADD COLUMN isbn varchar(20)";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    final InMemoryRoleResolver roles = new InMemoryRoleResolver()
            .grant("dev", Roles.PROJECT_DEVELOPER)
            .grant("olga", Roles.PROJECT_OWNER)
            .grant("dora", Roles.DBA)
            .grant("tess", "TESTER");

    static ApprovalSubject schemaChange(String hash, String... environments) {
        List<SubjectTask> tasks = java.util.Arrays.stream(environments)
                .map(env -> SubjectTask.ofScript(env + "-shop", env, "shop", Dialect.MYSQL, DDL + ";"))
                .toList();
        return new ApprovalSubject("r1", "shop", 1, hash, "dev", ChangeSource.DDL, tasks);
    }

    ApprovalEngine engine(ApprovalConfig config) {
        return ApprovalEngine.builder(config).roleResolver(roles).clock(CLOCK).build();
    }

    @Test
    void defaultsNeedNoApprovalForASchemaChangeToTestAndProd() {
        ApprovalProcess process = engine(ApprovalConfig.defaults()).submit(schemaChange("h1", "test", "prod"));

        assertThat(process.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(process.risk().risk()).isEqualTo(Risk.LOW);
        assertThat(process.risk().tasks()).extracting(TaskRisk::risk).containsExactly(Risk.LOW, Risk.LOW);
        assertThat(process.risk().matches()).isEmpty();
        assertThat(process.flow().approvalNeeded()).isFalse();
        assertThat(process.flow().reason())
                .isEqualTo("no flow rule matched (source DDL, risk LOW): no approval needed");
        assertThat(process.audit()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.SUBMITTED);
            assertThat(e.principal()).isEqualTo("dev");
            assertThat(e.outcome()).isEqualTo(ApprovalStatus.APPROVED);
            assertThat(e.at()).isEqualTo(CLOCK.instant());
        });
    }

    static ApprovalConfig ownerThenDbaForHighDdl() {
        return ApprovalConfig.builder()
                .riskRule(RiskRule.forSource(
                        "prod-ddl",
                        Risk.HIGH,
                        ChangeSource.DDL,
                        "environment_id == \"prod\" && statement_kind == \"DDL\""))
                .flow(new ApprovalFlow(
                        "owner-dba",
                        "Owner then DBA",
                        List.of(ApprovalStep.of(Roles.PROJECT_OWNER), ApprovalStep.of(Roles.DBA))))
                .flowRule(FlowRule.of("high-ddl", ChangeSource.DDL, Risk.HIGH, "owner-dba"))
                .build();
    }

    @Test
    void prodDdlRuleMakesTheWholeRequestHighAndNeedsOwnerThenDba() {
        ApprovalEngine engine = engine(ownerThenDbaForHighDdl());
        ApprovalSubject subject = schemaChange("h1", "test", "prod");

        ApprovalProcess process = engine.submit(subject);

        assertThat(process.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(process.risk().risk()).isEqualTo(Risk.HIGH);
        assertThat(process.risk().tasks())
                .extracting(TaskRisk::environmentId, TaskRisk::risk)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("test", Risk.LOW),
                        org.assertj.core.groups.Tuple.tuple("prod", Risk.HIGH));
        assertThat(process.risk().matches()).singleElement().satisfies(m -> {
            assertThat(m.ruleId()).isEqualTo("prod-ddl");
            assertThat(m.taskId()).isEqualTo("prod-shop");
            assertThat(m.statementIndex()).isZero();
            assertThat(m.statement()).startsWith("ALTER TABLE book");
            assertThat(m.variables())
                    .containsEntry("environment_id", "prod")
                    .containsEntry("statement_kind", "DDL")
                    .containsEntry("sql_type", "ALTER_TABLE")
                    .containsEntry("table_name", "book")
                    .containsEntry("db_engine", "MYSQL")
                    .containsEntry("project_id", "shop");
        });
        assertThat(process.flow().flowId()).contains("owner-dba");
        assertThat(process.flow().reason()).contains("flow rule 'high-ddl' matched (source DDL, risk HIGH)");

        assertThatThrownBy(() -> engine.approve(process, "dora", "h1", "ok"))
                .isInstanceOf(DbChangeException.class)
                .satisfies(
                        e -> assertThat(((DbChangeException) e).code()).isEqualTo(ApprovalErrorCode.APPROVAL_FORBIDDEN))
                .hasMessageContaining("step 1 of 2 waits for role PROJECT_OWNER; dora holds DBA")
                .hasMessageContaining("they may decide step 2 (DBA) once step 1 is done");

        ApprovalProcess ownerApproved = engine.approve(process, "olga", "h1", "schema reviewed");
        assertThat(ownerApproved.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(ownerApproved.currentStep()).hasValue(1);
        ApprovalProcess approved = engine.approve(ownerApproved, "dora", "h1", "safe online");

        assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(approved.approvals())
                .extracting(StepApproval::step, StepApproval::principal, StepApproval::role)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, "olga", Roles.PROJECT_OWNER),
                        org.assertj.core.groups.Tuple.tuple(1, "dora", Roles.DBA));
        assertThat(approved.audit())
                .extracting(AuditEntry::action, AuditEntry::principal, AuditEntry::revision, AuditEntry::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AuditAction.SUBMITTED, "dev", 1, ApprovalStatus.PENDING),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.APPROVED, "olga", 1, ApprovalStatus.PENDING),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.APPROVED, "dora", 1, ApprovalStatus.APPROVED));
        assertThat(approved.audit().get(1).reason()).isEqualTo("schema reviewed");
    }

    @Test
    void theSameChangeToTestAloneIsLowAndNeedsNoApproval() {
        ApprovalProcess process = engine(ownerThenDbaForHighDdl()).submit(schemaChange("h1", "test"));

        assertThat(process.risk().risk()).isEqualTo(Risk.LOW);
        assertThat(process.status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    static final String TESTER_YAML = """
            roles: [TESTER]
            riskRules:
              - id: prod-ddl
                level: HIGH
                source: DDL
                expression: environment_id == "prod" && statement_kind == "DDL"
            flows:
              - id: tester-owner-dba
                title: Tester, owner, DBA
                steps:
                  - role: TESTER
                  - role: PROJECT_OWNER
                  - role: DBA
            flowRules:
              - id: high-ddl
                source: DDL
                risk: HIGH
                flow: tester-owner-dba
            """;

    @Test
    void customTesterRoleRefusesWrongOrderAndWrongRoleNamingTheWaitingStep() {
        ApprovalEngine engine = engine(ApprovalConfigs.fromYaml(TESTER_YAML));
        ApprovalProcess process = engine.submit(schemaChange("h1", "test", "prod"));
        assertThat(process.flow().steps())
                .extracting(ApprovalStep::role)
                .containsExactly("TESTER", Roles.PROJECT_OWNER, Roles.DBA);

        assertThatThrownBy(() -> engine.approve(process, "olga", "h1", "ok"))
                .hasMessage("APPROVAL_FORBIDDEN: request r1: step 1 of 3 waits for role TESTER; olga holds"
                        + " PROJECT_OWNER; they may decide step 2 (PROJECT_OWNER) once step 1 is done");
        ApprovalProcess tested = engine.approve(process, "tess", "h1", "tests pass");
        assertThatThrownBy(() -> engine.approve(tested, "dora", "h1", "ok"))
                .hasMessageContaining(
                        "step 2 of 3 waits for role PROJECT_OWNER; dora holds DBA; they may decide step 3");
        assertThatThrownBy(() -> engine.approve(tested, "dev", "h1", "ok"))
                .hasMessageContaining(
                        "dev created it and may not approve it; step 2 of 3 waits for role PROJECT_OWNER");
        assertThatThrownBy(() -> engine.approve(tested, "nobody", "h1", "ok"))
                .hasMessageContaining("step 2 of 3 waits for role PROJECT_OWNER; nobody holds no role");
        ApprovalProcess owned = engine.approve(tested, "olga", "h1", "ok");
        assertThatThrownBy(() -> engine.approve(owned, "tess", "h1", "again"))
                .hasMessageContaining("tess already approved step 1 of revision 1");
        ApprovalProcess approved = engine.approve(owned, "dora", "h1", "ok");

        assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(approved.approvals()).extracting(StepApproval::principal).containsExactly("tess", "olga", "dora");
        assertThatThrownBy(() -> engine.approve(approved, "dora", "h1", "ok")).hasMessageContaining("it is APPROVED");
    }

    @Test
    void creatorHoldingEveryRoleStillCannotDecideOwnRequest() {
        roles.grant("dev", "TESTER").grant("dev", Roles.OWNER).grant("dev", Roles.DBA);
        ApprovalEngine engine = engine(ApprovalConfigs.fromYaml(TESTER_YAML));
        ApprovalProcess process = engine.submit(schemaChange("h1", "prod"));

        assertThatThrownBy(() -> engine.approve(process, "dev", "h1", "mine"))
                .satisfies(
                        e -> assertThat(((DbChangeException) e).code()).isEqualTo(ApprovalErrorCode.APPROVAL_FORBIDDEN))
                .hasMessageContaining("dev created it and may not approve it");
        assertThatThrownBy(() -> engine.reject(process, "dev", "h1", "mine"))
                .hasMessageContaining("dev created it and may not reject it");
    }
}
