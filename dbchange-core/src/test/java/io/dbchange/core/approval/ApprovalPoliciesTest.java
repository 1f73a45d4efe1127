package io.dbchange.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.ErrorCode;
import io.dbchange.api.approval.ApprovalErrorCode;
import io.dbchange.api.approval.ApprovalFlow;
import io.dbchange.api.approval.ApprovalStep;
import io.dbchange.api.approval.ApprovalStepType;
import io.dbchange.api.approval.Risk;
import io.dbchange.api.approval.Roles;
import io.dbchange.api.sql.Dialect;
import io.dbchange.core.approval.AuditEntry.AuditAction;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Edits, rejections, re-requests, N-of-M, external steps and the rollback policy. */
class ApprovalPoliciesTest {

    final InMemoryRoleResolver roles = new InMemoryRoleResolver()
            .grant("dev", Roles.PROJECT_DEVELOPER)
            .grant("olga", Roles.PROJECT_OWNER)
            .grant("otto", Roles.PROJECT_OWNER)
            .grant("dora", Roles.DBA)
            .grant("dan", Roles.DBA);

    final List<String> tokens = new ArrayList<>();

    ApprovalEngine engine(ApprovalConfig config) {
        return ApprovalEngine.builder(config)
                .roleResolver(roles)
                .callbackTokens((request, revision, step, approvalStep, token) -> tokens.add(token))
                .build();
    }

    static ApprovalSubject subject(int revision, String hash, String environment, String script) {
        return new ApprovalSubject(
                "r1",
                "shop",
                revision,
                hash,
                "dev",
                ChangeSource.DDL,
                List.of(SubjectTask.ofScript("t1", environment, "shop", Dialect.POSTGRESQL, script)));
    }

    static void assertCode(ThrowingCallable call, ErrorCode code, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(DbChangeException.class)
                .satisfies(e -> assertThat(((DbChangeException) e).code()).isEqualTo(code))
                .hasMessageContaining(message);
    }

