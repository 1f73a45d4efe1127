package io.dbchange.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.DbChangeException;
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
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Instance;
import io.dbchange.api.project.Project;
import io.dbchange.api.store.AuditEntry;
import io.dbchange.core.approval.ApprovalConfig;
import io.dbchange.core.approval.ChangeSource;
import io.dbchange.core.approval.FlowRule;
import io.dbchange.core.approval.InMemoryRoleResolver;
import io.dbchange.core.approval.RiskRule;
import io.dbchange.core.store.InMemoryMetadataStore;
import io.dbchange.testing.PropertySeeds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Over random sequences of edit / approve / reject / re-request / stage-rollout calls by random principals (some with
 * random roles) through
 * the pipeline, a request is APPROVED only if, in the store's audit log since its content last changed, every step of
 * the TESTER -> PROJECT_OWNER -> DBA flow was approved in order, by distinct principals holding exactly the step's
 * role, none of them the creator, on the request's current content hash (or it has no prod task, so no flow
 * applies). The check reads only the request and the audit log, not the engine's process, so it catches a gate that
 * approves on a process out of step with the request. Seeds: {@link PropertySeeds}.
 */
class PipelineApprovalPropertiesTest {

    static final DatabaseRef TEST = new DatabaseRef("my-test", "orders");
    static final DatabaseRef PROD = new DatabaseRef("my-prod", "orders");
    static final List<String> PRINCIPALS = List.of("dev", "tess", "olga", "dora", "dan", "pat", "eve");
    static final List<String> FLOW = List.of("TESTER", Roles.PROJECT_OWNER, Roles.DBA);
    /** Roles every run grants, so that each run can reach APPROVED: one holder per step besides the creator. */
    static final Map<String, Set<String>> FIXED_ROLES = Map.of(
            "dev", Set.of("TESTER", Roles.DBA, Roles.PROJECT_OWNER), // the creator holds every role: never counts
            "tess", Set.of("TESTER"),
            "olga", Set.of(Roles.PROJECT_OWNER),
            "dora", Set.of(Roles.DBA));

    static final List<String> GRANTABLE = List.of("TESTER", Roles.PROJECT_OWNER, Roles.DBA, Roles.PROJECT_DEVELOPER);

    /** The fixed roles, and for dan, pat and eve a random subset of {@link #GRANTABLE} (possibly none). */
    static Map<String, Set<String>> roles(SplittableRandom random) {
        Map<String, Set<String>> roles = new java.util.HashMap<>(FIXED_ROLES);
        for (String principal : List.of("dan", "pat", "eve")) {
            Set<String> held = new HashSet<>();
            GRANTABLE.forEach(r -> {
                if (random.nextBoolean()) {
                    held.add(r);
                }
            });
            roles.put(principal, held);
        }
        return Map.copyOf(roles);
    }

