package io.dbchange.examples.tutorial;

import static io.dbchange.examples.tutorial.Changes.expectState;
import static io.dbchange.examples.tutorial.Changes.settle;
import static io.dbchange.examples.tutorial.Changes.submit;

import io.dbchange.api.approval.ApprovalErrorCode;
import io.dbchange.api.approval.ApprovalFlow;
import io.dbchange.api.approval.ApprovalStep;
import io.dbchange.api.approval.Risk;
import io.dbchange.api.approval.Roles;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Instance;
import io.dbchange.api.project.Project;
import io.dbchange.api.store.MetadataStore;
import io.dbchange.core.approval.ApprovalConfig;
import io.dbchange.core.approval.ApprovalProcess;
import io.dbchange.core.approval.ChangeSource;
import io.dbchange.core.approval.FlowRule;
import io.dbchange.core.approval.RiskRule;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.core.store.InMemoryMetadataStore;
import java.util.List;

/**
 * Story 2, after Bytebase's risk-adjusted approval tutorial: two MariaDB servers, "MySQL Test" and "MySQL Prod",
 * each with database {@code test_db}. The same kind of ALTER goes to both three times, under three approval
 * configurations: none; prod DDL is HIGH risk and needs the project owner, then a DBA; and the same with a custom
 * TESTER role first. Each configuration is a new {@link Pipeline} over one metadata store, as a team restarting its
 * service with new settings would have.
 */
final class RiskApprovalStory {

    static final String PROJECT = "risk-demo";

    /** Risk rule: any DDL on prod is HIGH. */
    static final RiskRule PROD_DDL = RiskRule.forSource(
            "prod-ddl", Risk.HIGH, ChangeSource.DDL, "environment_id == \"prod\" && statement_kind == \"DDL\"");

    private final Servers servers;
    private final Narrator narrator;
    private final Instance test;
    private final Instance prod;
    private final DatabaseRef testDb;
    private final DatabaseRef prodDb;
    private final MetadataStore store = new InMemoryMetadataStore();

    RiskApprovalStory(Servers servers, Narrator narrator) {
        this.servers = servers;
        this.narrator = narrator;
        this.test = new Instance("mysql-test", "test", "mysql", Servers.instanceSettings(servers.mysqlTest));
        this.prod = new Instance("mysql-prod", "prod", "mysql", Servers.instanceSettings(servers.mysqlProd));
        this.testDb = new DatabaseRef(test.id(), "test_db");
        this.prodDb = new DatabaseRef(prod.id(), "test_db");
    }

    void tell() {
        narrator.story(2, "risk-adjusted approval (two MariaDB servers: MySQL Test and MySQL Prod)");
        narrator.step(5, "Without custom approval flows", this::withoutFlows);
        narrator.step(6, "Prod DDL is HIGH risk: PROJECT_OWNER, then DBA", this::ownerThenDba);
        narrator.step(7, "Custom role TESTER: TESTER, PROJECT_OWNER, then DBA", this::testerOwnerDba);
    }

    private Pipeline pipeline(ApprovalConfig approvals) {
        return Pipeline.configure()
                .store(store)
                .project(Project.of(PROJECT, "Risk demo"))
                .environments("test", "prod") // test automatic; prod manual by OWNER, DBA, PROJECT_OWNER, RELEASER
                .instance(test)
                .instance(prod)
                .database(new Database(testDb, PROJECT, "test"))
                .database(new Database(prodDb, PROJECT, "prod"))
                .roleResolver(People.roles(PROJECT))
                .approvals(approvals)
                .listener(narrator.listener())
                .build();
    }

    private String withoutFlows(Narrator.Step step) throws Exception {
        for (var server : List.of(servers.mysqlTest, servers.mysqlProd)) {
            Sql.on(Servers.instanceSettings(server), "")
                    .execute(
                            "CREATE DATABASE test_db",
                            "CREATE TABLE test_db.book (id INT PRIMARY KEY, title VARCHAR(200) NOT NULL)");
        }
        step.detail(
                "setup",
                "test_db with table book on " + test.id() + " (" + servers.mysqlTest.description() + ") and "
                        + prod.id() + " (" + servers.mysqlProd.description() + ")");
        try (Pipeline pipeline = pipeline(ApprovalConfig.defaults())) {
            ChangeRequest cr = alter(pipeline, "ALTER TABLE book ADD COLUMN isbn VARCHAR(20)");
            Expect.equal("status", ChangeRequestStatus.APPROVED, cr.status());
            ApprovalProcess process = pipeline.approvalProcess(cr.id()).orElseThrow();
            Expect.equal("risk", Risk.LOW, process.risk().risk());
            step.detail("risk", Changes.risk(process));
            step.detail("approval", process.flow().reason());
            settle(pipeline);
            expectState(pipeline, cr.id(), testDb, "DONE");
            expectState(pipeline, cr.id(), prodDb, "WAITING MANUAL_ROLLOUT");
            step.detail("rollout", "test DONE automatically; prod WAITING MANUAL_ROLLOUT; owen starts it");
            rollOutProd(pipeline, cr);
        }
        return "no approval needed: test ran at once, prod waited for its rollout";
    }