    @Test
    void anEditResetsApprovalsAndReassessesRisk() {
        ApprovalEngine engine = engine(ApprovalTutorialTest.ownerThenDbaForHighDdl());
        ApprovalProcess process = engine.submit(subject(1, "h1", "prod", "ALTER TABLE book ADD COLUMN a int"));
        ApprovalProcess half = engine.approve(process, "olga", "h1", "ok");

        ApprovalProcess stillDdl = engine.revise(half, "dev", subject(2, "h2", "prod", "DROP TABLE book"));
        assertThat(stillDdl.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(stillDdl.approvals()).isEmpty();
        assertThat(stillDdl.currentStep()).hasValue(0);
        assertThat(stillDdl.revision()).isEqualTo(2);
        assertThat(stillDdl.risk().matches())
                .singleElement()
                .satisfies(m -> assertThat(m.variables()).containsEntry("sql_type", "DROP_TABLE"));
        assertCode(
                () -> engine.approve(stillDdl, "dora", "h2", "ok"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "step 1 of 2 waits for role PROJECT_OWNER");

        ApprovalProcess nowLow =
                engine.revise(stillDdl, "dev", subject(3, "h3", "prod", "UPDATE book SET a = 1 WHERE id = 2"));
        assertThat(nowLow.risk().risk()).isEqualTo(Risk.LOW);
        assertThat(nowLow.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(nowLow.audit())
                .extracting(AuditEntry::action)
                .containsExactly(AuditAction.SUBMITTED, AuditAction.APPROVED, AuditAction.REVISED, AuditAction.REVISED);
    }

    @Test
    void aDecisionOnOldContentIsStale() {
        ApprovalEngine engine = engine(ApprovalTutorialTest.ownerThenDbaForHighDdl());
        ApprovalProcess process = engine.submit(subject(1, "h1", "prod", "DROP TABLE a"));
        ApprovalProcess revised = engine.revise(process, "dev", subject(2, "h2", "prod", "DROP TABLE b"));

        assertCode(
                () -> engine.approve(revised, "olga", "h1", "ok"),
                ApprovalErrorCode.APPROVAL_STALE,
                "olga decided on content h1, but revision 2 has content h2");
    }

    @Test
    void onlyTheCreatorRevisesAndReRequestsAndOnlyAfterAnEdit() {
        ApprovalEngine engine = engine(ApprovalTutorialTest.ownerThenDbaForHighDdl());
        ApprovalProcess process = engine.submit(subject(1, "h1", "prod", "DROP TABLE a"));
        ApprovalProcess half = engine.approve(process, "olga", "h1", "ok");

        assertCode(
                () -> engine.reject(half, "olga2", "h1", "no"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "step 2 of 2 waits for role DBA; olga2 holds no role");
        ApprovalProcess rejected = engine.reject(half, "dora", "h1", "drop needs a backup first");
        assertThat(rejected.status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(rejected.approvals()).isEmpty();
        assertThat(rejected.waitingFor()).contains("the creator dev to revise request r1");

        assertCode(
                () -> engine.approve(rejected, "dan", "h1", "ok"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "it is REJECTED");
        assertCode(
                () -> engine.reRequest(rejected, "dev", "please"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "is the content that was rejected; revise it");
        assertCode(
                () -> engine.revise(rejected, "olga", subject(2, "h2", "prod", "DROP TABLE a")),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "only its creator dev may revise it");
        assertCode(
                () -> engine.revise(rejected, "dev", subject(2, "h1", "prod", "DROP TABLE a")),
                CoreErrorCode.INVALID_ARGUMENT,
                "has the same content hash");

        ApprovalProcess edited = engine.revise(rejected, "dev", subject(2, "h2", "prod", "DROP TABLE a"));
        assertThat(edited.status()).isEqualTo(ApprovalStatus.REJECTED);
        assertCode(
                () -> engine.reRequest(edited, "olga", "please"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "only its creator dev may request approval again");
        ApprovalProcess again = engine.reRequest(edited, "dev", "backup taken");
        assertThat(again.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(again.currentStep()).hasValue(0);
        ApprovalProcess approved = engine.approve(engine.approve(again, "otto", "h2", "ok"), "dora", "h2", "ok");
        assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(approved.audit())
                .extracting(AuditEntry::action, AuditEntry::revision)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AuditAction.SUBMITTED, 1),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.APPROVED, 1),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.REJECTED, 1),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.REVISED, 2),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.RE_REQUESTED, 2),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.APPROVED, 2),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.APPROVED, 2));
    }

    @Test
    void nOfMStepNeedsDistinctHolders() {
        ApprovalConfig config = ApprovalConfig.builder()
                .flow(new ApprovalFlow("two-owners", "Two owners", List.of(new ApprovalStep(Roles.PROJECT_OWNER, 2))))
                .flowRule(new FlowRule(
                        "all",
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        "two-owners"))
                .build();
        ApprovalEngine engine = engine(config);
        ApprovalProcess one = engine.approve(engine.submit(subject(1, "h1", "test", "SELECT 1")), "olga", "h1", "ok");

        assertThat(one.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(one.waitingFor()).isEqualTo("step 1 of 1 (2 x PROJECT_OWNER, 1 given)");
        assertCode(
                () -> engine.approve(one, "olga", "h1", "again"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "olga already approved step 1 of revision 1 and counts once; step 1 of 1 waits for another role"
                        + " PROJECT_OWNER");
        assertThat(engine.approve(one, "otto", "h1", "ok").status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void externalStepWaitsForItsOneTimeToken() {
        ApprovalConfig config = ApprovalConfigs.fromYaml("""
                flows:
                  - id: cab
                    steps:
                      - role: PROJECT_OWNER
                      - type: external
                        role: CHANGE_BOARD
                flowRules:
                  - id: all
                    flow: cab
                roles: [CHANGE_BOARD]
                """);
        ApprovalEngine engine = engine(config);
        ApprovalProcess process = engine.submit(subject(1, "h1", "prod", "DROP TABLE a"));
        assertThat(tokens).isEmpty();
        ApprovalProcess owned = engine.approve(process, "olga", "h1", "ok");
        assertThat(tokens).hasSize(1);
        String token = tokens.get(0);
        assertThat(owned.callbackTokenHash()).isPresent().get().isNotEqualTo(token);
        assertThat(ApprovalJson.write(owned)).doesNotContain(token);

        roles.grant("carl", "CHANGE_BOARD");
        assertCode(
                () -> engine.approve(owned, "carl", "h1", "ok"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "step 2 of 2 waits for the external callback for CHANGE_BOARD with its one-time token");
        assertCode(
                () -> engine.callback(owned, token + "x", "jira", true, "ok"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "not the one-time token of the current step");
        assertCode(
                () -> engine.callback(owned, token, "dev", true, "ok"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "dev created it");

        ApprovalProcess approved = engine.callback(owned, token, "jira", true, "CAB-42 approved");
        assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(approved.callbackTokenHash()).isEmpty();
        assertThat(approved.approvals())
                .last()
                .extracting(StepApproval::principal, StepApproval::role)
                .containsExactly("jira", "CHANGE_BOARD");
        assertCode(
                () -> engine.callback(approved, token, "jira", true, "again"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "not the one-time token");
    }

    @Test
    void externalStepWithoutTokenSinkIsAConfigurationError() {
        ApprovalConfig config = ApprovalConfig.builder()
                .customRole("CHANGE_BOARD")
                .flow(new ApprovalFlow("cab", "CAB", List.of(ApprovalStep.external("CHANGE_BOARD"))))
                .build();
        assertCode(
                () -> ApprovalEngine.builder(config).roleResolver(roles).build(),
                ApprovalErrorCode.APPROVAL_CONFIG_INVALID,
                "needs a CallbackTokenSink");
    }

    @Test
    void everyRollbackNeedsTheRollbackRoleWhateverTheRules() {
        ApprovalSubject rollback = new ApprovalSubject(
                "r9",
                "shop",
                1,
                "h1",
                "dev",
                ChangeSource.ROLLBACK,
                List.of(SubjectTask.ofScript("t1", "test", "shop", Dialect.MYSQL, "UPDATE a SET b = 1 WHERE id = 1")));

        ApprovalProcess byDefault = engine(ApprovalConfig.defaults()).submit(rollback);
        assertThat(byDefault.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(byDefault.flow().steps()).containsExactly(ApprovalStep.of(Roles.DBA));
        assertThat(byDefault.flow().reason()).contains("rollback policy: every rollback needs an approval by DBA");

        ApprovalConfig ownerOnly = ApprovalConfig.builder()
                .rollbackRole(Roles.OWNER)
                .flow(new ApprovalFlow("owner", "Owner", List.of(ApprovalStep.of(Roles.PROJECT_OWNER))))
                .flowRule(new FlowRule(
                        "rollbacks",
                        java.util.Optional.of(ChangeSource.ROLLBACK),
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        "owner"))
                .build();
        ApprovalProcess configured = engine(ownerOnly).submit(rollback);
        assertThat(configured.flow().steps())
                .containsExactly(ApprovalStep.of(Roles.PROJECT_OWNER), ApprovalStep.of(Roles.OWNER));
    }

    @Test
    void flowRuleConditionAndOrderDecide() {
        ApprovalConfig config = ApprovalConfigs.fromJson("""
                {"flows": [{"id": "dba", "steps": [{"role": "DBA"}]}, {"id": "owner", "steps": [{"role": "PROJECT_OWNER"}]}],
                 "flowRules": [
                   {"id": "prod-any", "condition": "'prod' in environment_ids && project_id == 'shop'", "flow": "dba"},
                   {"id": "rest", "source": "ANY", "flow": "owner"}]}
                """);
        ApprovalEngine engine = engine(config);

        ApprovalProcess prod = engine.submit(subject(1, "h1", "prod", "SELECT 1"));
        ApprovalProcess test = engine.submit(subject(1, "h1", "test", "SELECT 1"));

        assertThat(prod.flow().flowId()).contains("dba");
        assertThat(prod.flow().reason()).contains("condition `'prod' in environment_ids && project_id == 'shop'`");
        assertThat(test.flow().flowRuleId()).contains("rest");
    }

    @Test
    void taskRiskIsTheHighestMatchingRuleAndRequestRiskTheHighestTask() {
        ApprovalConfig config = ApprovalConfig.builder()
                .riskRule(RiskRule.anySource("any-index", Risk.MODERATE, "sql_type == 'CREATE_INDEX'"))
                .riskRule(RiskRule.anySource("big-table", Risk.HIGH, "table_name == 'orders' && table_rows > 1000000"))
                .riskRule(RiskRule.forSource("dml-only", Risk.HIGH, ChangeSource.DML, "true"))
                .build();
        ApprovalEngine engine = engine(config);
        SubjectTask small = SubjectTask.ofScript(
                "t1", "test", "shop", Dialect.POSTGRESQL, "CREATE INDEX i ON orders (a); CREATE INDEX j ON items (b);");
        SubjectTask big = new SubjectTask(
                "t2",
                "prod",
                "shop",
                Dialect.POSTGRESQL,
                List.of(new SubjectStatement("CREATE INDEX i ON orders (a)", 0, 5_000_000, StatementReview.NONE)));
        ApprovalSubject subject =
                new ApprovalSubject("r2", "shop", 1, "h", "dev", ChangeSource.DDL, List.of(small, big));

        RiskAssessment risk = engine.assessRisk(subject);

        assertThat(risk.risk()).isEqualTo(Risk.HIGH);
        assertThat(risk.tasks()).extracting(TaskRisk::risk).containsExactly(Risk.MODERATE, Risk.HIGH);
        assertThat(risk.matches())
                .extracting(RiskMatch::ruleId, RiskMatch::taskId, RiskMatch::matchingStatements)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("any-index", "t1", 2),
                        org.assertj.core.groups.Tuple.tuple("any-index", "t2", 1),
                        org.assertj.core.groups.Tuple.tuple("big-table", "t2", 1));
        assertThat(risk.matches().get(2).variables())
                .containsEntry("table_rows", "5000000")
                .containsEntry("table_name", "orders")
                .containsEntry("db_engine", "POSTGRESQL");
    }

    @Test
    void processStateRoundTripsThroughJson() {
        ApprovalEngine engine = engine(ApprovalTutorialTest.ownerThenDbaForHighDdl());
        ApprovalProcess process = engine.approve(
                engine.submit(subject(1, "h1", "prod", "ALTER TABLE a ADD COLUMN b int")), "olga", "h1", "ok");
        ApprovalProcess rejected = engine.reject(process, "dora", "h1", "no");

        for (ApprovalProcess p : List.of(process, rejected)) {
            String json = ApprovalJson.write(p);
            assertThat(ApprovalJson.read(json)).isEqualTo(p);
            assertThat(ApprovalJson.write(ApprovalJson.read(json))).isEqualTo(json);
        }
        assertCode(
                () -> ApprovalJson.read("{\"requestId\": 1}"),
                CoreErrorCode.INVALID_ARGUMENT,
                "not the JSON of an approval process");
    }

    @Test
    void riskRuleFailingAtRunTimeNamesRuleTaskAndStatement() {
        ApprovalEngine engine = engine(ApprovalConfig.builder()
                .riskRule(RiskRule.anySource("ratio", Risk.HIGH, "affected_rows / (table_rows + 1) > 0"))
                .build());

        assertCode(
                () -> engine.assessRisk(subject(1, "h1", "prod", "DELETE FROM a WHERE id = 1")),
                ApprovalErrorCode.RISK_EVALUATION_FAILED,
                "risk rule 'ratio' failed on task 't1' statement #1 `DELETE FROM a WHERE id = 1`");
    }

    @Test
    void riskVariablesAreExactlyTheDocumentedOnes() {
        ApprovalEngine engine = engine(ApprovalConfig.builder()
                .riskRule(RiskRule.anySource("all", Risk.MODERATE, "true"))
                .build());

        RiskMatch match = engine.assessRisk(subject(1, "h1", "prod", "TRUNCATE orders"))
                .matches()
                .get(0);

        assertThat(match.variables()).containsOnlyKeys(RiskVariables.RISK_VARIABLES.keySet());
        assertThat(match.variables())
                .containsEntry("sql_type", "TRUNCATE")
                .containsEntry("statement_kind", "DDL")
                .containsEntry("table_name", "orders")
                // SubjectTask.ofScript carries no review: not reviewed
                .containsEntry("review_max_level", "NONE")
                .containsEntry("review_rules", "[]")
                .containsEntry("review_error", "");
    }

    @Test
    void customStepTypeCannotLetTheCreatorThrough() {
        // a step type that admits everyone: the engine's own policies still apply before it is asked
        io.dbchange.api.approval.ApprovalStepType anyone = new io.dbchange.api.approval.ApprovalStepType() {
            @Override
            public String name() {
                return "ANYONE";
            }

            @Override
            public boolean issuesCallbackToken() {
                return false;
            }

            @Override
            public java.util.Optional<String> refusal(ApprovalStep step, io.dbchange.api.approval.Decider decider) {
                return java.util.Optional.empty();
            }
        };
        ApprovalConfig config = ApprovalConfig.builder()
                .stepType(anyone)
                .flow(new ApprovalFlow("f", "F", List.of(new ApprovalStep("ANYONE", Roles.PROJECT_OWNER, 2))))
                .flowRule(new FlowRule(
                        "all", java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), "f"))
                .build();
        ApprovalEngine engine = engine(config);
        ApprovalProcess process = engine.submit(subject(1, "h1", "prod", "SELECT 1"));

        assertCode(
                () -> engine.approve(process, "dev", "h1", "mine"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "dev created it");
        ApprovalProcess once = engine.approve(process, "stranger", "h1", "ok");
        assertCode(
                () -> engine.approve(once, "stranger", "h1", "again"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "stranger already approved");
        assertThat(engine.approve(once, "other", "h1", "ok").status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void externalStepNeedingTwoCallbacksIssuesAFreshTokenForEach() {
        ApprovalConfig config = ApprovalConfig.builder()
                .customRole("CHANGE_BOARD")
                .flow(new ApprovalFlow(
                        "cab", "CAB", List.of(new ApprovalStep(ApprovalStepType.EXTERNAL, "CHANGE_BOARD", 2))))
                .flowRule(new FlowRule(
                        "all",
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        "cab"))
                .build();
        ApprovalEngine engine = engine(config);
        ApprovalProcess process = engine.submit(subject(1, "h1", "prod", "DROP TABLE a"));
        ApprovalProcess once = engine.callback(process, tokens.get(0), "board-member-1", true, "yes");

        assertThat(tokens).hasSize(2);
        assertCode(
                () -> engine.callback(once, tokens.get(0), "board-member-2", true, "yes"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "not the one-time token");
        assertThat(engine.callback(once, tokens.get(1), "board-member-2", true, "yes")
                        .status())
                .isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void storedStateNoEngineCouldProduceIsRefused() {
        ApprovalEngine engine = engine(ApprovalTutorialTest.ownerThenDbaForHighDdl());
        ApprovalProcess process =
                engine.approve(engine.submit(subject(1, "h1", "prod", "DROP TABLE a")), "olga", "h1", "ok");
        String json = ApprovalJson.write(process);

        assertCode(
                () -> ApprovalJson.read(
                        json.replace("\"step\":0,\"principal\":\"olga\"", "\"step\":7,\"principal\":\"olga\"")),
                CoreErrorCode.INVALID_ARGUMENT,
                "is for step 8, but the flow has 2 steps");
    }
}
