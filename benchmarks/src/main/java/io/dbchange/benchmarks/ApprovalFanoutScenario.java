package io.dbchange.benchmarks;

import io.dbchange.api.approval.ApprovalFlow;
import io.dbchange.api.approval.ApprovalStep;
import io.dbchange.api.approval.Risk;
import io.dbchange.api.approval.Roles;
import io.dbchange.api.change.ChangeRequest;
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
import io.dbchange.core.approval.RiskRule;
import io.dbchange.core.approval.TaskRisk;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.core.review.ReviewPolicies;
import io.dbchange.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code benchmarks/run approval-fanout [dbs]}: how long {@code submit} of one {@code DELETE ... WHERE} request over
 * {@value #DEFAULT_DBS} MariaDB databases takes with risk rules, once with the row estimates only (no review policy)
 * and once with SQL review at approval time (the {@code prod} template: one schema read per database on the
 * estimating connection, the review done once per distinct schema structure). Medians of {@value #PASSES} passes
 * each, alternating; prints how many tasks were estimated and reviewed within the 30 s budget of one request.
 */
final class ApprovalFanoutScenario implements Scenario {

    static final int DEFAULT_DBS = 1000;
    static final int PASSES = 3;

    @Override
    public String name() {
        return "approval-fanout";
    }

    @Override
    public String summary() {
        return "submit of one request over " + DEFAULT_DBS + " MariaDB databases with risk rules: estimates only vs"
                + " estimates and SQL review at approval time (arg: dbs)";
    }

    @Override
    public int run(List<String> args) throws Exception {
        int count = args.isEmpty() ? DEFAULT_DBS : Integer.parseInt(args.get(0));
        if (count < 1) {
            throw new IllegalArgumentException("'dbs' must be at least 1: " + count);
        }
        ConnectionSettings admin = TestServers.mysql().adminSettings();
        List<String> dbs = new ArrayList<>();
        try {
            try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                    Statement s = c.createStatement()) {
                for (int i = 0; i < count; i++) {
                    String name = String.format(Locale.ROOT, "approval_fanout_%04d", i);
                    s.execute("DROP DATABASE IF EXISTS " + name);
                    s.execute("CREATE DATABASE " + name);
                    s.execute("CREATE TABLE " + name + ".t (id INT PRIMARY KEY, v VARCHAR(40))");
                    s.execute("INSERT INTO " + name + ".t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
                    dbs.add(name);
                }
            }
            submit(admin, dbs, false);
            submit(admin, dbs, true);
            List<Double> estimates = new ArrayList<>();
            List<Double> reviewed = new ArrayList<>();
            for (int pass = 0; pass < PASSES; pass++) {
                estimates.add(submit(admin, dbs, false));
                reviewed.add(submit(admin, dbs, true));
            }
            double e = median(estimates);
            double r = median(reviewed);
            System.out.printf(
                    Locale.ROOT,
                    "RESULT approval-fanout dbs=%d estimates_only_s=%.2f with_review_s=%.2f review_overhead_pct=%.1f%n",
                    count,
                    e,
                    r,
                    100 * (r - e) / e);
            return 0;
        } finally {
            try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                    Statement s = c.createStatement()) {
                for (String db : dbs) {
                    s.execute("DROP DATABASE IF EXISTS " + db);
                }
            }
        }
    }

    /** Seconds from submit to the stored approval process of one request over every database. */
    private static double submit(ConnectionSettings admin, List<String> dbs, boolean review) throws Exception {
        Pipeline.Builder b = Pipeline.configure()
                .project(Project.of("bench", "Benchmark"))
                .environments("prod")
                .instance(new Instance(
                        "mariadb",
                        "prod",
                        "mysql",
                        ConnectionSettings.of(admin.jdbcUrl(), admin.user(), admin.password())))
                .roleResolver(new InMemoryRoleResolver().grant("dora", Roles.DBA))
                .approvals(ApprovalConfig.builder()
                        .riskRule(RiskRule.anySource("review-error", Risk.HIGH, "review_max_level == \"ERROR\""))
                        .riskRule(RiskRule.anySource("many-rows", Risk.HIGH, "affected_rows > 1000"))
                        .flow(new ApprovalFlow("dba", "DBA", List.of(ApprovalStep.of(Roles.DBA))))
                        .flowRule(new FlowRule("all", Optional.empty(), Optional.empty(), Optional.empty(), "dba"))
                        .build());
        if (review) {
            b.review(ReviewPolicies.template("prod"));
        }
        for (String db : dbs) {
            b.database(new Database(new DatabaseRef("mariadb", db), "bench", "prod"));
        }
        try (Pipeline pipeline = b.build()) {
            ChangeRequest cr = pipeline.create(NewChangeRequest.of(
                    "bench",
                    "fan-out",
                    ChangeType.DATA,
                    "DELETE FROM t WHERE id = 2",
                    TargetSelector.matching("prod", ".*"),
                    "bench"));
            long start = System.nanoTime();
            pipeline.submit(cr.id(), "bench");
            double seconds = (System.nanoTime() - start) / 1e9;
            ApprovalProcess p = pipeline.approvalProcess(cr.id()).orElseThrow();
            long reviewedTasks = p.risk().tasks().stream()
                    .map(TaskRisk::reviewMaxLevel)
                    .filter(l -> !l.equals("NONE") && !l.equals("UNKNOWN"))
                    .count();
            long unknown = p.risk().tasks().stream()
                    .filter(t -> t.reviewMaxLevel().equals("UNKNOWN"))
                    .count();
            System.out.printf(
                    Locale.ROOT,
                    "submit %s: %.2f s, %d tasks, reviewed %d, review unknown %d, risk %s%n",
                    review ? "with review" : "estimates only",
                    seconds,
                    p.risk().tasks().size(),
                    reviewedTasks,
                    unknown,
                    p.risk().risk());
            return seconds;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
