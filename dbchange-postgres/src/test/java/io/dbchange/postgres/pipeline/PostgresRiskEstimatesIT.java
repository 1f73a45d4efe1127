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
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Instance;
import io.dbchange.api.project.Project;
import io.dbchange.core.approval.ApprovalConfig;
import io.dbchange.core.approval.ApprovalProcess;
import io.dbchange.core.approval.FlowRule;
import io.dbchange.core.approval.InMemoryRoleResolver;
import io.dbchange.core.approval.RiskMatch;
import io.dbchange.core.approval.RiskRule;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The risk variables {@code affected_rows} and {@code table_rows} through the public pipeline API on a real
 * PostgreSQL database: plan rows of {@code EXPLAIN} and {@code pg_class.reltuples}, or, for a table never analyzed
 * (reltuples -1), the planner's estimate of a full scan. Every request waits for a DBA, so nothing runs.
 */
class PostgresRiskEstimatesIT {

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
                .approvals(ApprovalConfig.builder()
                        .riskRule(RiskRule.anySource("many-rows", Risk.HIGH, "affected_rows > 100"))
                        .riskRule(RiskRule.anySource("big-table", Risk.MODERATE, "table_rows > 500"))
                        .flow(new ApprovalFlow("dba", "DBA", List.of(ApprovalStep.of(Roles.DBA))))
                        .flowRule(new FlowRule("all", Optional.empty(), Optional.empty(), Optional.empty(), "dba"))
                        .build())
                .captureSchema(false)
                .build();
        // autovacuum off: the table stays never analyzed (reltuples -1) until the test analyzes it
        execute("CREATE TABLE item (id int PRIMARY KEY, v int) WITH (autovacuum_enabled = false)");
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

    private ApprovalProcess submit(String sql) {
        ChangeRequest cr = pipeline.create(
                NewChangeRequest.of("shop", "change", ChangeType.DATA, sql, TargetSelector.databases(ref), "dev"));
        assertThat(pipeline.submit(cr.id(), "dev").status()).isEqualTo(ChangeRequestStatus.PENDING_APPROVAL);
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
    void aDeleteOfAThousandRowsIsHighRiskAndADeleteOfOneRowIsNotEvenBeforeTheTableWasAnalyzed() throws Exception {
        assertThat(count("SELECT reltuples::bigint FROM pg_class WHERE relname = 'item'"))
                .isEqualTo(-1);

        ApprovalProcess big = submit("DELETE FROM item WHERE id <= 1000");
        assertThat(big.risk().risk()).isEqualTo(Risk.HIGH);
        assertThat(matched(big)).containsExactlyInAnyOrder("many-rows", "big-table");
        Map<String, String> v = variables(big, "many-rows");
        assertThat(Long.parseLong(v.get("affected_rows"))).isGreaterThan(100);
        assertThat(Long.parseLong(v.get("table_rows"))).isBetween(500L, 5000L);
        assertThat(v).containsEntry("estimate_error", "").containsEntry("db_engine", "POSTGRESQL");

        ApprovalProcess one = submit("DELETE FROM item WHERE id = 7");
        assertThat(one.risk().risk()).isEqualTo(Risk.MODERATE);
        assertThat(matched(one)).containsExactly("big-table");
        assertThat(variables(one, "big-table")).containsEntry("affected_rows", "1");

        execute("ANALYZE item");
        // after ANALYZE: reltuples is exact for a table this small, and the plan's rows follow the statistics
        ApprovalProcess analyzed = submit("UPDATE item SET v = 0 WHERE v IN (3, 4)");
        assertThat(analyzed.risk().risk()).isEqualTo(Risk.HIGH);
        assertThat(variables(analyzed, "many-rows"))
                .containsEntry("table_rows", "1000")
                .containsEntry("affected_rows", "200");

        assertThat(count("SELECT count(*) FROM item WHERE v = 3")).isEqualTo(100);
        assertThat(count("SELECT count(*) FROM item")).isEqualTo(1000);
    }
}
