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
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.core.approval.ApprovalConfig;
import io.dbchange.core.approval.ApprovalProcess;
import io.dbchange.core.approval.FlowRule;
import io.dbchange.core.approval.InMemoryRoleResolver;
import io.dbchange.core.approval.RiskMatch;
import io.dbchange.core.approval.RiskRule;
import io.dbchange.core.pipeline.Pipeline;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The risk variables {@code affected_rows} and {@code table_rows} through the public pipeline API are estimated on
 * the task's real MariaDB database ({@code EXPLAIN}, {@code information_schema.TABLES}), without changing it; a
 * database that cannot be reached leaves them -1 with the reason in {@code estimate_error}. Every request waits for a
 * DBA, so nothing of it runs and the table keeps its 1,000 rows throughout.
 */
class PipelineRiskEstimatesIT {

    private final Estate estate = new Estate();
    private Pipeline pipeline;
    private DatabaseRef db;

    @AfterEach
    void close() {
        if (pipeline != null) {
            pipeline.close();
        }
        estate.close();
    }

    private static ApprovalConfig config() {
        return ApprovalConfig.builder()
                .riskRule(RiskRule.anySource("many-rows", Risk.HIGH, "affected_rows > 100"))
                .riskRule(RiskRule.anySource("big-table", Risk.MODERATE, "table_rows > 500"))
                .riskRule(RiskRule.anySource("no-estimate", Risk.MODERATE, "affected_rows < 0"))
                .flow(new ApprovalFlow("dba", "DBA", List.of(ApprovalStep.of(Roles.DBA))))
                .flowRule(new FlowRule("all", Optional.empty(), Optional.empty(), Optional.empty(), "dba"))
                .build();
    }

    private void start(DatabaseRef... extra) throws Exception {
        db = estate.instance("mysql-prod", "prod", 1).get(0);
        estate.execute(db, "CREATE TABLE item (id INT PRIMARY KEY, v INT) ENGINE=InnoDB");
        estate.execute(
                db,
                "INSERT INTO item VALUES "
                        + IntStream.rangeClosed(1, 1000)
                                .mapToObj(i -> "(" + i + ", " + (i % 10) + ")")
                                .collect(Collectors.joining(", ")));
        estate.execute(db, "ANALYZE TABLE item");
    }

    private ApprovalProcess submit(String sql, DatabaseRef target) {
        if (pipeline == null) {
            pipeline = estate.pipeline()
                    .environments("prod")
                    .roleResolver(new InMemoryRoleResolver().grant("dora", Roles.DBA))
                    .approvals(config())
                    .captureSchema(false)
                    .build();
        }
        ChangeRequest cr = pipeline.create(NewChangeRequest.of(
                Estate.PROJECT, "change", ChangeType.DATA, sql, TargetSelector.databases(target), "dev"));
        ChangeRequest submitted = pipeline.submit(cr.id(), "dev");
        assertThat(submitted.status()).isEqualTo(ChangeRequestStatus.PENDING_APPROVAL);
        return pipeline.approvalProcess(cr.id()).orElseThrow();
    }

    private static Map<String, String> variables(ApprovalProcess p, String rule) {
        return p.risk().matches().stream()
                .filter(m -> m.ruleId().equals(rule))
                .findFirst()
                .map(RiskMatch::variables)
                .orElseThrow(() -> new AssertionError("rule " + rule + " did not match: " + p.risk()));
    }

    private static List<String> matched(ApprovalProcess p) {
        return p.risk().matches().stream().map(RiskMatch::ruleId).toList();
    }

    @Test
    void aDeleteOfAThousandRowsIsHighRiskAndADeleteOfOneRowIsNot() throws Exception {
        start();

        ApprovalProcess big = submit("DELETE FROM item WHERE id <= 1000", db);
        assertThat(big.risk().risk()).isEqualTo(Risk.HIGH);
        assertThat(matched(big)).containsExactlyInAnyOrder("many-rows", "big-table");
        Map<String, String> v = variables(big, "many-rows");
        assertThat(Long.parseLong(v.get("affected_rows"))).isBetween(500L, 2000L);
        assertThat(Long.parseLong(v.get("table_rows"))).isBetween(500L, 2000L);
        assertThat(v).containsEntry("estimate_error", "").containsEntry("sql_type", "DELETE");

        ApprovalProcess one = submit("DELETE FROM item WHERE id = 7", db);
        assertThat(one.risk().risk()).isEqualTo(Risk.MODERATE);
        assertThat(matched(one)).containsExactly("big-table");
        assertThat(variables(one, "big-table")).containsEntry("affected_rows", "1");

        // estimating changed nothing, and nothing ran
        assertThat(estate.count(db, "SELECT COUNT(*) FROM item")).isEqualTo(1000);
    }

    @Test
    void anInsertCountsItsValuesRowsAndDdlCountsTheTablesRows() throws Exception {
        start();

        ApprovalProcess insert = submit("INSERT INTO item VALUES (2001, 1), (2002, 1), (2003, 1)", db);
        assertThat(variables(insert, "big-table")).containsEntry("affected_rows", "3");
        assertThat(matched(insert)).doesNotContain("many-rows");

        ApprovalProcess alter = submit("ALTER TABLE item ADD COLUMN note varchar(20)", db);
        assertThat(matched(alter)).contains("many-rows", "big-table");
        assertThat(estate.count(db, "SELECT COUNT(*) FROM item")).isEqualTo(1000);
    }

    @Test
    void aDatabaseThatCannotBeReachedLeavesTheEstimatesUnknownAndSaysWhy() throws Exception {
        DatabaseRef unreachable = estate.unreachable("mysql-broken", "prod");
        start();

        ApprovalProcess p = submit("DELETE FROM item WHERE id <= 1000", unreachable);
        assertThat(matched(p)).containsExactly("no-estimate");
        Map<String, String> v = variables(p, "no-estimate");
        assertThat(v).containsEntry("affected_rows", "-1").containsEntry("table_rows", "-1");
        assertThat(v.get("estimate_error")).startsWith("not estimated: cannot connect");
    }
}
