package io.dbchange.core.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.change.ChangeOptions;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.Task;
import io.dbchange.api.change.TaskState;
import io.dbchange.api.change.WaitReason;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.store.Lease;
import io.dbchange.api.store.MetadataStore;
import io.dbchange.api.store.RequestEntry;
import io.dbchange.api.store.TaskEntry;
import io.dbchange.core.store.InMemoryMetadataStore;
import io.dbchange.testing.PropertySeeds;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link TaskView}: always what the store holds, reading only the tasks that changed. */
class TaskViewTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final InMemoryMetadataStore backing = new InMemoryMetadataStore();
    /** Task bodies read through tasksById, counted. */
    private final AtomicInteger bodiesRead = new AtomicInteger();

    /** Whether the store answers taskVersionsSince (the in-memory store does; a store without it lists versions). */
    private boolean stamps = true;

    private final MetadataStore store = (MetadataStore) Proxy.newProxyInstance(
            MetadataStore.class.getClassLoader(), new Class<?>[] {MetadataStore.class}, (proxy, method, args) -> {
                if (!stamps && method.getName().equals("taskVersionsSince")) {
                    return java.util.Optional.empty();
                }
                try {
                    Object result = method.invoke(backing, args);
                    if (method.getName().equals("tasksById")) {
                        bodiesRead.addAndGet(((Collection<?>) result).size());
                    }
                    return result;
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    static LongStream seeds() {
        return PropertySeeds.seeds(100);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theViewIsAlwaysWhatTheStoreHolds(long seed) {
        theViewIsWhatTheStoreHolds(seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theViewIsAlwaysWhatTheStoreHoldsWithoutARecordOfWrites(long seed) {
        stamps = false;
        theViewIsWhatTheStoreHolds(seed);
    }

    private void theViewIsWhatTheStoreHolds(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TaskView view = new TaskView(store);
        List<RequestEntry> requests = new ArrayList<>();
        for (int r = 0; r < 1 + random.nextInt(3); r++) {
            requests.add(create(1 + random.nextInt(20)));
        }
        for (int step = 0; step < 60; step++) {
            RequestEntry req = requests.get(random.nextInt(requests.size()));
            int op = random.nextInt(10);
            if (op < 6) {
                List<TaskEntry> tasks = backing.tasks(req.id());
                TaskEntry t = tasks.get(random.nextInt(tasks.size()));
                store.compareAndSetTask(t, next(t, random));
            } else if (op < 7) {
                RequestEntry current = backing.request(req.id()).orElseThrow();
                List<DatabaseRef> targets = new ArrayList<>(targets(1 + random.nextInt(20)));
                if (random.nextBoolean()) {
                    targets.add(targets.get(0));
                }
                int revision = backing.tasks(req.id()).get(0).revision() + 1;
                store.reviseRequest(current, current, plan(req.id(), targets, revision));
            } else {
                assertSame(view.read(req.id()), backing.tasks(req.id()));
                // what this node last read, without a store read: the same until the next write
                assertSame(view.known(req.id()), backing.tasks(req.id()));
            }
        }
        for (RequestEntry req : requests) {
            assertSame(view.read(req.id()), backing.tasks(req.id()));
        }
    }

    /** The view's tasks and every count it keeps are those of {@code stored}, counted afresh. */
    private static void assertSame(TaskView.Tasks view, List<TaskEntry> stored) {
        assertThat(view.list()).isEqualTo(stored);
        assertThat(view.size()).isEqualTo(stored.size());
        int stages = stored.stream().mapToInt(TaskEntry::stageIndex).max().orElse(-1) + 1;
        assertThat(view.stages()).isEqualTo(stages);
        long ended = stored.stream()
                .filter(t -> PipelineRuntime.ENDED.contains(t.status()))
                .count();
        assertThat(view.ended()).isEqualTo(ended);
        assertThat(view.allEnded()).isEqualTo(ended == stored.size());
        for (int s = 0; s <= stages; s++) {
            int stage = s;
            assertThat(view.sizeOf(s))
                    .isEqualTo(
                            stored.stream().filter(t -> t.stageIndex() == stage).count());
            assertThat(view.endedIn(s))
                    .isEqualTo(stored.stream()
                            .filter(t -> t.stageIndex() == stage && PipelineRuntime.ENDED.contains(t.status()))
                            .count());
            for (io.dbchange.api.change.TaskStatus status : io.dbchange.api.change.TaskStatus.values()) {
                assertThat(view.count(s, status))
                        .isEqualTo(stored.stream()
                                .filter(t -> t.stageIndex() == stage && t.status() == status)
                                .count());
            }
        }
        assertThat(view.distinctDatabases())
                .isEqualTo(stored.stream().map(TaskEntry::database).distinct().count() == stored.size());
        for (int i = 0; i < stored.size(); i++) {
            assertThat(view.get(stored.get(i).id())).isEqualTo(stored.get(i));
            assertThat(view.statusAt(i)).isEqualTo(stored.get(i).status());
        }
        assertThat(view.get("no-such-task")).isNull();
    }

    @Test
    void aThousandTaskPlanIsReadOnceAndThenOnlyItsChangedTasks() {
        TaskView view = new TaskView(store);
        RequestEntry req = create(1000);

        assertThat(view.read(req.id()).list()).hasSize(1000);
        assertThat(bodiesRead.getAndSet(0)).isEqualTo(1000);
        assertThat(view.read(req.id()).list()).hasSize(1000);
        assertThat(bodiesRead.getAndSet(0)).isZero();

        TaskEntry third = backing.tasks(req.id()).get(2);
        TaskEntry moved = store.compareAndSetTask(third, next(third, new SplittableRandom(1)))
                .orElseThrow();
        List<TaskEntry> seen = view.read(req.id()).list();

        assertThat(bodiesRead.get()).isEqualTo(1);
        assertThat(seen.get(2)).isEqualTo(moved);
        assertThat(seen).isEqualTo(backing.tasks(req.id()));
    }

    @Test
    void aThousandTaskPlanAsksTheStoreOnlyForTheVersionsWrittenSinceItsLastRead() {
        List<String> calls = new ArrayList<>();
        MetadataStore counting = (MetadataStore) Proxy.newProxyInstance(
                MetadataStore.class.getClassLoader(), new Class<?>[] {MetadataStore.class}, (proxy, method, args) -> {
                    Object result = method.invoke(backing, args);
                    if (method.getName().equals("taskVersionsSince")) {
                        long since = (Long) args[1];
                        calls.add((since == MetadataStore.ALL_TASKS ? "all" : "since") + ":"
                                + ((java.util.Optional<io.dbchange.api.store.TaskVersions>) result)
                                        .map(v -> v.versions().size())
                                        .orElse(-1));
                    } else if (method.getName().equals("taskVersions")) {
                        calls.add("taskVersions");
                    }
                    return result;
                });
        TaskView view = new TaskView(counting);
        RequestEntry req = create(1000);
        view.read(req.id());
        TaskEntry third = backing.tasks(req.id()).get(2);
        TaskEntry moved = backing.compareAndSetTask(third, next(third, new SplittableRandom(1)))
                .orElseThrow();

        TaskView.Tasks seen = view.read(req.id());

        assertThat(calls).containsExactly("all:1000", "since:1");
        assertThat(seen.get(third.id())).isEqualTo(moved);
        assertSame(seen, backing.tasks(req.id()));
    }

    private RequestEntry create(int tasks) {
        String id = store.newId();
        List<DatabaseRef> targets = targets(tasks);
        ChangeRequest request = new ChangeRequest(
                id,
                "shop",
                "t",
                "",
                ChangeType.SCHEMA,
                "SELECT 1",
                targets,
                "alice",
                ChangeRequestStatus.ROLLING_OUT,
                1,
                "sha256:" + id,
                T0,
                T0);
        RequestEntry entry =
                new RequestEntry(request, TargetSelector.databases(targets), ChangeOptions.DEFAULTS, Map.of(), 0);
        return store.createRequest(entry, plan(id, targets, 1));
    }

    private static List<DatabaseRef> targets(int n) {
        List<DatabaseRef> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new DatabaseRef("mysql-prod", "tenant_" + i));
        }
        return list;
    }

    /** Two stages (the second from the middle on); a database may come twice when {@code targets} repeats it. */
    private List<TaskEntry> plan(String requestId, List<DatabaseRef> targets, int revision) {
        List<TaskEntry> list = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Task task = new Task(store.newId(), targets.get(i), "SELECT 1", TaskState.NOT_STARTED);
            int stage = i < targets.size() / 2 ? 0 : 1;
            list.add(TaskEntry.planned(task, requestId, revision, stage == 0 ? "test" : "prod", stage, i));
        }
        return list;
    }

    /** A legal next state of a task. */
    private static TaskEntry next(TaskEntry t, SplittableRandom random) {
        switch (t.status()) {
            case NOT_STARTED:
                return t.withState(TaskState.waiting(WaitReason.QUEUED, "ready"));
            case WAITING:
                return random.nextBoolean()
                        ? t.running(new Lease("node", T0.plusSeconds(30)))
                        : t.withState(TaskState.waiting(WaitReason.DATABASE_BUSY, "busy " + random.nextInt(5)));
            case RUNNING:
                return random.nextBoolean()
                        ? t.withLease(new Lease("node", T0.plusSeconds(60 + random.nextInt(60))))
                        : t.withState(TaskState.DONE);
            default:
                return t.withResumeFrom(1 + random.nextInt(3));
        }
    }
}