    private String ownerThenDba(Narrator.Step step) throws Exception {
        ApprovalConfig config = ApprovalConfig.builder()
                .riskRule(PROD_DDL)
                .flow(new ApprovalFlow(
                        "owner-dba",
                        "Project owner, then DBA",
                        List.of(ApprovalStep.of(Roles.PROJECT_OWNER), ApprovalStep.of(Roles.DBA))))
                .flowRule(FlowRule.of("high-ddl", ChangeSource.DDL, Risk.HIGH, "owner-dba"))
                .build();
        try (Pipeline pipeline = pipeline(config)) {
            ChangeRequest cr = alter(pipeline, "ALTER TABLE book ADD COLUMN author VARCHAR(100)");
            approveInOrder(
                    step,
                    pipeline,
                    cr,
                    People.DANA,
                    "step 1 of 2 waits for role PROJECT_OWNER",
                    List.of(People.OLGA, People.DANA));
            rollOutProd(pipeline, cr);
        }
        return "HIGH risk: nothing ran before olga and dana approved in order; then test ran, prod after rollout";
    }

    private String testerOwnerDba(Narrator.Step step) throws Exception {
        ApprovalConfig config = ApprovalConfig.builder()
                .customRole(People.TESTER)
                .riskRule(PROD_DDL)
                .flow(new ApprovalFlow(
                        "tester-owner-dba",
                        "Tester, project owner, then DBA",
                        List.of(
                                ApprovalStep.of(People.TESTER),
                                ApprovalStep.of(Roles.PROJECT_OWNER),
                                ApprovalStep.of(Roles.DBA))))
                .flowRule(FlowRule.of("high-ddl", ChangeSource.DDL, Risk.HIGH, "tester-owner-dba"))
                .build();
        try (Pipeline pipeline = pipeline(config)) {
            ChangeRequest cr = alter(pipeline, "ALTER TABLE book ADD COLUMN published INT");
            approveInOrder(
                    step,
                    pipeline,
                    cr,
                    People.OLGA,
                    "step 1 of 3 waits for role TESTER",
                    List.of(People.TESS, People.OLGA, People.DANA));
            rollOutProd(pipeline, cr);
        }
        return "HIGH risk: tess, olga and dana approved in order; then test ran, prod after rollout";
    }

    private ChangeRequest alter(Pipeline pipeline, String sql) {
        return submit(pipeline, PROJECT, ChangeType.SCHEMA, sql, sql, People.ALICE, testDb, prodDb);
    }

    /**
     * A HIGH-risk request: nothing runs while it waits; {@code tooEarly} is refused with {@code reason}; then
     * {@code approvers} approve in order and the test stage runs at once.
     */
    private void approveInOrder(
            Narrator.Step step,
            Pipeline pipeline,
            ChangeRequest cr,
            String tooEarly,
            String reason,
            List<String> approvers)
            throws Exception {
        Expect.equal("status", ChangeRequestStatus.PENDING_APPROVAL, cr.status());
        ApprovalProcess process = pipeline.approvalProcess(cr.id()).orElseThrow();
        Expect.equal("risk", Risk.HIGH, process.risk().risk());
        Expect.equal(
                "risk rules that matched",
                List.of(PROD_DDL.id()),
                process.risk().matches().stream().map(m -> m.ruleId()).toList());
        step.detail("risk", Changes.risk(process));
        step.detail("approval", process.flow().reason());
        settle(pipeline);
        expectState(pipeline, cr.id(), testDb, "WAITING APPROVAL");
        expectState(pipeline, cr.id(), prodDb, "WAITING APPROVAL");
        step.detail("waiting", "nothing runs, not even test: " + process.waitingFor());

        String refusal = Expect.refused(
                tooEarly + " approves first",
                ApprovalErrorCode.APPROVAL_FORBIDDEN,
                reason,
                () -> pipeline.approve(cr.id(), tooEarly, cr.contentHash(), "looks fine"));
        step.detail("refused", refusal);
        ChangeRequest latest = cr;
        for (String approver : approvers) {
            latest = pipeline.approve(cr.id(), approver, cr.contentHash(), "reviewed");
        }
        Expect.equal("status after every step", ChangeRequestStatus.APPROVED, latest.status());
        step.detail(
                "approvals", Changes.approvals(pipeline.approvalProcess(cr.id()).orElseThrow()));
        settle(pipeline);
        expectState(pipeline, cr.id(), testDb, "DONE");
        expectState(pipeline, cr.id(), prodDb, "WAITING MANUAL_ROLLOUT");
        step.detail("rollout", "test DONE automatically; prod WAITING MANUAL_ROLLOUT; owen starts it");
    }

    private void rollOutProd(Pipeline pipeline, ChangeRequest cr) throws Exception {
        pipeline.startStage(cr.id(), "prod", People.OWEN);
        settle(pipeline);
        expectState(pipeline, cr.id(), prodDb, "DONE");
        Expect.equal(
                "request status",
                ChangeRequestStatus.DONE,
                pipeline.request(cr.id()).orElseThrow().status());
    }
}
