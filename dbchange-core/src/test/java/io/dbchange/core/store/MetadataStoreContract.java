package io.dbchange.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.change.ChangeOptions;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.Task;
import io.dbchange.api.change.TaskRun;
import io.dbchange.api.change.TaskRunStatus;
import io.dbchange.api.change.TaskState;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.change.WaitReason;
import io.dbchange.api.engine.StatementOutcome;
import io.dbchange.api.engine.StatementResult;
import io.dbchange.api.history.MigrationRecord;
import io.dbchange.api.history.MigrationStatus;
import io.dbchange.api.history.MigrationType;
import io.dbchange.api.pipeline.CancelRequest;
import io.dbchange.api.pipeline.CheckOverride;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.pipeline.Progress;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.api.store.ApprovalEntry;
import io.dbchange.api.store.AuditEntry;
import io.dbchange.api.store.EventEntry;
import io.dbchange.api.store.HistoryEntry;
import io.dbchange.api.store.Lease;
import io.dbchange.api.store.MetadataStore;
import io.dbchange.api.store.RequestEntry;
import io.dbchange.api.store.StoreErrorCode;
import io.dbchange.api.store.TaskEntry;
import io.dbchange.api.store.TaskVersions;
import io.dbchange.testing.PropertySeeds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour every {@link MetadataStore} must show, written once and run against each implementation: a subclass
 * supplies a fresh, empty store per test ({@link #newStore()}) and may release it in {@link #closeStore}. The
 * in-memory store runs it in {@code InMemoryMetadataStoreTest}; the JDBC stores in their own modules' tests.
 *
 * <p>Concurrency cases race real threads on one store and count winners: a compare-and-set or a lock has exactly one.
 */
public abstract class MetadataStoreContract {

    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    protected static final DatabaseRef DB1 = new DatabaseRef("mysql-1", "tenant_1");
    protected static final DatabaseRef DB2 = new DatabaseRef("mysql-1", "tenant_2");

    protected MetadataStore store;

    /** A fresh, empty store. */
    protected abstract MetadataStore newStore();

    /** Releases the store after a test; nothing by default. */
    protected void closeStore(MetadataStore store) {}

    /**
     * Another node on the state of {@link #store}: for a shared store, a second instance with its own connections to
     * the same database. A store that cannot be shared between processes (in-memory) returns {@link #store} itself,
     * which is what two nodes in one process would share. Released with the test.
     */
    protected MetadataStore secondNode() {
        return store;
    }

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void releaseStore() {
        closeStore(store);
    }

    // ---- fixtures ------------------------------------------------------------------------------------------

    protected RequestEntry requestEntry(String id, List<DatabaseRef> targets, ChangeRequestStatus status) {
        ChangeRequest request = new ChangeRequest(
                id,
                "shop",
                "Add note",
                "",
                ChangeType.SCHEMA,
                "ALTER TABLE orders ADD note text",
                targets,
                "alice",
                status,
                1,
                "sha256:" + id,
                T0,
                T0);
        return new RequestEntry(request, TargetSelector.databases(targets), ChangeOptions.DEFAULTS, Map.of(), 0);
    }

    protected List<TaskEntry> taskEntries(String requestId, List<DatabaseRef> targets, int revision) {
        List<TaskEntry> list = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Task task =
                    new Task(store.newId(), targets.get(i), "ALTER TABLE orders ADD note text", TaskState.NOT_STARTED);
            list.add(TaskEntry.planned(task, requestId, revision, "test", 0, i));
        }
        return list;
    }

    protected TaskEntry createOneTask() {
        String id = store.newId();
        store.createRequest(
                requestEntry(id, List.of(DB1), ChangeRequestStatus.ROLLING_OUT), taskEntries(id, List.of(DB1), 1));
        return store.tasks(id).get(0);
    }

    protected TaskEntry waiting(TaskEntry entry) {
        return store.compareAndSetTask(entry, entry.withState(TaskState.waiting(WaitReason.DATABASE_BUSY, "queued")))
                .orElseThrow();
    }

    protected static MigrationRecord pending(DatabaseRef db, String version, Instant at) {
        return new MigrationRecord(
                db,
                version,
                MigrationType.SCHEMA,
                "add note",
                "ALTER TABLE orders ADD note text",
                "sha256:1",
                Optional.empty(),
                Optional.empty(),
                MigrationStatus.PENDING,
                at,
                Optional.empty(),
                Duration.ZERO,
                0,
                "alice",
                Optional.empty(),
                Optional.empty());
    }

    protected static MigrationRecord finished(MigrationRecord pending, MigrationStatus status, Instant end) {
        return new MigrationRecord(
                pending.database(),
                pending.version(),
                pending.type(),
                pending.description(),
                pending.statement(),
                pending.checksum(),
                pending.schemaBefore(),
                pending.schemaAfter(),
                status,
                pending.startedAt(),
                Optional.of(end),
                Duration.between(pending.startedAt(), end),
                3,
                pending.principal(),
                pending.requestId(),
                pending.taskId());
    }

    // ---- requests and tasks --------------------------------------------------------------------------------

    @Test
    void newIdsAreUniqueAndValid() {
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = store.newId();
            assertThat(io.dbchange.api.Ids.isGeneratedId(id)).as(id).isTrue();
            assertThat(ids.add(id)).as("duplicate id " + id).isTrue();
        }
    }

    @Test
    void createsARequestWithItsTasksAndReadsThemBackInSequenceOrder() {
        String id = store.newId();
        RequestEntry created = store.createRequest(
                requestEntry(id, List.of(DB1, DB2), ChangeRequestStatus.DRAFT), taskEntries(id, List.of(DB1, DB2), 1));

        assertThat(created.version()).isZero();
        assertThat(store.request(id)).contains(created);
        assertThat(store.tasks(id)).extracting(TaskEntry::database).containsExactly(DB1, DB2);
        assertThat(store.tasks(id)).allSatisfy(t -> assertThat(t.version()).isZero());
        assertThat(store.task(store.tasks(id).get(1).id()))
                .contains(store.tasks(id).get(1));
        assertThat(store.request("nope")).isEmpty();
        assertThat(store.tasks("nope")).isEmpty();
    }

    @Test
    void rejectsADuplicateRequestIdAndLeavesTheFirstUntouched() {
        String id = store.newId();
        RequestEntry first = store.createRequest(
                requestEntry(id, List.of(DB1), ChangeRequestStatus.DRAFT), taskEntries(id, List.of(DB1), 1));

        assertThatThrownBy(() -> store.createRequest(
                        requestEntry(id, List.of(DB2), ChangeRequestStatus.DRAFT), taskEntries(id, List.of(DB2), 1)))
                .isInstanceOf(DbChangeException.class)
                .satisfies(e -> assertThat(((DbChangeException) e).code()).isEqualTo(StoreErrorCode.DUPLICATE));
        assertThat(store.request(id)).contains(first);
        assertThat(store.tasks(id)).extracting(TaskEntry::database).containsExactly(DB1);
    }

    @Test
    void listsRequestsByStatus() {
        String a = store.newId();
        String b = store.newId();
        store.createRequest(requestEntry(a, List.of(DB1), ChangeRequestStatus.DRAFT), taskEntries(a, List.of(DB1), 1));
        store.createRequest(
                requestEntry(b, List.of(DB1), ChangeRequestStatus.ROLLING_OUT), taskEntries(b, List.of(DB1), 1));

        assertThat(store.requests(EnumSet.of(ChangeRequestStatus.ROLLING_OUT)))
                .extracting(RequestEntry::id)
                .containsExactly(b);
        assertThat(store.requests(EnumSet.allOf(ChangeRequestStatus.class)))
                .extracting(RequestEntry::id)
                .containsExactly(a, b);
    }

    @Test
    void requestCompareAndSetSucceedsOnTheCurrentVersionAndFailsOnAStaleOne() {
        String id = store.newId();
        RequestEntry v0 = store.createRequest(
                requestEntry(id, List.of(DB1), ChangeRequestStatus.DRAFT), taskEntries(id, List.of(DB1), 1));
        RequestEntry submitted =
                v0.withRequest(v0.request().withStatus(ChangeRequestStatus.IN_REVIEW, T0.plusSeconds(1)));

        Optional<RequestEntry> v1 = store.compareAndSetRequest(v0, submitted);
        assertThat(v1).isPresent();
        assertThat(v1.get().version()).isEqualTo(1);
        assertThat(v1.get().request().status()).isEqualTo(ChangeRequestStatus.IN_REVIEW);

        RequestEntry canceled =
                v0.withRequest(v0.request().withStatus(ChangeRequestStatus.CANCELED, T0.plusSeconds(2)));
        assertThat(store.compareAndSetRequest(v0, canceled)).isEmpty();
        assertThat(store.request(id)).contains(v1.get());
    }

    @Test
    void revisingARequestReplacesItsTasksAtomically() {
        String id = store.newId();
        RequestEntry v0 = store.createRequest(
                requestEntry(id, List.of(DB1), ChangeRequestStatus.DRAFT), taskEntries(id, List.of(DB1), 1));
        String oldTask = store.tasks(id).get(0).id();
        List<TaskEntry> revised = taskEntries(id, List.of(DB1, DB2), 2);

        Optional<RequestEntry> v1 = store.reviseRequest(v0, v0.withStageStarted("test", "bob"), revised);

        assertThat(v1).isPresent();
        assertThat(v1.get().startedStages()).containsEntry("test", "bob");
        assertThat(store.tasks(id))
                .extracting(TaskEntry::id)
                .containsExactly(revised.get(0).id(), revised.get(1).id());
        assertThat(store.tasks(id)).allSatisfy(t -> assertThat(t.revision()).isEqualTo(2));
        assertThat(store.task(oldTask)).isEmpty();
        assertThat(store.reviseRequest(v0, v0, taskEntries(id, List.of(DB2), 3)))
                .isEmpty();
        assertThat(store.tasks(id)).hasSize(2);
    }

    @Test
    void aRevisionNeverReplacesATaskThatHasStarted() {
        TaskEntry waiting = waiting(createOneTask());
        RequestEntry v0 = store.request(waiting.requestId()).orElseThrow();
        TaskEntry running = store.compareAndSetTask(waiting, waiting.running(new Lease("node-a", T0.plusSeconds(30))))
                .orElseThrow();

        assertThat(store.reviseRequest(v0, v0, taskEntries(v0.id(), List.of(DB2), 2)))
                .isEmpty();
        assertThat(store.request(v0.id())).contains(v0);
        assertThat(store.tasks(v0.id())).containsExactly(running);

        // Ended after one attempt and back to WAITING (a retry): still started, still refused.
        TaskEntry failed = store.compareAndSetTask(running, running.withState(TaskState.FAILED))
                .orElseThrow();
        TaskEntry retried = store.compareAndSetTask(
                        failed, failed.withState(TaskState.waiting(WaitReason.DATABASE_BUSY, "retry")))
                .orElseThrow();
        assertThat(retried.status()).isEqualTo(TaskStatus.WAITING);
        assertThat(store.reviseRequest(v0, v0, taskEntries(v0.id(), List.of(DB2), 2)))
                .isEmpty();
        assertThat(store.tasks(v0.id())).containsExactly(retried);
    }

    @Test
    void taskCompareAndSetSucceedsOnceAndStaleWritesChangeNothing() {
        TaskEntry t0 = createOneTask();
        TaskEntry t1 = waiting(t0);
        assertThat(t1.version()).isEqualTo(1);
        assertThat(t1.status()).isEqualTo(TaskStatus.WAITING);

        TaskEntry skipped = t0.withState(TaskState.skipped("stale decision"));
        assertThat(store.compareAndSetTask(t0, skipped)).isEmpty();
        assertThat(store.task(t0.id())).contains(t1);
    }

    @Test
    void requestVersionsListTheRequestsOfTheStatusesOldestFirstWithTheirVersions() {
        String a = store.newId();
        String b = store.newId();
        String c = store.newId();
        RequestEntry ra = store.createRequest(
                requestEntry(a, List.of(DB1), ChangeRequestStatus.APPROVED), taskEntries(a, List.of(DB1), 1));
        store.createRequest(requestEntry(b, List.of(DB1), ChangeRequestStatus.DRAFT), taskEntries(b, List.of(DB1), 1));
        store.createRequest(
                requestEntry(c, List.of(DB2), ChangeRequestStatus.ROLLING_OUT), taskEntries(c, List.of(DB2), 1));
        Set<ChangeRequestStatus> active = EnumSet.of(ChangeRequestStatus.APPROVED, ChangeRequestStatus.ROLLING_OUT);

        assertThat(store.requestVersions(active)).containsExactly(Map.entry(a, 0L), Map.entry(c, 0L));

        store.compareAndSetRequest(
                        ra, ra.withRequest(ra.request().withStatus(ChangeRequestStatus.ROLLING_OUT, T0.plusSeconds(1))))
                .orElseThrow();
        assertThat(store.requestVersions(active)).containsExactly(Map.entry(a, 1L), Map.entry(c, 0L));
        assertThat(store.requestVersions(EnumSet.of(ChangeRequestStatus.DRAFT))).containsExactly(Map.entry(b, 0L));
        assertThat(store.requestVersions(Set.of())).isEmpty();
    }

    @Test
    void taskVersionsTellWhichTasksChangedAndTasksByIdReadOnlyThose() {
        String id = store.newId();
        store.createRequest(
                requestEntry(id, List.of(DB1, DB2), ChangeRequestStatus.ROLLING_OUT),
                taskEntries(id, List.of(DB1, DB2), 1));
        List<TaskEntry> before = store.tasks(id);
        Map<String, Long> v0 = store.taskVersions(id);
        assertThat(v0)
                .containsExactly(
                        Map.entry(before.get(0).id(), 0L),
                        Map.entry(before.get(1).id(), 0L));

        TaskEntry moved = waiting(before.get(1));
        Map<String, Long> v1 = store.taskVersions(id);

        assertThat(v1).containsEntry(before.get(0).id(), 0L).containsEntry(moved.id(), 1L);
        assertThat(v1.keySet())
                .containsExactly(before.get(0).id(), before.get(1).id());
        List<String> changed = v1.entrySet().stream()
                .filter(e -> !e.getValue().equals(v0.get(e.getKey())))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(store.tasksById(changed)).containsExactly(moved);
        // by request and sequence, duplicates and unknown ids left out
        assertThat(store.tasksById(
                        List.of(moved.id(), "no-such-task", before.get(0).id(), moved.id())))
                .containsExactly(before.get(0), moved);
        assertThat(store.tasksById(List.of())).isEmpty();
        assertThat(store.taskVersions("no-such-request")).isEmpty();
    }

    @Test
    void aRevisionWithAForeignTaskIsRefusedAndKeepsTheOldTasks() {
        String id = store.newId();
        RequestEntry v0 = store.createRequest(
                requestEntry(id, List.of(DB1, DB2), ChangeRequestStatus.DRAFT), taskEntries(id, List.of(DB1, DB2), 1));
        TaskEntry moved = waiting(store.tasks(id).get(1));
        List<TaskEntry> before = store.tasks(id);
        Map<String, Long> versions = store.taskVersions(id);
        List<TaskEntry> foreign = taskEntries("another-request", List.of(DB2), 2);

        assertThatThrownBy(() -> store.reviseRequest(v0, v0, foreign)).isInstanceOf(RuntimeException.class);

        assertThat(store.tasks(id)).containsExactlyElementsOf(before).contains(moved);
        assertThat(store.taskVersions(id)).isEqualTo(versions);
        assertThat(store.request(id)).contains(v0);
    }

    @Test
    void taskVersionsSinceAStampListOnlyTheTasksWrittenAfterIt() {
        String id = store.newId();
        DatabaseRef db3 = new DatabaseRef("mysql-1", "tenant_3");
        RequestEntry v0 = store.createRequest(
                requestEntry(id, List.of(DB1, DB2, db3), ChangeRequestStatus.ROLLING_OUT),
                taskEntries(id, List.of(DB1, DB2, db3), 1));
        Optional<TaskVersions> all = store.taskVersionsSince(id, MetadataStore.ALL_TASKS);
        org.junit.jupiter.api.Assumptions.assumeTrue(
                all.isPresent(), "this store keeps no record of task writes (taskVersions serves its readers)");
        List<TaskEntry> tasks = store.tasks(id);
        assertThat(all.get().versions()).isEqualTo(store.taskVersions(id));
        long s0 = all.get().stamp();

        assertThat(store.taskVersionsSince(id, s0)).map(TaskVersions::versions).contains(Map.of());
        TaskEntry second = waiting(tasks.get(1));
        TaskVersions one = store.taskVersionsSince(id, s0).orElseThrow();
        assertThat(one.versions()).isEqualTo(Map.of(second.id(), 1L));
        assertThat(one.stamp()).isGreaterThan(s0);

        TaskEntry again = waiting(second);
        TaskEntry first = waiting(tasks.get(0));
        assertThat(store.taskVersionsSince(id, s0).orElseThrow().versions())
                .isEqualTo(Map.of(again.id(), 2L, first.id(), 1L));
        TaskVersions two = store.taskVersionsSince(id, one.stamp()).orElseThrow();
        assertThat(two.versions()).isEqualTo(Map.of(again.id(), 2L, first.id(), 1L));
        assertThat(store.taskVersionsSince(id, two.stamp()).orElseThrow().versions())
                .isEmpty();
        // a lost compare-and-set writes nothing
        assertThat(store.compareAndSetTask(second, second.withState(TaskState.skipped("stale"))))
                .isEmpty();
        assertThat(store.taskVersionsSince(id, two.stamp()).orElseThrow().versions())
                .isEmpty();
        // another request's writes are not this one's
        TaskEntry other = createOneTask();
        waiting(other);
        assertThat(store.taskVersionsSince(id, two.stamp()).orElseThrow().versions())
                .isEmpty();

        // a revision: a stamp from before it is not answered; a full read is
        RequestEntry current = store.request(id).orElseThrow();
        store.reviseRequest(current, current, taskEntries(id, List.of(DB2), 2)).orElseThrow();
        assertThat(store.taskVersionsSince(id, two.stamp())).isEmpty();
        TaskVersions revised =
                store.taskVersionsSince(id, MetadataStore.ALL_TASKS).orElseThrow();
        assertThat(revised.versions()).isEqualTo(store.taskVersions(id)).hasSize(1);
        assertThat(store.taskVersionsSince(id, revised.stamp()).orElseThrow().versions())
                .isEmpty();
        assertThat(store.taskVersionsSince(id, revised.stamp() + 1_000_000)).isEmpty();
        assertThat(v0.id()).isEqualTo(id);
    }

    @Test
    void taskVersionsFollowARevisionOfTheRequest() {
        String id = store.newId();
        RequestEntry v0 = store.createRequest(
                requestEntry(id, List.of(DB1), ChangeRequestStatus.DRAFT), taskEntries(id, List.of(DB1), 1));
        List<TaskEntry> revised = taskEntries(id, List.of(DB2, DB1), 2);

        store.reviseRequest(v0, v0, revised).orElseThrow();

        assertThat(store.taskVersions(id).keySet())
                .containsExactly(revised.get(0).id(), revised.get(1).id());
    }

    @Test
    void tasksByIdReadsAThousandTasksAcrossRequests() {
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            String id = store.newId();
            List<DatabaseRef> targets = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                targets.add(new DatabaseRef("mysql-prod", "tenant_" + i));
            }
            store.createRequest(
                    requestEntry(id, targets, ChangeRequestStatus.ROLLING_OUT), taskEntries(id, targets, 1));
            ids.addAll(store.taskVersions(id).keySet());
        }

        List<TaskEntry> read = store.tasksById(ids);

        assertThat(read).extracting(TaskEntry::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(read.subList(0, 600)).extracting(TaskEntry::sequence).isSorted();
    }

    @Test
    void keepsEveryFieldOfATaskEntry() {
        TaskEntry t1 = waiting(createOneTask());
        TaskEntry changed =
                t1.withResumeFrom(3).withCheckOverride(new CheckOverride("dba", "known false positive", T0));
        TaskEntry t2 = store.compareAndSetTask(t1, changed).orElseThrow();

        assertThat(store.task(t1.id())).contains(t2);
        assertThat(t2.resumeFrom()).isEqualTo(3);
        assertThat(t2.checkOverride()).contains(new CheckOverride("dba", "known false positive", T0));
        TaskEntry running = store.compareAndSetTask(t2, t2.running(new Lease("node-a", T0.plusSeconds(30))))
                .orElseThrow();
        assertThat(store.task(t1.id())).contains(running);
        assertThat(running.attempts()).isEqualTo(1);
        assertThat(running.lease()).contains(new Lease("node-a", T0.plusSeconds(30)));
        TaskEntry asked = store.compareAndSetTask(
                        running, running.withCancelRequest(new CancelRequest("dba", "wrong window", T0)))
                .orElseThrow();
        assertThat(store.task(t1.id())).contains(asked);
        assertThat(asked.cancelRequest()).contains(new CancelRequest("dba", "wrong window", T0));
        assertThat(asked.status()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void listsOnlyRunningTasksWhoseLeaseExpired() {
        TaskEntry a = waiting(createOneTask());
        TaskEntry b = waiting(createOneTask());
        TaskEntry c = createOneTask();
        TaskEntry runningA = store.compareAndSetTask(a, a.running(new Lease("node-a", T0.plusSeconds(10))))
                .orElseThrow();
        store.compareAndSetTask(b, b.running(new Lease("node-b", T0.plusSeconds(60))))
                .orElseThrow();

        assertThat(store.expiredTasks(T0.plusSeconds(10))).isEmpty();
        assertThat(store.expiredTasks(T0.plusSeconds(11))).containsExactly(runningA);
        TaskEntry renewed = store.compareAndSetTask(
                        runningA, runningA.withLease(new Lease("node-a", T0.plusSeconds(70))))
                .orElseThrow();
        assertThat(store.expiredTasks(T0.plusSeconds(11))).isEmpty();
        store.compareAndSetTask(renewed, renewed.withState(TaskState.DONE)).orElseThrow();
        assertThat(store.expiredTasks(T0.plusSeconds(100)))
                .extracting(TaskEntry::id)
                .containsExactly(b.id())
                .doesNotContain(c.id());
    }

    static LongStream seeds() {
        return PropertySeeds.seeds(10);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void exactlyOneOfManyRacingClaimsOfATaskWins(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        int nodes = 2 + random.nextInt(7);
        TaskEntry entry = waiting(createOneTask());
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            String owner = "node-" + n;
            claims.add(() -> store.compareAndSetTask(entry, entry.running(new Lease(owner, T0.plusSeconds(30))))
                    .isPresent());
        }
        List<Boolean> results = race(claims);

        assertThat(results.stream().filter(b -> b).count()).isEqualTo(1);
        TaskEntry stored = store.task(entry.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(stored.version()).isEqualTo(entry.version() + 1);
        assertThat(stored.attempts()).isEqualTo(1);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void concurrentCompareAndSetsOnOneTaskNeverLoseAnUpdate(long seed) throws Exception {
        // Each thread retries read-modify-write until it wins; versions must count every win exactly once.
        SplittableRandom random = new SplittableRandom(seed);
        int threads = 2 + random.nextInt(5);
        int perThread = 5 + random.nextInt(20);
        TaskEntry first = waiting(createOneTask());
        List<Callable<Boolean>> writers = new ArrayList<>();
        for (int n = 0; n < threads; n++) {
            writers.add(() -> {
                for (int i = 0; i < perThread; i++) {
                    while (true) {
                        TaskEntry current = store.task(first.id()).orElseThrow();
                        TaskEntry next = current.withResumeFrom(current.resumeFrom() + 1);
                        if (store.compareAndSetTask(current, next).isPresent()) {
                            break;
                        }
                    }
                }
                return true;
            });
        }
        race(writers);

        TaskEntry last = store.task(first.id()).orElseThrow();
        assertThat(last.resumeFrom()).isEqualTo(1 + threads * perThread);
        assertThat(last.version()).isEqualTo(first.version() + (long) threads * perThread);
    }

    // ---- runs and checks -----------------------------------------------------------------------------------

    @Test
    void storesRunsByAttemptAndFreezesThemOnceEnded() {
        TaskEntry task = createOneTask();
        TaskRun first = TaskRun.started(store.newId(), task.id(), 1, T0, "node-a");
        store.insertRun(first);
        SqlStatement statement = SqlStatement.of("SELECT 1");
        StatementResult ok = new StatementResult(
                statement, StatementOutcome.SUCCEEDED, Duration.ofMillis(3), 0, List.of(), Optional.empty());
        TaskRun progressed = new TaskRun(
                first.id(),
                task.id(),
                1,
                T0,
                Optional.empty(),
                TaskRunStatus.RUNNING,
                List.of(ok),
                "node-a",
                Optional.empty());
        assertThat(store.updateRun(progressed)).isTrue();
        TaskRun ended = new TaskRun(
                first.id(),
                task.id(),
                1,
                T0,
                Optional.of(T0.plusSeconds(1)),
                TaskRunStatus.DONE,
                List.of(ok),
                "node-a",
                Optional.empty());
        assertThat(store.updateRun(ended)).isTrue();
        TaskRun late = new TaskRun(
                first.id(),
                task.id(),
                1,
                T0,
                Optional.of(T0.plusSeconds(2)),
                TaskRunStatus.INTERRUPTED,
                List.of(),
                "node-b",
                Optional.of("lease expired"));
        assertThat(store.updateRun(late)).isFalse();

        TaskRun second = TaskRun.started(store.newId(), task.id(), 2, T0.plusSeconds(5), "node-b");
        store.insertRun(second);
        assertThat(store.runs(task.id())).containsExactly(ended, second);
        assertThatThrownBy(() -> store.insertRun(TaskRun.started(store.newId(), task.id(), 2, T0, "node-c")))
                .isInstanceOf(DbChangeException.class)
                .satisfies(e -> assertThat(((DbChangeException) e).code()).isEqualTo(StoreErrorCode.DUPLICATE));
        assertThat(store.runs("unknown")).isEmpty();
    }

    @Test
    void keepsTheLatestCheckResultsOfATask() {
        TaskEntry task = createOneTask();
        assertThat(store.checkResults(task.id())).isEmpty();
        store.saveCheckResults(task.id(), List.of(CheckResult.error("connection", "CONNECTION_FAILED", "refused")));
        List<CheckResult> latest = List.of(
                CheckResult.success("connection", "connected"),
                CheckResult.warning("sql-review", "column.no-null", "column note is nullable")
                        .at(new io.dbchange.api.sql.SourcePosition(17, 2, 5)));
        store.saveCheckResults(task.id(), latest);
        assertThat(store.checkResults(task.id())).isEqualTo(latest);
    }

    // ---- locks ---------------------------------------------------------------------------------------------

    @Test
    void aDatabaseLockHasOneHolderUntilItExpiresOrIsReleased() {
        assertThat(store.tryLock(DB1, new Lease("node-a", T0.plusSeconds(10)), T0))
                .isTrue();
        assertThat(store.tryLock(DB1, new Lease("node-b", T0.plusSeconds(20)), T0.plusSeconds(5)))
                .isFalse();
        assertThat(store.tryLock(DB2, new Lease("node-b", T0.plusSeconds(20)), T0.plusSeconds(5)))
                .isTrue();
        assertThat(store.lock(DB1)).contains(new Lease("node-a", T0.plusSeconds(10)));
        assertThat(store.lockedDatabases(List.of(DB1, DB2), T0.plusSeconds(5))).containsExactlyInAnyOrder(DB1, DB2);

        // the holder extends its own lock
        assertThat(store.tryLock(DB1, new Lease("node-a", T0.plusSeconds(30)), T0.plusSeconds(6)))
                .isTrue();
        assertThat(store.tryLock(DB1, new Lease("node-b", T0.plusSeconds(40)), T0.plusSeconds(15)))
                .isFalse();

        // someone else's unlock does nothing
        store.unlock(DB1, "node-b");
        assertThat(store.lock(DB1)).contains(new Lease("node-a", T0.plusSeconds(30)));

        // expired: taken over
        assertThat(store.lockedDatabases(List.of(DB1), T0.plusSeconds(31))).isEmpty();
        assertThat(store.tryLock(DB1, new Lease("node-b", T0.plusSeconds(60)), T0.plusSeconds(31)))
                .isTrue();
        assertThat(store.lock(DB1)).contains(new Lease("node-b", T0.plusSeconds(60)));

        store.unlock(DB1, "node-b");
        assertThat(store.lock(DB1)).isEmpty();
        assertThat(store.tryLock(DB1, new Lease("node-c", T0.plusSeconds(90)), T0.plusSeconds(32)))
                .isTrue();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void exactlyOneOfManyRacingNodesGetsADatabaseLock(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        int nodes = 2 + random.nextInt(7);
        List<Callable<Boolean>> attempts = IntStream.range(0, nodes)
                .<Callable<Boolean>>mapToObj(
                        n -> () -> store.tryLock(DB1, new Lease("node-" + n, T0.plusSeconds(30)), T0))
                .toList();
        assertThat(race(attempts).stream().filter(b -> b).count()).isEqualTo(1);
    }

    // ---- history -------------------------------------------------------------------------------------------

    @Test
    void historyIsWrittenInTwoPhasesAndADoneVersionIsNeverBegunAgain() {
        MigrationRecord p = pending(DB1, "1", T0);
        HistoryEntry begun = store.beginMigration(p, false);
        assertThat(store.migration(begun.id())).contains(begun);
        assertThat(store.latestMigration(DB1, "1")).contains(begun);

        assertThatThrownBy(() -> store.beginMigration(pending(DB1, "1", T0.plusSeconds(1)), false))
                .satisfies(
                        e -> assertThat(((DbChangeException) e).code()).isEqualTo(PipelineErrorCode.MIGRATION_PENDING));

        MigrationRecord done = finished(p, MigrationStatus.DONE, T0.plusSeconds(2));
        assertThat(store.finishMigration(begun.id(), done)).isTrue();
        assertThat(store.finishMigration(begun.id(), finished(p, MigrationStatus.FAILED, T0.plusSeconds(3))))
                .isFalse();
        assertThat(store.migration(begun.id()).orElseThrow().record()).isEqualTo(done);

        for (boolean retry : new boolean[] {false, true}) {
            assertThatThrownBy(() -> store.beginMigration(pending(DB1, "1", T0.plusSeconds(4)), retry))
                    .satisfies(e -> assertThat(((DbChangeException) e).code())
                            .isEqualTo(PipelineErrorCode.MIGRATION_ALREADY_APPLIED))
                    .hasMessageContaining("tenant_1");
        }
        // the same version on another database is independent
        assertThat(store.beginMigration(pending(DB2, "1", T0.plusSeconds(5)), false)
                        .record()
                        .database())
                .isEqualTo(DB2);
    }

    @Test
    void aFailedVersionRunsAgainOnlyOnAnExplicitRetry() {
        MigrationRecord p = pending(DB1, "7", T0);
        HistoryEntry first = store.beginMigration(p, false);
        store.finishMigration(first.id(), finished(p, MigrationStatus.FAILED, T0.plusSeconds(1)));

        assertThatThrownBy(() -> store.beginMigration(pending(DB1, "7", T0.plusSeconds(2)), false))
                .satisfies(e -> assertThat(((DbChangeException) e).code())
                        .isEqualTo(PipelineErrorCode.MIGRATION_FAILED_BEFORE));
        HistoryEntry retried = store.beginMigration(pending(DB1, "7", T0.plusSeconds(3)), true);

        assertThat(retried.id()).isNotEqualTo(first.id());
        assertThat(store.latestMigration(DB1, "7")).contains(retried);
        assertThat(store.history(DB1)).extracting(HistoryEntry::id).containsExactly(first.id(), retried.id());
        assertThat(store.history(DB1).get(0).record().status()).isEqualTo(MigrationStatus.FAILED);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void exactlyOneOfManyRacingBeginsOfAVersionWins(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        int nodes = 2 + random.nextInt(7);
        String version = Long.toString(1 + random.nextInt(1000));
        List<Callable<Boolean>> begins = IntStream.range(0, nodes)
                .<Callable<Boolean>>mapToObj(n -> () -> {
                    try {
                        store.beginMigration(pending(DB1, version, T0.plusMillis(n)), false);
                        return true;
                    } catch (DbChangeException e) {
                        return false;
                    }
                })
                .toList();
        assertThat(race(begins).stream().filter(b -> b).count()).isEqualTo(1);
        assertThat(store.history(DB1)).hasSize(1);
    }

    @Test
    void historyListsADatabasesRecordsByStartTime() {
        long[] offsets = {30, 10, 20};
        for (long offset : offsets) {
            store.beginMigration(pending(DB1, "v" + offset, T0.plusSeconds(offset)), false);
        }
        assertThat(store.history(DB1))
                .extracting(h -> h.record().version())
                .containsExactlyElementsOf(
                        LongStream.of(10, 20, 30).mapToObj(o -> "v" + o).toList());
        assertThat(store.history(DB2)).isEmpty();
    }

    @Test
    void latestHistoryAndLatestRecordedSchemaReadTheNewestEntries() {
        assertThat(store.latestHistory(DB1)).isEmpty();
        assertThat(store.latestRecordedSchema(DB1)).isEmpty();

        MigrationRecord p1 = withAfter(pending(DB1, "1", T0), "one");
        HistoryEntry first = store.beginMigration(p1, false);
        assertThat(store.latestHistory(DB1)).map(HistoryEntry::id).contains(first.id());
        assertThat(store.latestRecordedSchema(DB1))
                .as("PENDING records no schema yet")
                .isEmpty();

        store.finishMigration(first.id(), finished(p1, MigrationStatus.DONE, T0.plusSeconds(1)));
        assertThat(store.latestRecordedSchema(DB1)).hasValueSatisfying(h -> {
            assertThat(h.id()).isEqualTo(first.id());
            assertThat(h.record().schemaAfter().orElseThrow().databaseName()).isEqualTo("one");
        });

        MigrationRecord p2 = withAfter(pending(DB1, "2", T0.plusSeconds(2)), "two");
        HistoryEntry second = store.beginMigration(p2, false);
        store.finishMigration(second.id(), finished(p2, MigrationStatus.FAILED, T0.plusSeconds(3)));
        MigrationRecord p3 = pending(DB1, "3", T0.plusSeconds(4));
        store.finishMigration(
                store.beginMigration(p3, false).id(), finished(p3, MigrationStatus.DONE, T0.plusSeconds(5)));
        // an older start inserted last is not the newest
        HistoryEntry late = store.beginMigration(pending(DB1, "0", T0.minusSeconds(10)), false);

        assertThat(store.latestHistory(DB1)).hasValueSatisfying(h -> {
            assertThat(h.record().version()).isEqualTo("3");
            assertThat(h.record().status()).isEqualTo(MigrationStatus.DONE);
        });
        assertThat(late.record().version()).isEqualTo("0");
        assertThat(store.latestRecordedSchema(DB1))
                .as("FAILED and DONE-without-schema entries are skipped")
                .map(HistoryEntry::id)
                .contains(first.id());
        assertThat(store.latestHistory(DB2)).isEmpty();
        assertThat(store.latestRecordedSchema(DB2)).isEmpty();
    }

    private static MigrationRecord withAfter(MigrationRecord p, String database) {
        SchemaSnapshot after = new SchemaSnapshot(Dialect.POSTGRESQL, database, p.startedAt(), List.of());
        return new MigrationRecord(
                p.database(),
                p.version(),
                p.type(),
                p.description(),
                p.statement(),
                p.checksum(),
                p.schemaBefore(),
                Optional.of(after),
                p.status(),
                p.startedAt(),
                p.endedAt(),
                p.duration(),
                p.affectedRows(),
                p.principal(),
                p.requestId(),
                p.taskId());
    }

    // ---- audit ---------------------------------------------------------------------------------------------

    @Test
    void appendsToTheAuditLogPerObject() {
        AuditEntry a = new AuditEntry(T0, "bob", "task.skip", "42", "not needed on this tenant", Map.of("db", "x"));
        AuditEntry b = new AuditEntry(T0.plusSeconds(1), "system", "task.interrupted", "42", "", Map.of());
        AuditEntry other = new AuditEntry(T0, "carol", "request.cancel", "7", "duplicate", Map.of());
        store.audit(a);
        store.audit(other);
        store.audit(b);
        assertThat(store.auditLog("42")).containsExactly(a, b);
        assertThat(store.auditLog("7")).containsExactly(other);
        assertThat(store.auditLog("none")).isEmpty();
    }

    // ---- many nodes ----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void exactlyOneOfManyClaimsFromTwoNodesWins(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        MetadataStore other = secondNode();
        int claimants = 4 + random.nextInt(13);
        TaskEntry entry = waiting(createOneTask());
        List<Callable<String>> claims = new ArrayList<>();
        for (int n = 0; n < claimants; n++) {
            MetadataStore node = random.nextBoolean() ? store : other;
            String owner = "node-" + n;
            claims.add(() -> node.compareAndSetTask(entry, entry.running(new Lease(owner, T0.plusSeconds(30))))
                    .map(t -> t.lease().orElseThrow().owner())
                    .orElse(null));
        }
        List<String> winners = race(claims).stream().filter(w -> w != null).toList();

        assertThat(winners).hasSize(1);
        // both nodes read the winner's write
        assertThat(store.task(entry.id()).orElseThrow().lease().orElseThrow().owner())
                .isEqualTo(winners.get(0));
        assertThat(other.task(entry.id())).isEqualTo(store.task(entry.id()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void exactlyOneOfManyRacingRequestTransitionsWins(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        MetadataStore other = secondNode();
        String id = store.newId();
        RequestEntry v0 = store.createRequest(
                requestEntry(id, List.of(DB1), ChangeRequestStatus.DRAFT), taskEntries(id, List.of(DB1), 1));
        ChangeRequestStatus[] choices = {ChangeRequestStatus.IN_REVIEW, ChangeRequestStatus.CANCELED};
        int racers = 2 + random.nextInt(9);
        List<Callable<ChangeRequestStatus>> calls = new ArrayList<>();
        for (int n = 0; n < racers; n++) {
            MetadataStore node = n % 2 == 0 ? store : other;
            ChangeRequestStatus next = choices[random.nextInt(choices.length)];
            RequestEntry wanted = v0.withRequest(v0.request().withStatus(next, T0.plusSeconds(1)));
            calls.add(() -> node.compareAndSetRequest(v0, wanted)
                    .map(r -> r.request().status())
                    .orElse(null));
        }
        List<ChangeRequestStatus> won =
                race(calls).stream().filter(w -> w != null).toList();

        assertThat(won).hasSize(1);
        RequestEntry stored = other.request(id).orElseThrow();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.request().status()).isEqualTo(won.get(0));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void exactlyOneOfManyBeginsOfAVersionFromTwoNodesWins(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        MetadataStore other = secondNode();
        int racers = 8 + random.nextInt(9);
        String version = "v" + random.nextInt(1000);
        // alternate nodes: each has its own connections, so the database, not a Java monitor, must serialize them
        List<Callable<Boolean>> begins = new ArrayList<>();
        for (int n = 0; n < racers; n++) {
            MetadataStore node = n % 2 == 0 ? store : other;
            Instant at = T0.plusMillis(n);
            begins.add(() -> {
                try {
                    node.beginMigration(pending(DB1, version, at), false);
                    return true;
                } catch (DbChangeException e) {
                    return false;
                }
            });
        }
        assertThat(race(begins).stream().filter(b -> b).count()).isEqualTo(1);
        assertThat(other.history(DB1)).hasSize(1);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void exactlyOneNodeTakesOverAnExpiredLock(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        MetadataStore other = secondNode();
        assertThat(store.tryLock(DB1, new Lease("dead-node", T0.plusSeconds(10)), T0))
                .isTrue();
        Instant later = T0.plusSeconds(10 + 1 + random.nextInt(100));
        int nodes = 2 + random.nextInt(9);
        List<Callable<String>> attempts = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            MetadataStore node = random.nextBoolean() ? store : other;
            Lease lease = new Lease("node-" + n, later.plusSeconds(30));
            attempts.add(() -> node.tryLock(DB1, lease, later) ? lease.owner() : null);
        }
        List<String> winners = race(attempts).stream().filter(w -> w != null).toList();

        assertThat(winners).hasSize(1);
        assertThat(other.lock(DB1)).contains(new Lease(winners.get(0), later.plusSeconds(30)));
        assertThat(store.lockedDatabases(List.of(DB1, DB2), later)).containsExactly(DB1);
    }

    @Test
    void aLockIsLiveUpToItsExpiryInstantAndTheHolderMayRenewItUnchanged() {
        Instant until = T0.plusSeconds(10).plusNanos(1);
        assertThat(store.tryLock(DB1, new Lease("node-a", until), T0)).isTrue();
        // renewing with the very same expiry changes no column value but still succeeds
        assertThat(store.tryLock(DB1, new Lease("node-a", until), T0.plusSeconds(1)))
                .isTrue();
        assertThat(store.lock(DB1)).contains(new Lease("node-a", until));
        assertThat(store.lockedDatabases(List.of(DB1), until)).containsExactly(DB1);
        assertThat(store.tryLock(DB1, new Lease("node-b", until.plusSeconds(5)), until))
                .isFalse();
        assertThat(store.lockedDatabases(List.of(DB1), until.plusNanos(1))).isEmpty();
        assertThat(store.tryLock(DB1, new Lease("node-b", until.plusSeconds(5)), until.plusNanos(1)))
                .isTrue();
    }

    @Test
    void aTaskWhoseNodeDiedIsSeenExpiredByTheOtherNode() {
        MetadataStore other = secondNode();
        TaskEntry entry = waiting(createOneTask());
        TaskEntry running = store.compareAndSetTask(entry, entry.running(new Lease("node-a", T0.plusSeconds(10))))
                .orElseThrow();

        assertThat(other.expiredTasks(T0.plusSeconds(10))).isEmpty();
        assertThat(other.expiredTasks(T0.plusSeconds(10).plusNanos(1))).containsExactly(running);
        TaskEntry interrupted = other.compareAndSetTask(running, running.withState(TaskState.INTERRUPTED))
                .orElseThrow();
        // the dead node's late heartbeat loses: it holds a stale version
        assertThat(store.compareAndSetTask(running, running.withLease(new Lease("node-a", T0.plusSeconds(40)))))
                .isEmpty();
        assertThat(store.task(entry.id())).contains(interrupted);
        assertThat(store.expiredTasks(T0.plusSeconds(100))).isEmpty();
    }

    @Test
    void keepsLongStatementsAndEveryCharacter() {
        String id = store.newId();
        StringBuilder script = new StringBuilder();
        for (int i = 0; script.length() < 2_000_000; i++) {
            script.append("INSERT INTO t VALUES (").append(i).append(", 'Grüße \u00e9 \\ \" \' 😀');\n");
        }
        Task task = new Task(store.newId(), DB1, script.toString(), TaskState.NOT_STARTED);
        store.createRequest(
                requestEntry(id, List.of(DB1), ChangeRequestStatus.DRAFT),
                List.of(TaskEntry.planned(task, id, 1, "test", 0, 0)));

        assertThat(secondNode().task(task.id()).orElseThrow().task().statement())
                .isEqualTo(script.toString());
    }

    // ---- approvals -----------------------------------------------------------------------------------------

    @Test
    void approvalStateIsWrittenFirstFromAbsentThenOnlyByCompareAndSetOnTheStoredVersion() {
        String id = store.newId();
        assertThat(store.approval(id)).isEmpty();

        ApprovalEntry first = store.compareAndSetApproval(id, ApprovalEntry.ABSENT, "{\"s\":1}")
                .orElseThrow();
        assertThat(first).isEqualTo(new ApprovalEntry(id, "{\"s\":1}", 1));
        // a second "first write" lost: something is stored now
        assertThat(store.compareAndSetApproval(id, ApprovalEntry.ABSENT, "{\"s\":\"lost\"}"))
                .isEmpty();
        // a stale and a future version lose too, and change nothing
        ApprovalEntry second = store.compareAndSetApproval(id, 1, "{\"s\":2}").orElseThrow();
        assertThat(second.version()).isEqualTo(2);
        assertThat(store.compareAndSetApproval(id, 1, "{\"s\":\"stale\"}")).isEmpty();
        assertThat(store.compareAndSetApproval(id, 7, "{\"s\":\"future\"}")).isEmpty();
        assertThat(store.approval(id)).contains(new ApprovalEntry(id, "{\"s\":2}", 2));
        // states of other requests are separate
        assertThat(store.approval(store.newId())).isEmpty();
    }

    @Test
    void keepsLargeApprovalStatesWithEveryCharacter() {
        String id = store.newId();
        String json = "{\"audit\":\"" + "\u00e9\u6f22\ud83d\ude00 ".repeat(100_000) + "\"}";
        store.compareAndSetApproval(id, ApprovalEntry.ABSENT, json).orElseThrow();
        assertThat(store.approval(id).orElseThrow().json()).isEqualTo(json);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void exactlyOneOfManyRacingApprovalWritesFromTwoNodesWins(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        MetadataStore other = secondNode();
        String id = store.newId();
        // half the seeds race the first write (an insert), half an update of version 1
        boolean first = random.nextBoolean();
        long expected = ApprovalEntry.ABSENT;
        if (!first) {
            expected = store.compareAndSetApproval(id, ApprovalEntry.ABSENT, "{\"by\":\"setup\"}")
                    .orElseThrow()
                    .version();
        }
        long read = expected;
        int racers = 2 + random.nextInt(11);
        List<Callable<String>> calls = new ArrayList<>();
        for (int n = 0; n < racers; n++) {
            MetadataStore node = n % 2 == 0 ? store : other;
            String json = "{\"by\":\"approver-" + n + "\"}";
            calls.add(() -> node.compareAndSetApproval(id, read, json)
                    .map(ApprovalEntry::json)
                    .orElse(null));
        }
        List<String> won = race(calls).stream().filter(w -> w != null).toList();

        assertThat(won).hasSize(1);
        assertThat(other.approval(id)).contains(new ApprovalEntry(id, won.get(0), read + 1));
        assertThat(store.approval(id)).isEqualTo(other.approval(id));
    }

    // ---- event outbox --------------------------------------------------------------------------------------

    /** One event of every kind, as the pipeline emits them. */
    protected List<PipelineEvent> everyKindOfEvent(String requestId) {
        Instant at = T0.plusNanos(123_456_789);
        RequestEntry r = requestEntry(requestId, List.of(DB1, DB2), ChangeRequestStatus.DRAFT);
        Progress half = new Progress(1, 2);
        return List.of(
                new PipelineEvent.RequestCreated(at, requestId, r.request(), 2),
                new PipelineEvent.RequestUpdated(at, requestId, r.request(), "submitted"),
                new PipelineEvent.CheckFinished(
                        at,
                        requestId,
                        "t1",
                        DB1,
                        List.of(CheckResult.success("connection", "ok"), CheckResult.error("review", "E1", "bad")),
                        true),
                new PipelineEvent.TaskStarted(at, requestId, "t1", DB1, 1, new Progress(0, 2)),
                new PipelineEvent.TaskFinished(at, requestId, "t1", DB1, TaskStatus.DONE, Optional.of("bob"), half),
                new PipelineEvent.TaskFinished(at, requestId, "t2", DB2, TaskStatus.SKIPPED, Optional.empty(), half),
                new PipelineEvent.TaskFailed(at, requestId, "t2", DB2, "statement 1: boom", half),
                new PipelineEvent.TaskInterrupted(at, requestId, "t2", DB2, "node-a"),
                new PipelineEvent.StageFinished(at, requestId, "prod", new Progress(2, 2)),
                new PipelineEvent.RequestDone(at, requestId, ChangeRequestStatus.DONE, new Progress(2, 2)));
    }

    @Test
    void appendedEventsOfEveryKindReadBackEqualInSequenceOrder() {
        List<PipelineEvent> events = everyKindOfEvent("r1");
        List<EventEntry> appended = new ArrayList<>();
        for (PipelineEvent e : events) {
            appended.add(store.appendEvent(store.newId(), e));
        }

        assertThat(appended).extracting(EventEntry::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(store.events(0, 100)).isEqualTo(appended);
        assertThat(secondNode().events(0, 100)).extracting(EventEntry::event).isEqualTo(events);
    }

    @Test
    void readsEventsAfterASequenceUpToTheLimit() {
        List<EventEntry> appended = new ArrayList<>();
        for (PipelineEvent e : everyKindOfEvent("r1")) {
            appended.add(store.appendEvent(store.newId(), e));
        }

        assertThat(store.events(appended.get(2).sequence(), 3)).isEqualTo(appended.subList(3, 6));
        assertThat(store.events(appended.get(9).sequence(), 3)).isEmpty();
        assertThatThrownBy(() -> store.events(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsADuplicateEventIdAndKeepsTheFirst() {
        PipelineEvent first = everyKindOfEvent("r1").get(0);
        EventEntry stored = store.appendEvent("e-1", first);

        assertThatThrownBy(() -> store.appendEvent("e-1", everyKindOfEvent("r2").get(1)))
                .isInstanceOf(DbChangeException.class)
                .satisfies(e -> assertThat(((DbChangeException) e).code()).isEqualTo(StoreErrorCode.DUPLICATE));
        assertThat(store.events(0, 10)).containsExactly(stored);
    }

    @Test
    void eventCursorStartsAtZeroAndMovesOnlyFromTheExpectedValue() {
        assertThat(store.eventCursor("audit")).isZero();

        assertThat(store.compareAndSetEventCursor("audit", 0, 5)).isTrue();
        assertThat(store.compareAndSetEventCursor("audit", 0, 7)).isFalse();
        assertThat(store.compareAndSetEventCursor("audit", 5, 9)).isTrue();

        assertThat(store.eventCursor("audit")).isEqualTo(9);
        assertThat(secondNode().eventCursor("audit")).isEqualTo(9);
        assertThat(store.eventCursor("metrics")).isZero();
    }

    @Test
    void oneOfTwoRacingCursorMovesWins() throws Exception {
        for (long from : new long[] {0, 3}) {
            MetadataStore other = secondNode();
            List<Boolean> won = race(List.of(
                    () -> store.compareAndSetEventCursor("c" + from, 0, from + 1),
                    () -> other.compareAndSetEventCursor("c" + from, 0, from + 2)));
            assertThat(won).containsOnlyOnce(true);
        }
    }

    @Test
    void aConsumerLeaseHasOneHolderUntilItExpiresOrIsReleased() {
        Instant until = T0.plusSeconds(30);
        assertThat(store.tryLeaseEventConsumer("audit", new Lease("node-a", until), T0))
                .isTrue();
        assertThat(secondNode().tryLeaseEventConsumer("audit", new Lease("node-b", until), T0))
                .isFalse();
        assertThat(store.tryLeaseEventConsumer("audit", new Lease("node-a", until.plusSeconds(30)), T0))
                .as("the holder renews")
                .isTrue();
        assertThat(store.tryLeaseEventConsumer("audit", new Lease("node-b", T0.plusSeconds(90)), until.plusSeconds(1)))
                .as("not expired yet: it was renewed")
                .isFalse();
        assertThat(store.tryLeaseEventConsumer("audit", new Lease("node-b", T0.plusSeconds(90)), until.plusSeconds(31)))
                .as("expired")
                .isTrue();

        store.releaseEventConsumer("audit", "node-a");
        assertThat(store.tryLeaseEventConsumer("audit", new Lease("node-c", T0.plusSeconds(90)), T0))
                .as("a release by a former holder changes nothing")
                .isFalse();
        store.releaseEventConsumer("audit", "node-b");
        assertThat(store.tryLeaseEventConsumer("audit", new Lease("node-c", T0.plusSeconds(90)), T0))
                .isTrue();
        assertThat(store.eventCursor("audit"))
                .as("leases leave the cursor alone")
                .isZero();
    }

    @Test
    void purgeDeletesOldEventsAndSequencesGoOnAfterIt() {
        PipelineEvent old = new PipelineEvent.StageFinished(T0, "r1", "test", new Progress(1, 1));
        PipelineEvent recent = new PipelineEvent.StageFinished(T0.plusSeconds(60), "r1", "prod", new Progress(1, 1));
        store.appendEvent(store.newId(), old);
        store.appendEvent(store.newId(), old);
        EventEntry kept = store.appendEvent(store.newId(), recent);

        assertThat(store.purgeEvents(T0.plusSeconds(1))).isEqualTo(2);

        assertThat(store.events(0, 10)).containsExactly(kept);
        EventEntry next = store.appendEvent(store.newId(), recent);
        assertThat(next.sequence()).isGreaterThan(kept.sequence());
        assertThat(store.purgeEvents(T0.plusSeconds(1))).isZero();
    }

    static LongStream outboxSeeds() {
        return PropertySeeds.seeds(3);
    }

    /**
     * The outbox problem: writers that take sequences concurrently must not let a reader that follows the sequence
     * skip an event that commits after a higher one. Four writers on two nodes append while a reader follows its
     * cursor; when they are done the reader must have seen every event exactly once, in increasing sequence order.
     */
    @ParameterizedTest
    @MethodSource("outboxSeeds")
    void concurrentAppendersNeverLetAReaderSkipAnEvent(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        int writers = 4;
        int perWriter = 40;
        MetadataStore other = secondNode();
        List<PipelineEvent> kinds = everyKindOfEvent("r" + seed);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<List<String>>> written = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            seeds.add(random.nextLong());
        }
        try {
            for (int w = 0; w < writers; w++) {
                MetadataStore node = w % 2 == 0 ? store : other;
                SplittableRandom mine = new SplittableRandom(seeds.get(w));
                written.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < perWriter; i++) {
                        String id = node.newId();
                        node.appendEvent(id, kinds.get(mine.nextInt(kinds.size())));
                        ids.add(id);
                    }
                    return ids;
                }));
            }
            List<EventEntry> seen = new ArrayList<>();
            long cursor = 0;
            while (!written.stream().allMatch(Future::isDone)) {
                List<EventEntry> batch = store.events(cursor, 1 + random.nextInt(7));
                seen.addAll(batch);
                if (!batch.isEmpty()) {
                    cursor = batch.get(batch.size() - 1).sequence();
                }
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : written) {
                all.addAll(f.get());
            }
            seen.addAll(store.events(cursor, writers * perWriter + 1));

            assertThat(seen).extracting(EventEntry::sequence).isSorted().doesNotHaveDuplicates();
            assertThat(seen).extracting(EventEntry::id).containsExactlyInAnyOrderElementsOf(all);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- events written with the state change they report (transactional outbox) -------------------------------

    private PipelineEvent updated(String requestId, String why) {
        return new PipelineEvent.RequestUpdated(
                T0,
                requestId,
                requestEntry(requestId, List.of(DB1), ChangeRequestStatus.DRAFT).request(),
                why);
    }

    @Test
    void eachWriteThatReportsEventsAppendsThemInOrderWithIt() {
        String id = store.newId();
        RequestEntry request = requestEntry(id, List.of(DB1, DB2), ChangeRequestStatus.DRAFT);
        List<PipelineEvent> kinds = everyKindOfEvent(id);

        store.createRequest(request, taskEntries(id, List.of(DB1, DB2), 1), List.of(kinds.get(0)));
        RequestEntry submitted = store.compareAndSetRequest(
                        store.request(id).orElseThrow(),
                        request.withRequest(request.request().withStatus(ChangeRequestStatus.IN_REVIEW, T0)),
                        List.of(kinds.get(1), updated(id, "second event of one write")))
                .orElseThrow();
        RequestEntry revised = store.reviseRequest(
                        submitted, submitted, taskEntries(id, List.of(DB1), 2), List.of(updated(id, "revision 2")))
                .orElseThrow();
        TaskEntry task = waiting(store.tasks(id).get(0)); // no event
        store.saveCheckResults(task.id(), List.of(CheckResult.success("connection", "ok")), List.of(kinds.get(2)));
        TaskEntry claimed = store.compareAndSetTask(
                        task, task.running(new Lease("node-a", T0.plusSeconds(30))), List.of(kinds.get(3)))
                .orElseThrow();

        List<EventEntry> events = secondNode().events(0, 100);
        assertThat(events)
                .extracting(EventEntry::event)
                .containsExactly(
                        kinds.get(0),
                        kinds.get(1),
                        updated(id, "second event of one write"),
                        updated(id, "revision 2"),
                        kinds.get(2),
                        kinds.get(3));
        assertThat(events).extracting(EventEntry::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(events)
                .extracting(EventEntry::id)
                .doesNotHaveDuplicates()
                .allSatisfy(e -> assertThat(e).isNotBlank());
        // and the writes themselves happened
        assertThat(secondNode().request(id)).contains(revised);
        assertThat(secondNode().task(task.id())).contains(claimed);
        assertThat(secondNode().checkResults(task.id())).hasSize(1);
    }

    @Test
    void writesWithoutEventsAppendNone() {
        TaskEntry task = waiting(createOneTask());
        store.compareAndSetTask(task, task.running(new Lease("node-a", T0.plusSeconds(30))), List.of())
                .orElseThrow();
        store.saveCheckResults(task.id(), List.of());
        RequestEntry r = store.request(task.requestId()).orElseThrow();
        store.compareAndSetRequest(r, r).orElseThrow();

        assertThat(store.events(0, 10)).isEmpty();
    }

    @Test
    void aWriteThatLosesItsRaceOrIsRefusedAppendsNoEvent() {
        TaskEntry task = createOneTask();
        TaskEntry moved = waiting(task);
        RequestEntry request = store.request(task.requestId()).orElseThrow();
        PipelineEvent event = everyKindOfEvent(task.requestId()).get(4);

        assertThat(store.compareAndSetTask(task, task.withState(TaskState.CANCELED), List.of(event)))
                .as("stale task version")
                .isEmpty();
        assertThat(store.compareAndSetRequest(request.withVersion(7), request, List.of(event)))
                .as("stale request version")
                .isEmpty();
        store.compareAndSetTask(moved, moved.running(new Lease("node-a", T0.plusSeconds(30))))
                .orElseThrow();
        assertThat(store.reviseRequest(request, request, taskEntries(request.id(), List.of(DB2), 2), List.of(event)))
                .as("a task has started")
                .isEmpty();
        assertThatThrownBy(
                        () -> store.createRequest(request, taskEntries(request.id(), List.of(DB1), 1), List.of(event)))
                .as("duplicate request")
                .isInstanceOf(DbChangeException.class);

        assertThat(store.events(0, 10)).isEmpty();
        assertThat(secondNode().events(0, 10)).isEmpty();
    }

    @Test
    void aNullAmongTheEventsChangesNothing() {
        TaskEntry task = createOneTask();
        List<PipelineEvent> withNull =
                java.util.Arrays.asList(everyKindOfEvent(task.requestId()).get(4), null);

        assertThatThrownBy(() -> store.compareAndSetTask(task, task.withState(TaskState.CANCELED), withNull))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.saveCheckResults(task.id(), List.of(), withNull))
                .isInstanceOf(NullPointerException.class);

        assertThat(store.task(task.id())).contains(task);
        assertThat(store.checkResults(task.id())).isEmpty();
        assertThat(store.events(0, 10)).isEmpty();
    }

    /** Of many nodes racing to claim one task, each with its event, one claim and exactly its event are stored. */
    @ParameterizedTest
    @MethodSource("outboxSeeds")
    void ofManyRacingClaimsWithEventsOnlyTheWinnersEventIsStored(long seed) throws Exception {
        TaskEntry task = waiting(createOneTask());
        MetadataStore other = secondNode();
        int nodes = 2 + new SplittableRandom(seed).nextInt(5);
        List<Callable<Optional<TaskEntry>>> claims = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            MetadataStore node = n % 2 == 0 ? store : other;
            PipelineEvent started =
                    new PipelineEvent.TaskStarted(T0, task.requestId(), task.id(), DB1, 1, new Progress(n, nodes));
            TaskEntry next = task.running(new Lease("node-" + n, T0.plusSeconds(30)));
            claims.add(() -> node.compareAndSetTask(task, next, List.of(started)));
        }
        List<Optional<TaskEntry>> results = race(claims);

        assertThat(results.stream().filter(Optional::isPresent)).hasSize(1);
        int winner = results.indexOf(
                results.stream().filter(Optional::isPresent).findFirst().orElseThrow());
        assertThat(store.events(0, 100))
                .extracting(EventEntry::event)
                .containsExactly(new PipelineEvent.TaskStarted(
                        T0, task.requestId(), task.id(), DB1, 1, new Progress(winner, nodes)));
    }

    /**
     * The outbox problem again, with events written inside longer writes: while writers on two nodes move their own
     * tasks with events (and append others alone), a reader following its cursor never skips one.
     */
    @ParameterizedTest
    @MethodSource("outboxSeeds")
    void eventsWrittenWithStateChangesNeverLetAReaderSkipOne(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        int writers = 4;
        int perWriter = 30;
        MetadataStore other = secondNode();
        List<TaskEntry> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            tasks.add(waiting(createOneTask()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> written = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                MetadataStore node = w % 2 == 0 ? store : other;
                TaskEntry first = tasks.get(w);
                long mine = random.nextLong();
                written.add(pool.submit(() -> {
                    SplittableRandom r = new SplittableRandom(mine);
                    TaskEntry cur = first;
                    for (int i = 0; i < perWriter; i++) {
                        PipelineEvent e =
                                new PipelineEvent.TaskInterrupted(T0, cur.requestId(), cur.id(), DB1, "write " + i);
                        if (r.nextBoolean()) {
                            cur = node.compareAndSetTask(
                                            cur,
                                            cur.withState(TaskState.waiting(WaitReason.DATABASE_BUSY, "w" + i)),
                                            List.of(e))
                                    .orElseThrow();
                        } else {
                            node.appendEvent(node.newId(), e);
                        }
                    }
                    return perWriter;
                }));
            }
            List<EventEntry> seen = new ArrayList<>();
            long cursor = 0;
            while (!written.stream().allMatch(Future::isDone)) {
                List<EventEntry> batch = store.events(cursor, 1 + random.nextInt(7));
                seen.addAll(batch);
                if (!batch.isEmpty()) {
                    cursor = batch.get(batch.size() - 1).sequence();
                }
            }
            for (Future<Integer> f : written) {
                f.get();
            }
            seen.addAll(store.events(cursor, writers * perWriter + 1));

            assertThat(seen).extracting(EventEntry::sequence).isSorted().doesNotHaveDuplicates();
            assertThat(seen).hasSize(writers * perWriter);
            for (TaskEntry t : tasks) {
                assertThat(seen.stream()
                                .map(EventEntry::event)
                                .filter(e -> ((PipelineEvent.TaskInterrupted) e)
                                        .taskId()
                                        .equals(t.id()))
                                .map(e -> ((PipelineEvent.TaskInterrupted) e).previousOwner()))
                        .as("each writer's events in its order")
                        .containsExactlyElementsOf(IntStream.range(0, perWriter)
                                .mapToObj(i -> "write " + i)
                                .toList());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** Runs the calls at once (released together by a latch) and returns their results. */
    protected static <T> List<T> race(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
