package io.dbchange.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.approval.ApprovalErrorCode;
import io.dbchange.api.approval.ApprovalFlow;
import io.dbchange.api.approval.ApprovalStep;
import io.dbchange.api.approval.Risk;
import io.dbchange.api.approval.Roles;
import io.dbchange.api.sql.Dialect;
import io.dbchange.testing.PropertySeeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random sequences of submit, edit, approve, reject, re-request and role changes by random principals. Two checks:
 *
 * <ol>
 *   <li>a model written independently of the engine predicts, for every call, whether it must be accepted and the
 *       status after it, and the engine must agree (so the engine neither lets through nor blocks what it must not);
 *   <li>whenever the engine says APPROVED, the log of accepted calls since the last submission, revision or
 *       re-request proves it: every step was satisfied in order by distinct principals holding the step's role at
 *       the time, none the creator, each on the current content hash, and nobody rejected in between.
 * </ol>
 */
class ApprovalPropertiesTest {

    static final List<String> ROLE_POOL = List.of("TESTER", Roles.PROJECT_OWNER, Roles.DBA, Roles.PROJECT_RELEASER);
    static final List<String> PRINCIPALS = List.of("creator", "p1", "p2", "p3", "p4", "p5", "p6");
    static final String CREATOR = "creator";

    static LongStream seeds() {
        return PropertySeeds.seeds(400);
    }

    /** One accepted call, as the checker of property 2 reads the log. */
    record Accepted(String kind, String principal, String hash, Set<String> rolesAtTheTime) {}

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void approvedOnlyWhenEveryStepWasSatisfiedInOrderByDistinctEligibleNonCreators(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ApprovalStep> highSteps = randomSteps(random);
        Optional<List<ApprovalStep>> lowSteps =
                random.nextBoolean() ? Optional.of(randomSteps(random)) : Optional.empty();
        ApprovalConfig.Builder config = ApprovalConfig.builder()
                .customRole("TESTER")
                .riskRule(RiskRule.anySource("prod", Risk.HIGH, "environment_id == 'prod'"))
                .flow(new ApprovalFlow("high", "High", highSteps))
                .flowRule(FlowRule.of("high", ChangeSource.DDL, Risk.HIGH, "high"));
        lowSteps.ifPresent(steps -> config.flow(new ApprovalFlow("low", "Low", steps))
                .flowRule(new FlowRule("rest", Optional.empty(), Optional.empty(), Optional.empty(), "low")));
        InMemoryRoleResolver resolver = new InMemoryRoleResolver();
        Map<String, Set<String>> modelRoles = new HashMap<>();
        for (String principal : PRINCIPALS) {
            modelRoles.put(principal, new HashSet<>());
            for (String role : ROLE_POOL) {
                if (random.nextInt(3) == 0) {
                    resolver.grant(principal, role);
                    modelRoles.get(principal).add(role);
                }
            }
        }
        ApprovalEngine engine =
                ApprovalEngine.builder(config.build()).roleResolver(resolver).build();

        // the model
        int revision = 1;
        boolean prod = random.nextBoolean();
        String hash = "h1";
        List<ApprovalStep> steps = prod ? highSteps : lowSteps.orElse(List.of());
        ApprovalStatus status = steps.isEmpty() ? ApprovalStatus.APPROVED : ApprovalStatus.PENDING;
        List<String> approvers = new ArrayList<>();
        String rejectedHash = null;
        List<String> oldHashes = new ArrayList<>();
        List<Accepted> log = new ArrayList<>();

        ApprovalProcess process = engine.submit(subject(revision, hash, prod));
        log.add(new Accepted("submit", CREATOR, hash, Set.of()));
        assertThat(process.status()).isEqualTo(status);

        for (int call = 0; call < 40; call++) {
            String principal = PRINCIPALS.get(random.nextInt(PRINCIPALS.size()));
            int action = random.nextInt(100);
            String trace = "seed " + seed + " call " + call + ": ";
            if (action < 10) {
                // the host changes someone's roles
                String role = ROLE_POOL.get(random.nextInt(ROLE_POOL.size()));
                if (random.nextBoolean()) {
                    resolver.grant(principal, role);
                    modelRoles.get(principal).add(role);
                } else {
                    resolver.revoke(principal, role);
                    modelRoles.get(principal).remove(role);
                }
            } else if (action < 22) {
                String editor = random.nextInt(4) == 0 ? principal : CREATOR;
                boolean newProd = random.nextBoolean();
                String newHash = "h" + (revision + 1);
                ApprovalProcess before = process;
                int nextRevision = revision + 1;
                Optional<ApprovalProcess> result =
                        attempt(() -> engine.revise(before, editor, subject(nextRevision, newHash, newProd)));
                boolean expected = editor.equals(CREATOR);
                assertThat(result.isPresent()).as(trace + "revise by " + editor).isEqualTo(expected);
                if (expected) {
                    process = result.get();
                    oldHashes.add(hash);
                    revision = nextRevision;
                    hash = newHash;
                    prod = newProd;
                    steps = prod ? highSteps : lowSteps.orElse(List.of());
                    approvers.clear();
                    if (status != ApprovalStatus.REJECTED) {
                        status = steps.isEmpty() ? ApprovalStatus.APPROVED : ApprovalStatus.PENDING;
                    }
                    log.add(new Accepted("revise", editor, hash, Set.of()));
                }
            } else if (action < 30) {
                ApprovalProcess before = process;
                Optional<ApprovalProcess> result = attempt(() -> engine.reRequest(before, principal, "again"));
                boolean expected =
                        status == ApprovalStatus.REJECTED && principal.equals(CREATOR) && !hash.equals(rejectedHash);
                assertThat(result.isPresent())
                        .as(trace + "re-request by " + principal)
                        .isEqualTo(expected);
                if (expected) {
                    process = result.get();
                    status = steps.isEmpty() ? ApprovalStatus.APPROVED : ApprovalStatus.PENDING;
                    approvers.clear();
                    log.add(new Accepted("re-request", principal, hash, Set.of()));
                }
            } else {
                boolean approve = action < 90;
                String seen = !oldHashes.isEmpty() && random.nextInt(7) == 0
                        ? oldHashes.get(random.nextInt(oldHashes.size()))
                        : hash;
                ApprovalProcess before = process;
                Optional<ApprovalProcess> result = attempt(() -> approve
                        ? engine.approve(before, principal, seen, "ok")
                        : engine.reject(before, principal, seen, "no"));
                // model: which step is current is where the count of approvals falls in the steps' running totals
                String waitingRole = null;
                int needed = 0;
                for (ApprovalStep step : steps) {
                    needed += step.approvalsRequired();
                    if (approvers.size() < needed) {
                        waitingRole = step.role();
                        break;
                    }
                }
                boolean expected = status == ApprovalStatus.PENDING
                        && seen.equals(hash)
                        && !principal.equals(CREATOR)
                        && !approvers.contains(principal)
                        && modelRoles.get(principal).contains(waitingRole);
                assertThat(result.isPresent())
                        .as(trace + (approve ? "approve" : "reject") + " by " + principal + " with roles "
                                + modelRoles.get(principal) + " on " + seen + "; model: " + status + ", approvers "
                                + approvers + ", waiting for " + waitingRole)
                        .isEqualTo(expected);
                if (expected) {
                    process = result.get();
                    log.add(new Accepted(
                            approve ? "approve" : "reject", principal, seen, Set.copyOf(modelRoles.get(principal))));
                    if (approve) {
                        approvers.add(principal);
                        int total = steps.stream()
                                .mapToInt(ApprovalStep::approvalsRequired)
                                .sum();
                        status = approvers.size() == total ? ApprovalStatus.APPROVED : ApprovalStatus.PENDING;
                    } else {
                        status = ApprovalStatus.REJECTED;
                        rejectedHash = hash;
                        approvers.clear();
                    }
                }
            }
            assertThat(process.status()).as(trace + "status").isEqualTo(status);
            assertThat(process.contentHash()).isEqualTo(hash);
            if (process.status() == ApprovalStatus.APPROVED) {
                assertApprovalIsProven(trace, log, steps, hash);
            }
            assertThat(ApprovalJson.read(ApprovalJson.write(process))).isEqualTo(process);
        }
        assertThat(process.audit()).hasSize((int) log.stream().count());
    }

