package io.dbchange.mysql.pipeline;

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
import io.dbchange.api.pipeline.CheckLevel;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.review.Level;
import io.dbchange.core.approval.ApprovalConfig;
import io.dbchange.core.approval.ApprovalProcess;
import io.dbchange.core.approval.FlowRule;
import io.dbchange.core.approval.InMemoryRoleResolver;
import io.dbchange.core.approval.RiskMatch;
import io.dbchange.core.approval.RiskRule;
import io.dbchange.core.approval.TaskRisk;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.core.pipeline.internal.EngineApprovals;
import io.dbchange.core.review.ReviewPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code review_max_level} at approval time through the public pipeline API on real MariaDB databases: each task's
 * statements are reviewed with its environment's policy against the live schema when the request is submitted, so a
 * risk rule {@code review_max_level == "ERROR"} -> HIGH -> DBA works; a clean request needs no approval and runs; an
 * unreachable database gives {@code UNKNOWN} with the reason; a finding that appears between approval and run is
 * compared with what the approval saw.
 */
class PipelineReviewRiskIT {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String REQUIRE_WHERE = "statement.where.require-update-delete";
    private static final String DROP_IN_INDEX = "column.disallow-drop-in-index";

    private final Estate estate = new Estate();
    private Pipeline pipeline;

    @AfterEach
    void close() {
        if (pipeline != null) {
            pipeline.close();
        }
        estate.close();
    }

    static ApprovalConfig config() {
        return ApprovalConfig.builder()
                .riskRule(RiskRule.anySource("review-error", Risk.HIGH, "review_max_level == \"ERROR\""))
                .riskRule(RiskRule.anySource("unreviewable", Risk.MODERATE, "review_max_level == \"UNKNOWN\""))
                .flow(new ApprovalFlow("dba", "DBA", List.of(ApprovalStep.of(Roles.DBA))))
                .flowRule(new FlowRule("high", Optional.empty(), Optional.of(Risk.HIGH), Optional.empty(), "dba"))
                .flowRule(
                        new FlowRule("moderate", Optional.empty(), Optional.of(Risk.MODERATE), Optional.empty(), "dba"))
                .build();
    }

    /** prod (automatic, reviewed) and staging (no review policy), a 1,000-row table {@code item} in each. */
    private List<DatabaseRef> start(DatabaseRef... extra) throws Exception {
        DatabaseRef prod = estate.instance("mysql-prod", "prod", 1).get(0);
        DatabaseRef staging = estate.instance("mysql-staging", "staging", 1).get(0);
        for (DatabaseRef db : List.of(prod, staging)) {
            estate.execute(db, "CREATE TABLE item (id INT PRIMARY KEY, v INT) ENGINE=InnoDB");
            estate.execute(
                    db,
                    "INSERT INTO item VALUES "
                            + IntStream.rangeClosed(1, 1000)
                                    .mapToObj(i -> "(" + i + ", " + (i % 10) + ")")
                                    .collect(Collectors.joining(", ")));
        }
        pipeline = estate.pipeline()
                .environments("prod", "staging")
                .roleResolver(new InMemoryRoleResolver().grant("dora", Roles.DBA))
                .review(
                        "prod",
                        ReviewPolicy.builder()
                                .rule(REQUIRE_WHERE, Level.ERROR)
                                .rule(DROP_IN_INDEX, Level.ERROR)
                                .build())
                .approvals(config())
                .captureSchema(false)
                .build();
        return List.of(prod, staging);
    }

    private ChangeRequest submit(ChangeType type, String sql, DatabaseRef target) {
        ChangeRequest cr = pipeline.create(
                NewChangeRequest.of(Estate.PROJECT, "change", type, sql, TargetSelector.databases(target), "dev"));
        return pipeline.submit(cr.id(), "dev");
    }

    private ApprovalProcess process(ChangeRequest cr) {
        return pipeline.approvalProcess(cr.id()).orElseThrow();
    }

    private Task task(ChangeRequest cr) {
        return pipeline.plan(cr.id()).tasks().get(0);
    }

    private static RiskMatch match(ApprovalProcess p, String rule) {
        return p.risk().matches().stream()
                .filter(m -> m.ruleId().equals(rule))
                .findFirst()
                .orElseThrow(() -> new AssertionError("rule " + rule + " did not match: " + p.risk()));
    }

