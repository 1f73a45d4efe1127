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

    private final MetadataStore store = (MetadataStore) Proxy.newProxyInstance(
            MetadataStore.class.getClassLoader(), new Class<?>[] {MetadataStore.class}, (proxy, method, args) -> {
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
                List<DatabaseRef> targets = targets(1 + random.nextInt(20));
                int revision = backing.tasks(req.id()).get(0).revision() + 1;
                store.reviseRequest(current, current, plan(req.id(), targets, revision));
            } else {
                assertThat(view.tasks(req.id())).isEqualTo(backing.tasks(req.id()));
            }
        }
        for (RequestEntry req : requests) {
            assertThat(view.tasks(req.id())).isEqualTo(backing.tasks(req.id()));
        }
    }

    @Test
    void aThousandTaskPlanIsReadOnceAndThenOnlyItsChangedTasks() {
        TaskView view = new TaskView(store);
        RequestEntry req = create(1000);

        assertThat(view.tasks(req.id())).hasSize(1000);
        assertThat(bodiesRead.getAndSet(0)).isEqualTo(1000);
        assertThat(view.tasks(req.id())).hasSize(1000);
        assertThat(bodiesRead.getAndSet(0)).isZero();

        TaskEntry third = backing.tasks(req.id()).get(2);
        TaskEntry moved = store.compareAndSetTask(third, next(third, new SplittableRandom(1)))
                .orElseThrow();
        List<TaskEntry> seen = view.tasks(req.id());

        assertThat(bodiesRead.get()).isEqualTo(1);
        assertThat(seen.get(2)).isEqualTo(moved);
        assertThat(seen).isEqualTo(backing.tasks(req.id()));
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

    private List<TaskEntry> plan(String requestId, List<DatabaseRef> targets, int revision) {
        List<TaskEntry> list = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Task task = new Task(store.newId(), targets.get(i), "SELECT 1", TaskState.NOT_STARTED);
            list.add(TaskEntry.planned(task, requestId, revision, "test", 0, i));
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
