package io.dbchange.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.ErrorCode;
import io.dbchange.api.approval.ApprovalErrorCode;
import io.dbchange.api.approval.ApprovalFlow;
import io.dbchange.api.approval.ApprovalStep;
import io.dbchange.api.approval.Risk;
import io.dbchange.api.approval.Roles;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.TaskState;
import io.dbchange.api.change.WaitReason;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.pipeline.ApprovalGate;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Instance;
import io.dbchange.api.project.Project;
import io.dbchange.api.store.AuditEntry;
import io.dbchange.core.approval.ApprovalConfig;
import io.dbchange.core.approval.ApprovalStatus;
import io.dbchange.core.approval.ChangeSource;
import io.dbchange.core.approval.FlowRule;
import io.dbchange.core.approval.InMemoryRoleResolver;
import io.dbchange.core.approval.RiskRule;
import io.dbchange.core.store.InMemoryMetadataStore;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The approval engine as the pipeline's gate, without executing anything (so no database): what the gate decides,
 * who may decide, what an edit resets, and what the store's audit log holds. Rollout on real databases is proven by
 * {@code PipelineApprovalsIT} in dbchange-mysql.
 */
class PipelineApprovalsTest {

    static final String DDL = "ALTER TABLE orders ADD note varchar(20)";
    static final TargetSelector BOTH =
            TargetSelector.databases(new DatabaseRef("my-test", "orders"), new DatabaseRef("my-prod", "orders"));

    final InMemoryRoleResolver roles = new InMemoryRoleResolver()
            .grant("shop", "dev", Roles.PROJECT_DEVELOPER)
            .grant("shop", "olga", Roles.PROJECT_OWNER)
            .grant("dora", Roles.DBA)
            .grant("dan", Roles.DBA);
    final InMemoryMetadataStore store = new InMemoryMetadataStore();
    Pipeline pipeline;

