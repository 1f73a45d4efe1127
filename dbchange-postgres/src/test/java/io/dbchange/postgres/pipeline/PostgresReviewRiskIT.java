package io.dbchange.postgres.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.pipeline.CheckLevel;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Instance;
import io.dbchange.api.project.Project;
import io.dbchange.api.review.Level;
import io.dbchange.core.approval.ApprovalConfig;
import io.dbchange.core.approval.ApprovalProcess;
import io.dbchange.core.approval.FlowRule;
import io.dbchange.core.approval.InMemoryRoleResolver;
import io.dbchange.core.approval.RiskMatch;
import io.dbchange.core.approval.RiskRule;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.core.pipeline.internal.EngineApprovals;
import io.dbchange.core.review.ReviewPolicy;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code review_max_level} at approval time through the public pipeline API on a real PostgreSQL database: a risk
 * rule {@code review_max_level == "ERROR"} -> HIGH -> DBA holds a request that breaks an ERROR rule until the DBA
 * approves; a clean request needs no approval and runs; a WARNING that appears between approval and run without
 * raising the risk is recorded in the check results and does not block.
 */
class PostgresReviewRiskIT {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String REQUIRE_WHERE = "statement.where.require-update-delete";
    private static final String NO_DUPLICATE_INDEX = "index.no-duplicate";

    private TestDatabase db;
    private DatabaseRef ref;
    private Pipeline pipeline;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.postgres().createDatabase();
        ref = new DatabaseRef("pg-prod", db.name());
        String serverUrl = db.jdbcUrl().replace("/" + db.name(), "/postgres");
        pipeline = Pipeline.configure()
                .project(Project.of("shop", "Shop"))
                .environments("prod")
                .instance(new Instance(
                        "pg-prod", "prod", "postgresql", ConnectionSettings.of(serverUrl, db.user(), db.password())))
                .database(new Database(ref, "shop", "prod"))
                .roleResolver(new InMemoryRoleResolver().grant("dora", Roles.DBA))
                .review(ReviewPolicy.builder()
                        .rule(REQUIRE_WHERE, Level.ERROR)
                        .rule(NO_DUPLICATE_INDEX, Level.WARNING)
                        .build())
                .approvals(ApprovalConfig.builder()
                        .riskRule(RiskRule.anySource("review-error", Risk.HIGH, "review_max_level == \"ERROR\""))
                        .flow(new ApprovalFlow("dba", "DBA", List.of(ApprovalStep.of(Roles.DBA))))
                        .flowRule(
                                new FlowRule("high", Optional.empty(), Optional.of(Risk.HIGH), Optional.empty(), "dba"))
                        .build())
                .captureSchema(false)
                .pollInterval(Duration.ofMillis(100))
                .build();
        execute("CREATE TABLE item (id int PRIMARY KEY, v int)");
        execute("INSERT INTO item SELECT g, g % 10 FROM generate_series(1, 1000) g");
    }

    @AfterEach
    void tearDown() {
        pipeline.close();
        db.close();
    }

    private void execute(String sql) throws Exception {
        try (Connection c = db.openConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.openConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private ChangeRequest submit(ChangeType type, String sql) {
        ChangeRequest cr =
                pipeline.create(NewChangeRequest.of("shop", "change", type, sql, TargetSelector.databases(ref), "dev"));
        return pipeline.submit(cr.id(), "dev");
    }

    private Task task(ChangeRequest cr) {
        return pipeline.plan(cr.id()).tasks().get(0);
    }

    @Test
    void aStatementViolatingAnErrorRuleNeedsTheDbaBeforeAnythingRuns() throws Exception {
        ChangeRequest cr = submit(ChangeType.DATA, "DELETE FROM item");

        assertThat(cr.status()).isEqualTo(ChangeRequestStatus.PENDING_APPROVAL);
        ApprovalProcess p = pipeline.approvalProcess(cr.id()).orElseThrow();
        assertThat(p.risk().risk()).isEqualTo(Risk.HIGH);
        assertThat(p.risk().matches())
                .singleElement()
                .extracting(RiskMatch::variables)
                .satisfies(v -> assertThat(v)
                        .containsEntry("review_max_level", "ERROR")
                        .containsEntry("review_rules", "[" + REQUIRE_WHERE + "]")
                        .containsEntry("db_engine", "POSTGRESQL"));
        assertThat(p.risk().tasks().get(0).reviewFindings())
                .singleElement()
                .asString()
                .startsWith("ERROR " + REQUIRE_WHERE);

        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        assertThat(pipeline.runs(task(cr).id())).isEmpty();
        assertThat(count("SELECT count(*) FROM item")).isEqualTo(1000);

        assertThat(pipeline.approve(cr.id(), "dora", cr.contentHash(), "intended")
                        .status())
                .isEqualTo(ChangeRequestStatus.APPROVED);
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        // the pre-run check still blocks the ERROR (the override is the DBA's second, audited decision)
        assertThat(task(cr).state())
                .isInstanceOfSatisfying(
                        TaskState.Waiting.class, w -> assertThat(w.reason()).isEqualTo(WaitReason.CHECKS));
        pipeline.overrideChecks(task(cr).id(), "dora", "emptying item is intended");
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        assertThat(task(cr).status()).isEqualTo(TaskStatus.DONE);
        assertThat(count("SELECT count(*) FROM item")).isZero();
    }

    @Test
    void aCleanRequestNeedsNoApprovalAndRuns() throws Exception {
        ChangeRequest cr = submit(ChangeType.DATA, "DELETE FROM item WHERE id = 1");

        assertThat(cr.status()).isEqualTo(ChangeRequestStatus.APPROVED);
        ApprovalProcess p = pipeline.approvalProcess(cr.id()).orElseThrow();
        assertThat(p.risk().risk()).isEqualTo(Risk.LOW);
        assertThat(p.risk().tasks().get(0).reviewMaxLevel()).isEmpty();
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        assertThat(task(cr).status()).isEqualTo(TaskStatus.DONE);
        assertThat(count("SELECT count(*) FROM item")).isEqualTo(999);
    }

    @Test
    void aWarningThatAppearsAfterApprovalIsRecordedAndDoesNotBlockWhenTheRiskStays() throws Exception {
        ChangeRequest cr = submit(ChangeType.SCHEMA, "CREATE INDEX item_v2 ON item (v)");
        assertThat(cr.status()).isEqualTo(ChangeRequestStatus.APPROVED);
        assertThat(pipeline.approvalProcess(cr.id())
                        .orElseThrow()
                        .risk()
                        .tasks()
                        .get(0)
                        .reviewMaxLevel())
                .isEmpty();

        execute("CREATE INDEX item_v ON item (v)");
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();

        assertThat(task(cr).status()).isEqualTo(TaskStatus.DONE);
        List<CheckResult> results = pipeline.checkResults(task(cr).id());
        assertThat(results).extracting(CheckResult::code).contains(NO_DUPLICATE_INDEX);
        assertThat(results)
                .filteredOn(r -> r.code().equals(EngineApprovals.REVIEW_ROSE))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.level()).isEqualTo(CheckLevel.WARNING);
                    assertThat(r.message())
                            .contains("now finds WARNING (" + NO_DUPLICATE_INDEX + ")")
                            .contains("risk is LOW, not above the approved LOW");
                });
    }
}
