package io.dbchange.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.Plan;
import io.dbchange.api.change.Stage;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.Task;
import io.dbchange.api.change.TaskState;
import io.dbchange.api.change.WaitReason;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.pipeline.ApprovalGate;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Environment;
import io.dbchange.api.project.Instance;
import io.dbchange.api.project.Project;
import io.dbchange.api.project.RolloutPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Change requests and plans: target expansion, stages in environment order, revisions with new content hashes and
 * approvals bound to them. Nothing here executes (no request is rolled out), so no database is needed.
 */
class ChangeRequestsTest {

    private final Set<String> approvedHashes = ConcurrentHashMap.newKeySet();
    private final List<PipelineEvent> events = new CopyOnWriteArrayList<>();
    private final List<DatabaseRef> tenants = new ArrayList<>();
    private final Pipeline pipeline = build();

    private Pipeline build() {
        Pipeline.Builder b = Pipeline.configure()
                .project(Project.of("shop", "Shop"))
                .project(Project.of("crm", "CRM"))
                // configured out of order: the plan follows 'order'
                .environment(new Environment("prod", "Production", 2, RolloutPolicy.manual("DBA")))
                .environment(new Environment("test", "Test", 0, RolloutPolicy.AUTOMATIC))
                .environment(new Environment("staging", "Staging", 1, RolloutPolicy.AUTOMATIC))
                .instance(instance("my-test", "test"))
                .instance(instance("my-staging", "staging"))
                .instance(instance("my-prod", "prod"))
                .database(new Database(new DatabaseRef("my-test", "orders"), "shop", "test"))
                .database(new Database(new DatabaseRef("my-staging", "orders"), "shop", "staging"))
                .database(new Database(new DatabaseRef("my-prod", "orders"), "shop", "prod"))
                .database(new Database(new DatabaseRef("my-prod", "leads"), "crm", "prod"))
                .approvalGate((request, plan) -> approvedHashes.contains(request.contentHash())
                        ? ApprovalGate.Decision.approved("1 x DBA approved " + request.contentHash())
                        : ApprovalGate.Decision.pending("waiting for 1 x DBA"))
                .listener(events::add);
        for (int i = 0; i < 1000; i++) {
            DatabaseRef ref = new DatabaseRef("my-prod", String.format("tenant_%04d", i));
            tenants.add(ref);
            b.database(new Database(ref, "shop", "prod"));
        }
        b.databaseGroup("first-ten", tenants.subList(0, 10));
        return b.build();
    }

    private static Instance instance(String id, String env) {
        return new Instance(
                id, env, "mysql", ConnectionSettings.of("jdbc:mysql://db-" + id + ":3306/", "app", "secret"));
    }

    @AfterEach
    void close() {
        pipeline.close();
    }

    private ChangeRequest create(String sql, TargetSelector targets) {
        return pipeline.create(NewChangeRequest.of("shop", "Add note", ChangeType.SCHEMA, sql, targets, "alice"));
    }

    @Test
    void aPlanHasOneStagePerEnvironmentInPipelineOrderAndOneTaskPerDatabase() {
        ChangeRequest cr = create(
                "ALTER TABLE orders ADD note text",
                TargetSelector.databases(
                        new DatabaseRef("my-prod", "orders"),
                        new DatabaseRef("my-test", "orders"),
                        new DatabaseRef("my-staging", "orders")));

        Plan plan = pipeline.plan(cr.id());
        assertThat(plan.stages()).extracting(Stage::environmentId).containsExactly("test", "staging", "prod");
        assertThat(plan.stages()).allSatisfy(s -> assertThat(s.tasks()).hasSize(1));
        assertThat(plan.tasks()).allSatisfy(t -> {
            assertThat(t.statement()).isEqualTo("ALTER TABLE orders ADD note text");
            assertThat(t.state()).isEqualTo(TaskState.NOT_STARTED);
        });
        assertThat(cr.status()).isEqualTo(ChangeRequestStatus.DRAFT);
        assertThat(cr.revision()).isEqualTo(1);
        assertThat(cr.contentHash()).startsWith("sha256:");
        assertThat(events).first().isInstanceOf(PipelineEvent.RequestCreated.class);
    }

    @Test
    void aSelectorExpandsToAThousandTenantsAsOneTaskEach() {
        ChangeRequest cr = create("ALTER TABLE t ADD c int", TargetSelector.matching("prod", "tenant_\\d{4}"));

        assertThat(cr.targets()).containsExactlyElementsOf(tenants);
        assertThat(pipeline.plan(cr.id()).stages()).singleElement().satisfies(s -> {
            assertThat(s.environmentId()).isEqualTo("prod");
            assertThat(s.tasks()).hasSize(1000);
            assertThat(s.tasks().stream().map(Task::id).distinct()).hasSize(1000);
        });
    }

    @Test
    void aGroupSelectorExpandsToItsMembersOfTheProject() {
        ChangeRequest cr = create("ALTER TABLE t ADD c int", TargetSelector.group("first-ten"));
        assertThat(cr.targets()).containsExactlyElementsOf(tenants.subList(0, 10));
    }