    /** Property 2, from the log alone. */
    static void assertApprovalIsProven(String trace, List<Accepted> log, List<ApprovalStep> steps, String hash) {
        int start = 0;
        for (int i = 0; i < log.size(); i++) {
            String kind = log.get(i).kind();
            if (kind.equals("submit") || kind.equals("revise") || kind.equals("re-request")) {
                start = i + 1;
            }
        }
        List<Accepted> segment = log.subList(start, log.size());
        if (segment.stream().anyMatch(a -> a.kind().equals("reject"))) {
            fail(trace + "APPROVED although rejected since the last request: " + segment);
        }
        Set<String> seen = new HashSet<>();
        int next = 0;
        for (int s = 0; s < steps.size(); s++) {
            for (int k = 0; k < steps.get(s).approvalsRequired(); k++) {
                if (next >= segment.size()) {
                    fail(trace + "APPROVED with step " + (s + 1) + " unsatisfied: " + segment);
                }
                Accepted a = segment.get(next++);
                assertThat(a.principal()).as(trace + "approver").isNotEqualTo(CREATOR);
                assertThat(seen.add(a.principal()))
                        .as(trace + a.principal() + " counted twice")
                        .isTrue();
                assertThat(a.hash()).as(trace + "approved content").isEqualTo(hash);
                assertThat(a.rolesAtTheTime())
                        .as(trace + a.principal() + " for step " + (s + 1))
                        .contains(steps.get(s).role());
            }
        }
        assertThat(next).as(trace + "approvals beyond the flow: " + segment).isEqualTo(segment.size());
    }

    static Optional<ApprovalProcess> attempt(Supplier<ApprovalProcess> call) {
        try {
            return Optional.of(call.get());
        } catch (DbChangeException e) {
            assertThat(e.code()).isIn(ApprovalErrorCode.APPROVAL_FORBIDDEN, ApprovalErrorCode.APPROVAL_STALE);
            return Optional.empty();
        }
    }

    static List<ApprovalStep> randomSteps(SplittableRandom random) {
        int count = 1 + random.nextInt(3);
        List<ApprovalStep> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            steps.add(new ApprovalStep(ROLE_POOL.get(random.nextInt(ROLE_POOL.size())), 1 + random.nextInt(2)));
        }
        return steps;
    }

    static ApprovalSubject subject(int revision, String hash, boolean prod) {
        List<SubjectTask> tasks = new ArrayList<>();
        tasks.add(new SubjectTask("test", "test", "shop", Dialect.MYSQL, List.of()));
        if (prod) {
            tasks.add(new SubjectTask("prod", "prod", "shop", Dialect.MYSQL, List.of()));
        }
        return new ApprovalSubject("r1", "shop", revision, hash, CREATOR, ChangeSource.DDL, tasks);
    }
}