    static LongStream seeds() {
        return PropertySeeds.seeds(30);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRequestIsApprovedOnlyAfterEveryStepInOrderByDistinctEligibleOthersOnItsCurrentContent(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        // roles from a stream of their own, so that the calls are drawn as they were before roles were random
        Map<String, Set<String>> held = roles(new SplittableRandom(~seed));
        InMemoryRoleResolver roles = new InMemoryRoleResolver();
        held.forEach((p, rs) -> rs.forEach(r -> roles.grant(p, r)));
        ApprovalConfig config = ApprovalConfig.builder()
                .customRole("TESTER")
                .riskRule(RiskRule.forSource("prod-ddl", Risk.HIGH, ChangeSource.DDL, "environment_id == \"prod\""))
                .flow(new ApprovalFlow(
                        "tod",
                        "Tester, owner, DBA",
                        FLOW.stream().map(ApprovalStep::of).toList()))
                .flowRule(FlowRule.of("high", ChangeSource.DDL, Risk.HIGH, "tod"))
                .build();
        try (Pipeline pipeline = Pipeline.configure()
                .store(new InMemoryMetadataStore())
                .project(Project.of("shop", "Shop"))
                .environments("test", "prod")
                .instance(instance("my-test", "test"))
                .instance(instance("my-prod", "prod"))
                .database(new Database(TEST, "shop", "test"))
                .database(new Database(PROD, "shop", "prod"))
                .roleResolver(roles)
                .approvals(config)
                .build()) {
            ChangeRequest cr = pipeline.create(NewChangeRequest.of(
                    "shop", "Change", ChangeType.SCHEMA, statement(random), targets(random), "dev"));
            pipeline.submit(cr.id(), "dev");
            List<String> seenHashes = new ArrayList<>(List.of(cr.contentHash()));
            int approvedSeen = 0;
            for (int call = 0; call < 60; call++) {
                String principal = PRINCIPALS.get(random.nextInt(PRINCIPALS.size()));
                ChangeRequest now = pipeline.request(cr.id()).orElseThrow();
                // approvers mostly look at the current content, sometimes at an old one
                String hash =
                        random.nextInt(5) == 0 ? seenHashes.get(random.nextInt(seenHashes.size())) : now.contentHash();
                int action = random.nextInt(100);
                try {
                    if (action < 55) {
                        pipeline.approve(cr.id(), principal, hash, "ok");
                    } else if (action < 63) {
                        pipeline.reject(cr.id(), principal, hash, "no");
                    } else if (action < 78) {
                        String editor = random.nextInt(4) == 0 ? principal : "dev";
                        seenHashes.add(pipeline.edit(cr.id(), editor, statement(random), targets(random))
                                .contentHash());
                    } else if (action < 90) {
                        pipeline.reRequest(cr.id(), random.nextInt(3) == 0 ? principal : "dev", "again");
                    } else {
                        pipeline.startStage(cr.id(), "prod", principal);
                    }
                } catch (DbChangeException e) {
                    assertThat(e.code())
                            .as("seed %d call %d", seed, call)
                            .isIn(
                                    ApprovalErrorCode.APPROVAL_FORBIDDEN,
                                    ApprovalErrorCode.APPROVAL_STALE,
                                    PipelineErrorCode.PERMISSION_DENIED,
                                    PipelineErrorCode.ILLEGAL_ACTION,
                                    PipelineErrorCode.NOT_FOUND);
                }
                if (checkInvariant(pipeline, cr.id(), held, "seed " + seed + " call " + call + " roles " + held)) {
                    approvedSeen++;
                }
            }
            // not a proof by itself, but a property that never sees an approval proves little
            assertThat(approvedSeen + countApprovedDecisions(pipeline, cr.id()))
                    .as("seed %d exercised approvals", seed)
                    .isPositive();
        }
    }

    /** Checks the invariant; returns whether the request is APPROVED now. */
    private static boolean checkInvariant(
            Pipeline pipeline, String requestId, Map<String, Set<String>> held, String trace) {
        ChangeRequest cr = pipeline.request(requestId).orElseThrow();
        boolean hasProd = cr.targets().contains(PROD);
        if (cr.status() == ChangeRequestStatus.PENDING_APPROVAL) {
            assertThat(pipeline.plan(requestId).tasks())
                    .as(trace)
                    .allSatisfy(t -> assertThat(t.state())
                            .isInstanceOfSatisfying(
                                    TaskState.Waiting.class,
                                    w -> assertThat(w.reason()).isEqualTo(WaitReason.APPROVAL)));
        }
        if (cr.status() != ChangeRequestStatus.APPROVED) {
            return false;
        }
        List<AuditEntry> log = pipeline.auditLog(requestId).stream()
                .filter(e -> e.action().startsWith("approval."))
                .filter(e -> !e.details().getOrDefault("outcome", "").startsWith("REFUSED"))
                .toList();
        int lastReset = -1;
        for (int i = 0; i < log.size(); i++) {
            String a = log.get(i).action();
            if (a.equals("approval.submitted") || a.equals("approval.revised") || a.equals("approval.re-requested")) {
                lastReset = i;
            }
        }
        assertThat(lastReset).as(trace).isNotNegative();
        List<AuditEntry> approvals = log.subList(lastReset + 1, log.size()).stream()
                .filter(e -> e.action().equals("approval.approved"))
                .toList();
        if (!hasProd) {
            assertThat(approvals).as(trace + ": no prod task, no flow").isEmpty();
            return true;
        }
        assertThat(approvals).as(trace + ": one approval per step").hasSize(FLOW.size());
        Set<String> principals = new HashSet<>();
        for (int step = 0; step < FLOW.size(); step++) {
            AuditEntry e = approvals.get(step);
            assertThat(e.details()).as(trace).containsEntry("step", Integer.toString(step + 1));
            assertThat(e.details()).as(trace).containsEntry("contentHash", cr.contentHash());
            assertThat(e.details()).as(trace).containsEntry("revision", Integer.toString(cr.revision()));
            assertThat(e.principal()).as(trace).isNotEqualTo(cr.creator());
            assertThat(held.get(e.principal())).as(trace).contains(FLOW.get(step));
            assertThat(principals.add(e.principal())).as(trace + ": distinct").isTrue();
        }
        return true;
    }

    private static long countApprovedDecisions(Pipeline pipeline, String requestId) {
        return pipeline.auditLog(requestId).stream()
                .filter(e -> e.action().equals("approval.approved"))
                .count();
    }

    private static String statement(SplittableRandom random) {
        return "ALTER TABLE orders ADD c" + random.nextInt(1_000_000) + " int";
    }

    private static TargetSelector targets(SplittableRandom random) {
        return random.nextInt(4) == 0 ? TargetSelector.databases(TEST) : TargetSelector.databases(TEST, PROD);
    }

    private static Instance instance(String id, String env) {
        return new Instance(id, env, "mysql", ConnectionSettings.of("jdbc:mysql://db-" + id + ":3306/", "app", "x"));
    }
}