    @Test
    void aStatementViolatingAnErrorRuleNeedsTheDbaBeforeAnythingRuns() throws Exception {
        DatabaseRef prod = start().get(0);

        ChangeRequest cr = submit(ChangeType.DATA, "UPDATE item SET v = 0 WHERE id = 1;\nDELETE FROM item;", prod);

        assertThat(cr.status()).isEqualTo(ChangeRequestStatus.PENDING_APPROVAL);
        ApprovalProcess p = process(cr);
        assertThat(p.risk().risk()).isEqualTo(Risk.HIGH);
        RiskMatch m = match(p, "review-error");
        assertThat(m.statementIndex()).isEqualTo(1);
        assertThat(m.matchingStatements()).isEqualTo(1);
        assertThat(m.variables())
                .containsEntry("review_max_level", "ERROR")
                .containsEntry("review_rules", "[" + REQUIRE_WHERE + "]")
                .containsEntry("review_error", "");
        TaskRisk t = p.risk().tasks().get(0);
        assertThat(t.reviewMaxLevel()).isEqualTo("ERROR");
        assertThat(t.reviewFindings()).singleElement().asString().startsWith("ERROR " + REQUIRE_WHERE + " at 2:1");
        assertThat(p.waitingFor()).contains("DBA");

        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        assertThat(pipeline.runs(task(cr).id())).isEmpty();
        assertThat(estate.count(prod, "SELECT COUNT(*) FROM item")).isEqualTo(1000);

        assertThat(pipeline.approve(cr.id(), "dora", cr.contentHash(), "emptying item is intended")
                        .status())
                .isEqualTo(ChangeRequestStatus.APPROVED);
        // approved, the pre-run review still blocks the ERROR until a permitted role overrides it; the approval saw
        // that ERROR, so nothing says the review rose since
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        Task blocked = task(cr);
        assertThat(blocked.state())
                .isInstanceOfSatisfying(
                        TaskState.Waiting.class, w -> assertThat(w.reason()).isEqualTo(WaitReason.CHECKS));
        assertThat(pipeline.checkResults(blocked.id()))
                .extracting(CheckResult::code)
                .contains(REQUIRE_WHERE)
                .doesNotContain(EngineApprovals.RISK_ROSE, EngineApprovals.REVIEW_ROSE);
        pipeline.overrideChecks(blocked.id(), "dora", "approved by the DBA for this reason");
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        assertThat(task(cr).status()).isEqualTo(TaskStatus.DONE);
        assertThat(estate.count(prod, "SELECT COUNT(*) FROM item")).isZero();
    }

    @Test
    void aCleanRequestNeedsNoApprovalAndRunsAndAnUnreviewedEnvironmentIsNone() throws Exception {
        List<DatabaseRef> dbs = start();

        ChangeRequest clean = submit(ChangeType.DATA, "DELETE FROM item WHERE id = 1", dbs.get(0));

        assertThat(clean.status()).isEqualTo(ChangeRequestStatus.APPROVED);
        ApprovalProcess p = process(clean);
        assertThat(p.risk().risk()).isEqualTo(Risk.LOW);
        assertThat(p.risk().matches()).isEmpty();
        assertThat(p.risk().tasks().get(0).reviewMaxLevel()).isEmpty();
        assertThat(p.risk().tasks().get(0).reviewFindings()).isEmpty();
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        assertThat(task(clean).status()).isEqualTo(TaskStatus.DONE);
        assertThat(estate.count(dbs.get(0), "SELECT COUNT(*) FROM item")).isEqualTo(999);

        // staging has no review policy: not reviewed, so the ERROR rule cannot match there
        ChangeRequest unreviewed = submit(ChangeType.DATA, "DELETE FROM item", dbs.get(1));
        TaskRisk staging = process(unreviewed).risk().tasks().get(0);
        assertThat(staging.reviewMaxLevel()).isEqualTo("NONE");
        assertThat(staging.risk()).isEqualTo(Risk.LOW);
    }