    @Test
    void selectorsThatSelectNothingOrOutsideTheProjectAreRejectedWithTheReason() {
        assertThatThrownBy(() -> create("SELECT 1", TargetSelector.matching("prod", "nothing_.*")))
                .isInstanceOfSatisfying(
                        DbChangeException.class, e -> assertThat(e.code()).isEqualTo(PipelineErrorCode.NO_TARGETS))
                .hasMessageContaining("shop");
        assertThatThrownBy(() -> create("SELECT 1", TargetSelector.databases(new DatabaseRef("my-prod", "leads"))))
                .hasMessageContaining("my-prod/leads")
                .hasMessageContaining("not a database of project 'shop'");
        assertThatThrownBy(() -> create("SELECT 1", TargetSelector.group("nope")))
                .hasMessageContaining("database group 'nope' is not configured");
        assertThatThrownBy(() -> create("SELECT 1", TargetSelector.matching("qa", ".*")))
                .hasMessageContaining("environment 'qa' is not configured");
    }

    @Test
    void approvalIsBoundToTheContentHashAndAnEditStartsItOver() {
        ChangeRequest cr = create("ALTER TABLE t ADD c int", TargetSelector.group("first-ten"));
        ChangeRequest submitted = pipeline.submit(cr.id(), "alice");
        assertThat(submitted.status()).isEqualTo(ChangeRequestStatus.PENDING_APPROVAL);
        assertThat(pipeline.plan(cr.id()).tasks())
                .allSatisfy(t ->
                        assertThat(t.state()).isEqualTo(TaskState.waiting(WaitReason.APPROVAL, "waiting for 1 x DBA")));

        approvedHashes.add(cr.contentHash());
        assertThat(pipeline.refreshApproval(cr.id()).status()).isEqualTo(ChangeRequestStatus.APPROVED);

        List<String> oldTasks =
                pipeline.plan(cr.id()).tasks().stream().map(Task::id).toList();
        ChangeRequest edited =
                pipeline.edit(cr.id(), "alice", "ALTER TABLE t ADD c bigint", TargetSelector.group("first-ten"));

        assertThat(edited.revision()).isEqualTo(2);
        assertThat(edited.contentHash()).isNotEqualTo(cr.contentHash());
        assertThat(edited.status()).isEqualTo(ChangeRequestStatus.PENDING_APPROVAL);
        Plan plan = pipeline.plan(cr.id());
        assertThat(plan.revision()).isEqualTo(2);
        assertThat(plan.tasks()).extracting(Task::id).doesNotContainAnyElementsOf(oldTasks);
        assertThat(plan.tasks()).allSatisfy(t -> assertThat(t.statement()).isEqualTo("ALTER TABLE t ADD c bigint"));

        approvedHashes.add(edited.contentHash());
        assertThat(pipeline.refreshApproval(cr.id()).status()).isEqualTo(ChangeRequestStatus.APPROVED);
        assertThat(events)
                .filteredOn(e -> e instanceof PipelineEvent.RequestUpdated)
                .extracting(e -> ((PipelineEvent.RequestUpdated) e).request().status())
                .contains(
                        ChangeRequestStatus.IN_REVIEW,
                        ChangeRequestStatus.PENDING_APPROVAL,
                        ChangeRequestStatus.APPROVED);
        assertThat(pipeline.auditLog(cr.id()))
                .extracting(a -> a.action())
                .contains("request.create", "request.submit", "request.edit", "request.approval");
    }

    @Test
    void changingTheTargetsChangesTheHashButTheTitleDoesNot() {
        ChangeRequest a = create("ALTER TABLE t ADD c int", TargetSelector.group("first-ten"));
        ChangeRequest b = pipeline.create(NewChangeRequest.of(
                "shop",
                "Other title",
                ChangeType.SCHEMA,
                "ALTER TABLE t ADD c int",
                TargetSelector.group("first-ten"),
                "bob"));
        ChangeRequest c = create("ALTER TABLE t ADD c int", TargetSelector.databases(tenants.subList(0, 9)));
        assertThat(b.contentHash()).isEqualTo(a.contentHash());
        assertThat(c.contentHash()).isNotEqualTo(a.contentHash());
    }

    @Test
    void aSubmittedRequestIsNotSubmittedTwiceAndACanceledOneIsNotEdited() {
        ChangeRequest cr = create("DROP TABLE t", TargetSelector.group("first-ten"));
        assertThat(pipeline.submit(cr.id(), "alice").status()).isEqualTo(ChangeRequestStatus.PENDING_APPROVAL);
        assertThatThrownBy(() -> pipeline.submit(cr.id(), "alice"))
                .isInstanceOfSatisfying(
                        DbChangeException.class, e -> assertThat(e.code()).isEqualTo(PipelineErrorCode.ILLEGAL_ACTION));
        ChangeRequest canceled = pipeline.cancel(cr.id(), "alice", "wrong table");
        assertThat(canceled.status()).isEqualTo(ChangeRequestStatus.CANCELED);
        assertThatThrownBy(() -> pipeline.edit(cr.id(), "alice", "DROP TABLE u", TargetSelector.group("first-ten")))
                .hasMessageContaining("can no longer be edited");
    }
}