    static ApprovalConfig ownerThenDbaForProdDdl() {
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

    Pipeline build(ApprovalConfig config) {
        pipeline = Pipeline.configure()
                .store(store)
                .project(Project.of("shop", "Shop"))
                .environments("test", "prod")
                .instance(instance("my-test", "test"))
                .instance(instance("my-prod", "prod"))
                .database(new Database(new DatabaseRef("my-test", "orders"), "shop", "test"))
                .database(new Database(new DatabaseRef("my-prod", "orders"), "shop", "prod"))
                .roleResolver(roles)
                .approvals(config)
                .build();
        return pipeline;
    }

    private static Instance instance(String id, String env) {
        return new Instance(id, env, "mysql", ConnectionSettings.of("jdbc:mysql://db-" + id + ":3306/", "app", "x"));
    }

    @AfterEach
    void close() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    ChangeRequest submitted(ChangeType type, String environment) {
        ChangeRequest cr = pipeline.create(NewChangeRequest.of(
                "shop", "Add note", type, DDL, TargetSelector.matching(environment, "orders"), "dev"));
        return pipeline.submit(cr.id(), "dev");
    }

    ChangeRequest submitted() {
        ChangeRequest cr =
                pipeline.create(NewChangeRequest.of("shop", "Add note", ChangeType.SCHEMA, DDL, BOTH, "dev"));
        return pipeline.submit(cr.id(), "dev");
    }

    static void refused(ThrowingCallable call, ErrorCode code, String... message) {
        var assertion = assertThatThrownBy(call)
                .isInstanceOf(DbChangeException.class)
                .satisfies(e -> assertThat(((DbChangeException) e).code()).isEqualTo(code));
        for (String m : message) {
            assertion.hasMessageContaining(m);
        }
    }

    @Test
    void withDefaultsASchemaChangeIsApprovedAtSubmit() {
        build(ApprovalConfig.defaults());
        ChangeRequest cr = submitted();

        assertThat(cr.status()).isEqualTo(ChangeRequestStatus.APPROVED);
        assertThat(pipeline.approvalProcess(cr.id()).orElseThrow().risk().risk())
                .isEqualTo(Risk.LOW);
    }

    @Test
    void aProdDdlMakesTheWholeRequestHighAndItWaitsForOwnerThenDbaInOrder() {
        build(ownerThenDbaForProdDdl());
        ChangeRequest cr = submitted();

        assertThat(cr.status()).isEqualTo(ChangeRequestStatus.PENDING_APPROVAL);
        // every task waits, the test one too, although its own risk is LOW
        assertThat(pipeline.plan(cr.id()).tasks())
                .hasSize(2)
                .allSatisfy(t -> assertThat(t.state()).isInstanceOfSatisfying(TaskState.Waiting.class, w -> {
                    assertThat(w.reason()).isEqualTo(WaitReason.APPROVAL);
                    assertThat(w.detail()).contains("risk HIGH", "step 1 of 2");
                }));
        var process = pipeline.approvalProcess(cr.id()).orElseThrow();
        assertThat(process.risk().matches()).singleElement().satisfies(m -> {
            assertThat(m.ruleId()).isEqualTo("prod-ddl");
            assertThat(m.variables())
                    .containsEntry("environment_id", "prod")
                    .containsEntry("database_name", "orders")
                    .containsEntry("db_engine", "MYSQL")
                    .containsEntry("sql_type", "ALTER_TABLE");
        });

        refused(
                () -> pipeline.approve(cr.id(), "dora", cr.contentHash(), "ok"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "step 1 of 2 waits for role PROJECT_OWNER");
        refused(() -> pipeline.approve(cr.id(), "dev", cr.contentHash(), "mine"), ApprovalErrorCode.APPROVAL_FORBIDDEN);
        assertThat(pipeline.approve(cr.id(), "olga", cr.contentHash(), "reviewed")
                        .status())
                .isEqualTo(ChangeRequestStatus.PENDING_APPROVAL);
        refused(
                () -> pipeline.approve(cr.id(), "olga", cr.contentHash(), "again"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "olga already approved step 1",
                "step 2 of 2 waits for");
        assertThat(pipeline.approve(cr.id(), "dora", cr.contentHash(), "safe").status())
                .isEqualTo(ChangeRequestStatus.APPROVED);

        List<AuditEntry> log = pipeline.auditLog(cr.id()).stream()
                .filter(e -> e.action().startsWith("approval."))
                .toList();
        assertThat(log)
                .extracting(
                        AuditEntry::principal,
                        AuditEntry::action,
                        e -> e.details().get("outcome"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("dev", "approval.submitted", "PENDING"),
                        org.assertj.core.groups.Tuple.tuple("dora", "approval.approve", "REFUSED APPROVAL_FORBIDDEN"),
                        org.assertj.core.groups.Tuple.tuple("dev", "approval.approve", "REFUSED APPROVAL_FORBIDDEN"),
                        org.assertj.core.groups.Tuple.tuple("olga", "approval.approved", "PENDING"),
                        org.assertj.core.groups.Tuple.tuple("olga", "approval.approve", "REFUSED APPROVAL_FORBIDDEN"),
                        org.assertj.core.groups.Tuple.tuple("dora", "approval.approved", "APPROVED"));
        assertThat(log).allSatisfy(e -> {
            assertThat(e.details()).containsEntry("revision", Integer.toString(cr.revision()));
            assertThat(e.at()).isNotNull();
        });
    }

    @Test
    void ofManyOwnersApprovingAtOnceFromTwoPipelinesOnOneStoreExactlyOneCounts() throws Exception {
        List<String> owners = List.of("o1", "o2", "o3", "o4", "o5", "o6");
        owners.forEach(o -> roles.grant("shop", o, Roles.PROJECT_OWNER));
        build(ownerThenDbaForProdDdl());
        Pipeline other = Pipeline.configure()
                .store(store)
                .project(Project.of("shop", "Shop"))
                .environments("test", "prod")
                .instance(instance("my-test", "test"))
                .instance(instance("my-prod", "prod"))
                .database(new Database(new DatabaseRef("my-test", "orders"), "shop", "test"))
                .database(new Database(new DatabaseRef("my-prod", "orders"), "shop", "prod"))
                .roleResolver(roles)
                .approvals(ownerThenDbaForProdDdl())
                .build();
        try (other) {
            ChangeRequest cr = submitted();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.ExecutorService pool =
                    java.util.concurrent.Executors.newFixedThreadPool(owners.size());
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < owners.size(); i++) {
                Pipeline node = i % 2 == 0 ? pipeline : other;
                String owner = owners.get(i);
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        node.approve(cr.id(), owner, cr.contentHash(), "mine");
                        return true;
                    } catch (DbChangeException e) {
                        assertThat(e.code()).isEqualTo(ApprovalErrorCode.APPROVAL_FORBIDDEN);
                        assertThat(e).hasMessageContaining("step 2 of 2 waits for role DBA");
                        return false;
                    }
                }));
            }
            start.countDown();
            int won = 0;
            for (var f : results) {
                won += f.get() ? 1 : 0;
            }
            pool.shutdownNow();

            assertThat(won).isEqualTo(1);
            assertThat(other.approvalProcess(cr.id()).orElseThrow().approvals()).hasSize(1);
            assertThat(pipeline.auditLog(cr.id()))
                    .filteredOn(e -> e.action().equals("approval.approved"))
                    .hasSize(1);
        }
    }

    @Test
    void anEditResetsApprovalsAndReassessesRiskAndOnlyTheCreatorEdits() {
        build(ownerThenDbaForProdDdl());
        ChangeRequest cr = submitted();
        pipeline.approve(cr.id(), "olga", cr.contentHash(), "reviewed");

        refused(
                () -> pipeline.edit(cr.id(), "olga", DDL + "; " + DDL, BOTH),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "only its creator dev may edit it");
        ChangeRequest edited = pipeline.edit(cr.id(), "dev", "ALTER TABLE orders ADD other int", BOTH);

        assertThat(edited.contentHash()).isNotEqualTo(cr.contentHash());
        assertThat(edited.status()).isEqualTo(ChangeRequestStatus.PENDING_APPROVAL);
        var process = pipeline.approvalProcess(cr.id()).orElseThrow();
        assertThat(process.approvals()).isEmpty();
        assertThat(process.contentHash()).isEqualTo(edited.contentHash());
        assertThat(process.currentStep()).hasValue(0);
        // a decision on what the approver saw before the edit is stale
        refused(() -> pipeline.approve(cr.id(), "olga", cr.contentHash(), "old"), ApprovalErrorCode.APPROVAL_STALE);

        // a test-only edit: no prod task, so risk LOW and no approval needed
        ChangeRequest testOnly = pipeline.edit(
                cr.id(), "dev", "ALTER TABLE orders ADD t int", TargetSelector.matching("test", "orders"));
        assertThat(testOnly.status()).isEqualTo(ChangeRequestStatus.APPROVED);
        assertThat(pipeline.approvalProcess(cr.id()).orElseThrow().risk().risk())
                .isEqualTo(Risk.LOW);
    }

    @Test
    void aRejectedRequestComesBackOnlyFromItsCreatorWithChangedContent() {
        build(ownerThenDbaForProdDdl());
        ChangeRequest cr = submitted();
        assertThat(pipeline.reject(cr.id(), "olga", cr.contentHash(), "needs a default")
                        .status())
                .isEqualTo(ChangeRequestStatus.REJECTED);
        refused(
                () -> pipeline.approve(cr.id(), "olga", cr.contentHash(), "changed my mind"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "REJECTED");
        refused(
                () -> pipeline.reRequest(cr.id(), "dev", "unchanged"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "rejected");

        ChangeRequest edited =
                pipeline.edit(cr.id(), "dev", "ALTER TABLE orders ADD note varchar(20) DEFAULT ''", BOTH);
        assertThat(edited.status()).isEqualTo(ChangeRequestStatus.REJECTED);
        refused(() -> pipeline.reRequest(cr.id(), "olga", "for dev"), ApprovalErrorCode.APPROVAL_FORBIDDEN, "creator");

        ChangeRequest again = pipeline.reRequest(cr.id(), "dev", "default added");
        assertThat(again.status()).isEqualTo(ChangeRequestStatus.PENDING_APPROVAL);
        assertThat(pipeline.approvalProcess(cr.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(pipeline.auditLog(cr.id()))
                .extracting(AuditEntry::action)
                .contains("approval.rejected", "approval.revised", "approval.re-requested");
    }

    @Test
    void aRollbackRequestNeedsTheRollbackRoleEvenWithoutAnyRule() {
        build(ApprovalConfig.defaults());
        roles.grant("dev", Roles.DBA); // the creator's own DBA role does not count for their request
        ChangeRequest cr = submitted(ChangeType.ROLLBACK, "test");

        assertThat(cr.status()).isEqualTo(ChangeRequestStatus.PENDING_APPROVAL);
        refused(() -> pipeline.approve(cr.id(), "dev", cr.contentHash(), "mine"), ApprovalErrorCode.APPROVAL_FORBIDDEN);
        refused(
                () -> pipeline.approve(cr.id(), "olga", cr.contentHash(), "owner"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "DBA");
        assertThat(pipeline.approve(cr.id(), "dora", cr.contentHash(), "undo checked")
                        .status())
                .isEqualTo(ChangeRequestStatus.APPROVED);
    }

    @Test
    void anExternalStepIsDecidedThroughThePipelineOnlyWithItsOneTimeToken() {
        List<String> tokens = new java.util.concurrent.CopyOnWriteArrayList<>();
        pipeline = Pipeline.configure()
                .store(store)
                .project(Project.of("shop", "Shop"))
                .environments("test", "prod")
                .instance(instance("my-test", "test"))
                .instance(instance("my-prod", "prod"))
                .database(new Database(new DatabaseRef("my-test", "orders"), "shop", "test"))
                .database(new Database(new DatabaseRef("my-prod", "orders"), "shop", "prod"))
                .roleResolver(roles)
                .approvals(ApprovalConfig.builder()
                        .customRole("CHANGE_BOARD")
                        .riskRule(RiskRule.forSource(
                                "prod-ddl", Risk.HIGH, ChangeSource.DDL, "environment_id == \"prod\""))
                        .flow(new ApprovalFlow(
                                "owner-cab",
                                "Owner, then the change board's ticket",
                                List.of(ApprovalStep.of(Roles.PROJECT_OWNER), ApprovalStep.external("CHANGE_BOARD"))))
                        .flowRule(FlowRule.of("high-ddl", ChangeSource.DDL, Risk.HIGH, "owner-cab"))
                        .build())
                .callbackTokens((request, revision, step, approvalStep, token) -> tokens.add(token))
                .build();
        ChangeRequest cr = submitted();
        pipeline.approve(cr.id(), "olga", cr.contentHash(), "reviewed");
        assertThat(tokens).hasSize(1);
        String token = tokens.get(0);
        // the store keeps only the token's hash
        assertThat(store.approval(cr.id()).orElseThrow().json()).doesNotContain(token);

        refused(
                () -> pipeline.externalCallback(cr.id(), token + "x", "jira", true, "ok"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "not the one-time token");
        refused(
                () -> pipeline.approve(cr.id(), "dora", cr.contentHash(), "ok"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "external callback");
        assertThat(pipeline.externalCallback(cr.id(), token, "jira", true, "CAB-42 approved")
                        .status())
                .isEqualTo(ChangeRequestStatus.APPROVED);
        assertThat(pipeline.auditLog(cr.id()))
                .filteredOn(e -> e.action().equals("approval.approved"))
                .extracting(AuditEntry::principal)
                .containsExactly("olga", "jira");
        refused(
                () -> pipeline.externalCallback(cr.id(), token, "jira", true, "again"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN);
    }

    @Test
    void decisionsNeedASubmittedRequestAndAPipelineWithTheEngine() {
        build(ownerThenDbaForProdDdl());
        ChangeRequest draft = pipeline.create(NewChangeRequest.of(
                "shop", "Add note", ChangeType.SCHEMA, DDL, TargetSelector.matching("prod", "orders"), "dev"));
        refused(
                () -> pipeline.approve(draft.id(), "olga", draft.contentHash(), "early"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "DRAFT");
        pipeline.close();

        pipeline = Pipeline.configure()
                .project(Project.of("shop", "Shop"))
                .environments("test")
                .build();
        refused(() -> pipeline.approvalProcess("1"), PipelineErrorCode.ILLEGAL_ACTION, "approvals(ApprovalConfig)");
        assertThatThrownBy(() -> Pipeline.configure()
                        .approvals(ApprovalConfig.defaults())
                        .approvalGate((r, p) -> ApprovalGate.Decision.approved("host's own gate"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exclude each other");
    }
}