    @Test
    void everyNewRevisionIsReviewedAgainWhetherEditedWhilePendingOrAfterARejection() throws Exception {
        DatabaseRef prod = start().get(0);

        ChangeRequest pending = submit(ChangeType.DATA, "DELETE FROM item", prod);
        assertThat(process(pending).risk().risk()).isEqualTo(Risk.HIGH);
        ChangeRequest stillBad =
                pipeline.edit(pending.id(), "dev", "UPDATE item SET v = 1", TargetSelector.databases(prod));
        assertThat(stillBad.status()).isEqualTo(ChangeRequestStatus.PENDING_APPROVAL);
        assertThat(process(stillBad).revision()).isEqualTo(2);
        assertThat(match(process(stillBad), "review-error").variables())
                .containsEntry("sql_type", "UPDATE")
                .containsEntry("review_rules", "[" + REQUIRE_WHERE + "]");
        ChangeRequest fixed = pipeline.edit(
                pending.id(), "dev", "UPDATE item SET v = 1 WHERE id = 7", TargetSelector.databases(prod));
        assertThat(fixed.status()).isEqualTo(ChangeRequestStatus.APPROVED);
        assertThat(process(fixed).risk().risk()).isEqualTo(Risk.LOW);
        assertThat(process(fixed).risk().tasks().get(0).reviewMaxLevel()).isEmpty();

        ChangeRequest rejected = submit(ChangeType.DATA, "DELETE FROM item", prod);
        assertThat(pipeline.reject(rejected.id(), "dora", rejected.contentHash(), "add a WHERE")
                        .status())
                .isEqualTo(ChangeRequestStatus.REJECTED);
        pipeline.edit(rejected.id(), "dev", "DELETE FROM item WHERE id = 5", TargetSelector.databases(prod));
        ChangeRequest reRequested = pipeline.submit(rejected.id(), "dev");
        assertThat(reRequested.status()).isEqualTo(ChangeRequestStatus.APPROVED);
        assertThat(process(reRequested).risk().risk()).isEqualTo(Risk.LOW);
        assertThat(process(reRequested).risk().tasks().get(0).reviewMaxLevel()).isEmpty();

        assertThat(pipeline.awaitIdle(WAIT)).isTrue();
        assertThat(estate.count(prod, "SELECT COUNT(*) FROM item")).isEqualTo(999);
        assertThat(estate.count(prod, "SELECT COUNT(*) FROM item WHERE v = 1")).isEqualTo(101);
    }

    @Test
    void anUnreachableDatabaseLeavesTheReviewUnknownAndSaysWhy() throws Exception {
        DatabaseRef unreachable = estate.unreachable("mysql-broken", "prod");
        start();

        ApprovalProcess p = process(submit(ChangeType.DATA, "DELETE FROM item", unreachable));

        assertThat(p.risk().risk()).isEqualTo(Risk.MODERATE);
        RiskMatch m = match(p, "unreviewable");
        assertThat(m.variables()).containsEntry("review_max_level", "UNKNOWN").containsEntry("review_rules", "[]");
        assertThat(m.variables().get("review_error")).startsWith("not reviewed: cannot connect");
        assertThat(m.variables().get("estimate_error")).startsWith("not estimated: cannot connect");
        assertThat(p.risk().tasks().get(0).reviewFindings())
                .singleElement()
                .asString()
                .startsWith("not reviewed: cannot connect");
    }

    @Test
    void aFindingThatAppearsAfterApprovalAndRaisesTheRiskBlocksTheTask() throws Exception {
        DatabaseRef prod = start().get(0);

        ChangeRequest cr = submit(ChangeType.SCHEMA, "ALTER TABLE item DROP COLUMN v", prod);
        // v is in no index yet: clean, LOW, approved at submit
        assertThat(cr.status()).isEqualTo(ChangeRequestStatus.APPROVED);
        assertThat(process(cr).risk().tasks().get(0).reviewMaxLevel()).isEmpty();

        estate.execute(prod, "CREATE INDEX item_v ON item (v)");
        assertThat(pipeline.awaitIdle(WAIT)).isTrue();

        Task blocked = task(cr);
        assertThat(blocked.state())
                .isInstanceOfSatisfying(
                        TaskState.Waiting.class, w -> assertThat(w.reason()).isEqualTo(WaitReason.CHECKS));
        assertThat(pipeline.runs(blocked.id())).isEmpty();
        assertThat(pipeline.checkResults(blocked.id()))
                .filteredOn(r -> r.code().equals(EngineApprovals.RISK_ROSE))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
                    assertThat(r.message())
                            .contains("now finds ERROR (" + DROP_IN_INDEX + ")")
                            .contains("based on review level \"\" (no finding)")
                            .contains("the task's risk is HIGH ('review-error' HIGH), above the approved LOW");
                });
        assertThat(estate.count(
                        prod,
                        "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                                + " AND TABLE_NAME = 'item' AND COLUMN_NAME = 'v'"))
                .isEqualTo(1);
    }
}
