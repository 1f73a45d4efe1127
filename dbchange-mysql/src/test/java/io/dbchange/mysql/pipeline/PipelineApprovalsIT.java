package io.dbchange.mysql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import io.dbchange.api.change.Task;
import io.dbchange.api.change.TaskState;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.change.WaitReason;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.store.AuditEntry;
import io.dbchange.api.store.MetadataStore;
import io.dbchange.core.approval.ApprovalConfig;
import io.dbchange.core.approval.ChangeSource;
import io.dbchange.core.approval.FlowRule;
import io.dbchange.core.approval.InMemoryRoleResolver;
import io.dbchange.core.approval.RiskRule;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.core.store.InMemoryMetadataStore;
import io.dbchange.core.store.JdbcMetadataStore;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The approval tutorial through the public pipeline API on real MariaDB databases (one in test, one in prod): the
 * approval engine is the pipeline's gate, its state lives in the metadata store, and rollout follows each
 * environment's policy once the request is approved. The second scenario also runs on the JDBC store in embedded
 * PostgreSQL with two pipeline nodes, each deciding and rolling out part of it.
 */
class PipelineApprovalsIT {

    static final String DDL = "ALTER TABLE book ADD COLUMN isbn varchar(20)";

    private final Estate estate = new Estate();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final InMemoryRoleResolver roles = new InMemoryRoleResolver()
            .grant(Estate.PROJECT, "dev", Roles.PROJECT_DEVELOPER)
            .grant(Estate.PROJECT, "olga", Roles.PROJECT_OWNER)
            .grant("dora", Roles.DBA)
            .grant("owen", Roles.OWNER)
            .grant(Estate.PROJECT, "tess", "TESTER");
    private DatabaseRef testDb;
    private DatabaseRef prodDb;

    private void estateWithBook() throws Exception {
        testDb = estate.instance("mysql-test", "test", 1).get(0);
        prodDb = estate.instance("mysql-prod", "prod", 1).get(0);
        for (DatabaseRef db : List.of(testDb, prodDb)) {
            estate.execute(db, "CREATE TABLE book (id INT PRIMARY KEY)");
        }
    }

    @AfterEach
    void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        estate.close();
    }

    private Pipeline pipeline(ApprovalConfig config, MetadataStore store, String node) {
        Pipeline p = estate.pipeline()
                .environments("test", "prod") // test automatic; prod manual by OWNER, DBA, PROJECT_OWNER, RELEASER
                .roleResolver(roles)
                .approvals(config)
                .store(store)
                .nodeId(node)
                .captureSchema(false)
                .build();
        resources.add(p);
        return p;
    }

    private ChangeRequest submitSchemaChange(Pipeline p) {
        ChangeRequest cr = p.create(NewChangeRequest.of(
                Estate.PROJECT, "Add ISBN", ChangeType.SCHEMA, DDL, TargetSelector.databases(testDb, prodDb), "dev"));
        return p.submit(cr.id(), "dev");
    }

    private boolean hasIsbn(DatabaseRef db) throws Exception {
        return estate.count(
                        db,
                        "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()"
                                + " AND table_name = 'book' AND column_name = 'isbn'")
                == 1;
    }

    private static Task task(Pipeline p, String requestId, DatabaseRef db) {
        return p.plan(requestId).tasks().stream()
                .filter(t -> t.database().equals(db))
                .findFirst()
                .orElseThrow();
    }

    private static void assertWaiting(Task task, WaitReason reason) {
        assertThat(task.state())
                .isInstanceOfSatisfying(
                        TaskState.Waiting.class, w -> assertThat(w.reason()).isEqualTo(reason));
    }

    private static void refused(ThrowingCallable call, ErrorCode code, String... message) {
        var assertion = assertThatThrownBy(call)
                .isInstanceOf(DbChangeException.class)
                .satisfies(e -> assertThat(((DbChangeException) e).code()).isEqualTo(code));
        for (String m : message) {
            assertion.hasMessageContaining(m);
        }
    }

    // ---- 1. defaults ---------------------------------------------------------------------------------------

    @Test
    void withDefaultsTestRunsAtOnceAndProdWaitsForAManualRolloutByTheOwner() throws Exception {
        estateWithBook();
        Pipeline p = pipeline(ApprovalConfig.defaults(), new InMemoryMetadataStore(), "node-1");

        ChangeRequest cr = submitSchemaChange(p);
        assertThat(cr.status()).isEqualTo(ChangeRequestStatus.APPROVED);
        assertThat(p.approvalProcess(cr.id()).orElseThrow().risk().risk()).isEqualTo(Risk.LOW);
        assertThat(p.awaitIdle(Duration.ofMinutes(2))).isTrue();

        assertThat(task(p, cr.id(), testDb).status()).isEqualTo(TaskStatus.DONE);
        assertThat(hasIsbn(testDb)).isTrue();
        assertWaiting(task(p, cr.id(), prodDb), WaitReason.MANUAL_ROLLOUT);
        assertThat(hasIsbn(prodDb)).isFalse();

        refused(() -> p.startStage(cr.id(), "prod", "dev"), PipelineErrorCode.PERMISSION_DENIED, "OWNER");
        p.startStage(cr.id(), "prod", "owen");
        assertThat(p.awaitIdle(Duration.ofMinutes(2))).isTrue();

        assertThat(task(p, cr.id(), prodDb).status()).isEqualTo(TaskStatus.DONE);
        assertThat(hasIsbn(prodDb)).isTrue();
        assertThat(p.request(cr.id()).orElseThrow().status()).isEqualTo(ChangeRequestStatus.DONE);
    }

    // ---- 2. prod DDL is HIGH: owner, then DBA -------------------------------------------------------------

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

    @Test
    void aHighRiskProdDdlNeedsOwnerThenDbaBeforeAnythingRunsThenProdNeedsRollout() throws Exception {
        estateWithBook();
        MetadataStore store = new InMemoryMetadataStore();
        ownerThenDba(
                pipeline(ownerThenDbaForProdDdl(), store, "node-1"),
                pipeline(ownerThenDbaForProdDdl(), store, "node-1b"));
    }

    @Test
    void aSecondNodeOnTheJdbcPostgresStoreSeesTheApprovalsOfTheFirst() throws Exception {
        estateWithBook();
        TestDatabase storeDb = TestServers.postgres().createDatabase();
        resources.add(storeDb::close);
        // each node has its own pool and its own store instance, as two processes would
        Pipeline nodeA = pipeline(ownerThenDbaForProdDdl(), jdbcStore(storeDb), "node-a");
        Pipeline nodeB = pipeline(ownerThenDbaForProdDdl(), jdbcStore(storeDb), "node-b");

        ownerThenDba(nodeA, nodeB);

        assertThat(nodeB.auditLog(lastRequest))
                .extracting(AuditEntry::principal, AuditEntry::action)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("olga", "approval.approved"),
                        org.assertj.core.groups.Tuple.tuple("dora", "approval.approved"));
    }

    /** The request the last {@link #ownerThenDba} run created. */
    private String lastRequest;

    private MetadataStore jdbcStore(TestDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        HikariDataSource pool = new HikariDataSource(config);
        resources.add(pool);
        return JdbcMetadataStore.configure().dataSource(pool).build();
    }

    /**
     * Scenario 2 on two pipelines sharing a store: {@code a} takes the request and the owner's approval, {@code b}
     * sees it and takes the DBA's, then each rolls out a stage.
     */
    private void ownerThenDba(Pipeline a, Pipeline b) throws Exception {
        ChangeRequest cr = submitSchemaChange(a);
        lastRequest = cr.id();
        assertThat(cr.status()).isEqualTo(ChangeRequestStatus.PENDING_APPROVAL);
        var process = b.approvalProcess(cr.id()).orElseThrow();
        assertThat(process.risk().risk()).isEqualTo(Risk.HIGH);
        assertThat(process.risk().matches()).singleElement().satisfies(m -> {
            assertThat(m.ruleId()).isEqualTo("prod-ddl");
            assertThat(m.variables())
                    .containsEntry("environment_id", "prod")
                    .containsEntry("database_name", prodDb.name())
                    .containsEntry("statement_kind", "DDL");
        });

        // nothing runs, not even the LOW-risk test stage
        assertThat(a.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertWaiting(task(a, cr.id(), testDb), WaitReason.APPROVAL);
        assertThat(hasIsbn(testDb)).isFalse();

        refused(
                () -> b.approve(cr.id(), "dora", cr.contentHash(), "looks fine"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "step 1 of 2 waits for role PROJECT_OWNER");
        assertThat(a.approve(cr.id(), "olga", cr.contentHash(), "schema reviewed")
                        .status())
                .isEqualTo(ChangeRequestStatus.PENDING_APPROVAL);
        assertThat(b.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(hasIsbn(testDb)).isFalse();
        // the other node sees the owner's approval in the store
        assertThat(b.approvalProcess(cr.id()).orElseThrow().approvals())
                .singleElement()
                .satisfies(ap -> assertThat(ap.principal()).isEqualTo("olga"));

        assertThat(b.approve(cr.id(), "dora", cr.contentHash(), "safe online").status())
                .isEqualTo(ChangeRequestStatus.APPROVED);
        assertThat(a.request(cr.id()).orElseThrow().status()).isEqualTo(ChangeRequestStatus.APPROVED);
        assertThat(b.awaitIdle(Duration.ofMinutes(2))).isTrue();
        assertThat(task(a, cr.id(), testDb).status()).isEqualTo(TaskStatus.DONE);
        assertThat(hasIsbn(testDb)).isTrue();
        assertWaiting(task(a, cr.id(), prodDb), WaitReason.MANUAL_ROLLOUT);
        assertThat(hasIsbn(prodDb)).isFalse();

        a.startStage(cr.id(), "prod", "dora");
        assertThat(a.awaitIdle(Duration.ofMinutes(2))).isTrue();
        assertThat(task(b, cr.id(), prodDb).status()).isEqualTo(TaskStatus.DONE);
        assertThat(hasIsbn(prodDb)).isTrue();
        assertThat(b.auditLog(cr.id()))
                .filteredOn(e -> e.action().startsWith("approval."))
                .extracting(
                        AuditEntry::principal,
                        AuditEntry::action,
                        e -> e.details().get("outcome"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("dev", "approval.submitted", "PENDING"),
                        org.assertj.core.groups.Tuple.tuple("dora", "approval.approve", "REFUSED APPROVAL_FORBIDDEN"),
                        org.assertj.core.groups.Tuple.tuple("olga", "approval.approved", "PENDING"),
                        org.assertj.core.groups.Tuple.tuple("dora", "approval.approved", "APPROVED"));
    }

    // ---- 3. custom role TESTER ----------------------------------------------------------------------------

    @Test
    void aTesterOwnerDbaFlowRefusesTheWrongOrderAndTheWrongRoleSayingWhichStepWaitsForWhom() throws Exception {
        estateWithBook();
        ApprovalConfig config = ApprovalConfig.builder()
                .customRole("TESTER")
                .riskRule(RiskRule.forSource(
                        "prod-ddl",
                        Risk.HIGH,
                        ChangeSource.DDL,
                        "environment_id == \"prod\" && statement_kind == \"DDL\""))
                .flow(new ApprovalFlow(
                        "tester-owner-dba",
                        "Tester, owner, DBA",
                        List.of(
                                ApprovalStep.of("TESTER"),
                                ApprovalStep.of(Roles.PROJECT_OWNER),
                                ApprovalStep.of(Roles.DBA))))
                .flowRule(FlowRule.of("high-ddl", ChangeSource.DDL, Risk.HIGH, "tester-owner-dba"))
                .build();
        Pipeline p = pipeline(config, new InMemoryMetadataStore(), "node-1");
        ChangeRequest cr = submitSchemaChange(p);
        String hash = cr.contentHash();

        refused(
                () -> p.approve(cr.id(), "olga", hash, "owner first"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "step 1 of 3 waits for role TESTER",
                "olga holds PROJECT_OWNER");
        refused(
                () -> p.approve(cr.id(), "owen", hash, "workspace owner"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "step 1 of 3 waits for role TESTER",
                "owen holds OWNER");
        refused(() -> p.approve(cr.id(), "dev", hash, "my own"), ApprovalErrorCode.APPROVAL_FORBIDDEN, "creator");
        p.approve(cr.id(), "tess", hash, "tested on staging data");
        refused(
                () -> p.approve(cr.id(), "dora", hash, "DBA before owner"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "step 2 of 3 waits for role PROJECT_OWNER",
                "dora holds DBA");
        refused(
                () -> p.reject(cr.id(), "tess", hash, "changed my mind"),
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                "step 2 of 3");
        p.approve(cr.id(), "olga", hash, "owner agrees");
        assertThat(p.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(hasIsbn(testDb)).isFalse();
        assertThat(p.approve(cr.id(), "dora", hash, "DBA agrees").status()).isEqualTo(ChangeRequestStatus.APPROVED);

        assertThat(p.awaitIdle(Duration.ofMinutes(2))).isTrue();
        assertThat(hasIsbn(testDb)).isTrue();
        assertWaiting(task(p, cr.id(), prodDb), WaitReason.MANUAL_ROLLOUT);
        assertThat(p.auditLog(cr.id()))
                .filteredOn(e -> e.details().getOrDefault("outcome", "").startsWith("REFUSED"))
                .extracting(AuditEntry::principal, AuditEntry::action)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("olga", "approval.approve"),
                        org.assertj.core.groups.Tuple.tuple("owen", "approval.approve"),
                        org.assertj.core.groups.Tuple.tuple("dev", "approval.approve"),
                        org.assertj.core.groups.Tuple.tuple("dora", "approval.approve"),
                        org.assertj.core.groups.Tuple.tuple("tess", "approval.reject"));
    }
}
