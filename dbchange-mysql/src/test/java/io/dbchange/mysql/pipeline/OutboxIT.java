package io.dbchange.mysql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.store.EventEntry;
import io.dbchange.api.store.MetadataStore;
import io.dbchange.api.store.TaskEntry;
import io.dbchange.core.pipeline.EventFeed;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.core.store.JdbcMetadataStore;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The event outbox across nodes: two pipelines ("node A" and "node B", each with its own pool and store instance) on
 * one JDBC store in embedded MariaDB. A request runs on node A; feeds on node B (and on both) receive its events.
 */
class OutboxIT {

    private final Estate estate = new Estate();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        estate.close();
    }

    private MetadataStore jdbcStore(TestDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        HikariDataSource pool = new HikariDataSource(config);
        resources.add(pool);
        return JdbcMetadataStore.configure().dataSource(pool).build();
    }

    private Pipeline node(MetadataStore store, String nodeId) {
        return started(node(store, nodeId, true));
    }

    /** A node's pipeline as the tests build it, recording events, not built yet. */
    private Pipeline.Builder node(MetadataStore store, String nodeId, boolean recordEvents) {
        return estate.pipeline()
                .environments("test")
                .store(store)
                .nodeId(nodeId)
                .captureSchema(false)
                .recordEvents(recordEvents);
    }

    /** A request of {@code sql} over {@code dbs} by alice, created and submitted on {@code node}. */
    private static ChangeRequest submitted(Pipeline node, String sql, List<DatabaseRef> dbs) {
        ChangeRequest cr = node.create(NewChangeRequest.of(
                Estate.PROJECT, "add table", ChangeType.SCHEMA, sql, TargetSelector.databases(dbs), "alice"));
        node.submit(cr.id(), "alice");
        return cr;
    }

    private Pipeline started(Pipeline.Builder builder) {
        Pipeline p = builder.build();
        resources.add(p);
        return p;
    }

    private EventFeed feed(MetadataStore store, String consumer, String nodeId, EventFeed.Listener listener) {
        EventFeed f = EventFeed.configure()
                .store(store)
                .consumer(consumer)
                .nodeId(nodeId)
                .listener(listener)
                .batchSize(3) // several passes per request
                .pollInterval(Duration.ofMillis(50))
                .leaseDuration(Duration.ofSeconds(5))
                .build();
        resources.add(f);
        return f;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void feedsOnNodeBReceiveEachEventOfARequestRunOnNodeAOnceInOrderAndACrashedConsumerGetsThemAgain()
            throws Exception {
        List<DatabaseRef> dbs = estate.instance("mysql-test", "test", 2);
        TestDatabase storeDb = TestServers.mysql().createDatabase();
        resources.add(storeDb::close);
        MetadataStore storeA = jdbcStore(storeDb);
        MetadataStore storeB = jdbcStore(storeDb);
        Pipeline nodeA = node(storeA, "node-a");
        node(storeB, "node-b"); // records its events too, runs nothing here

        // consumers: "audit" on node B only; "shared" on both nodes at once
        Queue<EventEntry> audit = new ConcurrentLinkedQueue<>();
        Queue<EventEntry> shared = new ConcurrentLinkedQueue<>();
        feed(storeB, "audit", "node-b", audit::add).start();
        feed(storeA, "shared", "node-a", shared::add).start();
        feed(storeB, "shared", "node-b", shared::add).start();

        ChangeRequest cr = submitted(nodeA, "CREATE TABLE t (id INT PRIMARY KEY)", dbs);
        assertThat(nodeA.awaitIdle(Duration.ofMinutes(1))).isTrue();
        assertThat(nodeA.request(cr.id()).orElseThrow().status()).isEqualTo(ChangeRequestStatus.DONE);

        List<EventEntry> all = storeB.events(0, 1000);
        await(() -> audit.size() >= all.size() && shared.size() >= all.size());
        Thread.sleep(300); // a double delivery would arrive now

        assertThat(all)
                .extracting(EventEntry::event)
                .hasAtLeastOneElementOfType(PipelineEvent.RequestCreated.class)
                .hasAtLeastOneElementOfType(PipelineEvent.CheckFinished.class)
                .hasAtLeastOneElementOfType(PipelineEvent.TaskStarted.class)
                .hasAtLeastOneElementOfType(PipelineEvent.TaskFinished.class)
                .hasAtLeastOneElementOfType(PipelineEvent.StageFinished.class)
                .allSatisfy(e -> assertThat(e.requestId()).isEqualTo(cr.id()));
        assertThat(all.get(0).event()).isInstanceOf(PipelineEvent.RequestCreated.class);
        assertThat(all).extracting(EventEntry::event).hasAtLeastOneElementOfType(PipelineEvent.RequestDone.class);
        // in order per task (events of different tasks come from different threads: interleaved, as in-process)
        for (DatabaseRef db : dbs) {
            assertThat(all.stream()
                            .map(EventEntry::event)
                            .filter(e -> db.equals(databaseOf(e)))
                            .map(e -> e.getClass().getSimpleName()))
                    .containsExactly("CheckFinished", "TaskStarted", "TaskFinished");
        }
        // exactly once each, in sequence order (the order node A appended them)
        assertThat(List.copyOf(audit)).isEqualTo(all);
        assertThat(List.copyOf(shared)).isEqualTo(all);
        assertThat(storeA.eventCursor("audit"))
                .isEqualTo(all.get(all.size() - 1).sequence());

        // a consumer whose node dies after delivering and before moving its cursor
        List<EventEntry> beforeCrash = new ArrayList<>();
        EventFeed dying = EventFeed.configure()
                .store(storeB)
                .consumer("billing")
                .nodeId("node-b")
                .batchSize(100)
                .listener(e -> {
                    beforeCrash.add(e);
                    if (beforeCrash.size() == all.size()) {
                        throw new NodeDied();
                    }
                })
                .build();
        assertThatThrownBy(dying::poll).isInstanceOf(NodeDied.class);
        assertThat(beforeCrash).isEqualTo(all);
        assertThat(storeB.eventCursor("billing")).as("not advanced").isZero();

        // node A takes the consumer over once node B's lease has expired, and gets every event again
        List<EventEntry> redelivered = new ArrayList<>();
        EventFeed takeover = EventFeed.configure()
                .store(storeA)
                .consumer("billing")
                .nodeId("node-a")
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(31)))
                .listener(redelivered::add)
                .build();
        resources.add(takeover);
        assertThat(takeover.poll()).isEqualTo(all.size());
        assertThat(redelivered).isEqualTo(all);
        assertThat(takeover.poll()).isZero();
    }

    /**
     * Transactional outbox: the store write that ends a task carries its event. A node that dies right after that
     * write commits (here the store throws once the DONE compare-and-set has committed, so nothing of the node runs
     * after it: no listener, no stage or request completion by that runner) has recorded the event all the same.
     */
    @Test
    void aNodeThatDiesRightAfterATasksEndCommitsHasRecordedItsEvent() throws Exception {
        List<DatabaseRef> dbs = estate.instance("mysql-test", "test", 1);
        TestDatabase storeDb = TestServers.mysql().createDatabase();
        resources.add(storeDb::close);
        MetadataStore real = jdbcStore(storeDb);
        AtomicInteger deaths = new AtomicInteger();
        MetadataStore dying = diesRightAfterATaskIsWrittenDone(real, deaths);
        Queue<PipelineEvent> heard = new ConcurrentLinkedQueue<>();
        Pipeline nodeA = started(node(dying, "node-a", true).listener(heard::add));

        ChangeRequest cr = submitted(nodeA, "CREATE TABLE t (id INT PRIMARY KEY)", dbs);
        assertThat(nodeA.awaitIdle(Duration.ofMinutes(1))).isTrue();
        assertThat(deaths).hasValue(1);
        TaskEntry task = real.tasks(cr.id()).get(0);

        assertThat(task.status()).isEqualTo(TaskStatus.DONE);
        assertThat(heard)
                .as("the node died before its listeners heard of the end")
                .noneMatch(e -> e instanceof PipelineEvent.TaskFinished);
        assertThat(real.events(0, 100))
                .extracting(EventEntry::event)
                .filteredOn(e -> e instanceof PipelineEvent.TaskFinished)
                .singleElement()
                .satisfies(e -> {
                    PipelineEvent.TaskFinished f = (PipelineEvent.TaskFinished) e;
                    assertThat(f.taskId()).isEqualTo(task.id());
                    assertThat(f.status()).isEqualTo(TaskStatus.DONE);
                    assertThat(f.progress().done()).isEqualTo(1);
                });
        assertThat(real.events(0, 100))
                .extracting(EventEntry::event)
                .as("the runner died before it recorded the stage's end: the next pass of the node recorded it, once,"
                        + " after the task's end and before the request's")
                .filteredOn(e -> e instanceof PipelineEvent.TaskFinished
                        || e instanceof PipelineEvent.StageFinished
                        || e instanceof PipelineEvent.RequestDone)
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("TaskFinished", "StageFinished", "RequestDone");
    }

    /**
     * A stage's end is appended on its own: when that append fails (the store is briefly unreachable), the stage's end
     * is not lost and the request's end does not come before it; the next scheduling pass records both, in order.
     */
    @Test
    void aStageEndWhoseRecordFailedIsRecordedByTheNextPassBeforeTheRequestsEnd() throws Exception {
        List<DatabaseRef> dbs = estate.instance("mysql-test", "test", 2);
        TestDatabase storeDb = TestServers.mysql().createDatabase();
        resources.add(storeDb::close);
        MetadataStore real = jdbcStore(storeDb);
        AtomicInteger stageAppends = new AtomicInteger();
        MetadataStore flaky = (MetadataStore) Proxy.newProxyInstance(
                MetadataStore.class.getClassLoader(), new Class<?>[] {MetadataStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("appendEvent")
                            && args[1] instanceof PipelineEvent.StageFinished
                            && stageAppends.getAndIncrement() == 0) {
                        throw new IllegalStateException("the store is unreachable for a moment");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Pipeline p = node(flaky, "node-a");
        ChangeRequest cr = submitted(p, "CREATE TABLE t (id INT PRIMARY KEY)", dbs);

        assertThat(p.awaitIdle(Duration.ofMinutes(1))).isTrue();

        assertThat(stageAppends).as("refused once, then appended").hasValue(2);
        assertThat(p.request(cr.id()).orElseThrow().status()).isEqualTo(ChangeRequestStatus.DONE);
        assertThat(real.events(0, 100))
                .extracting(EventEntry::event)
                .filteredOn(e -> e instanceof PipelineEvent.TaskFinished
                        || e instanceof PipelineEvent.StageFinished
                        || e instanceof PipelineEvent.RequestDone)
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("TaskFinished", "TaskFinished", "StageFinished", "RequestDone");
    }

    /**
     * Two nodes run the tasks of one stage at once and both may see the stage end: its StageFinished is in the outbox
     * once, and the listeners of one node only hear it.
     */
    @Test
    void aStageEndSeenByTwoNodesIsRecordedOnce() throws Exception {
        List<DatabaseRef> all = estate.instance("mysql-test", "test", 18);
        for (int round = 0; round < 3; round++) {
            List<DatabaseRef> dbs = all.subList(6 * round, 6 * round + 6);
            TestDatabase storeDb = TestServers.mysql().createDatabase();
            resources.add(storeDb::close);
            Queue<PipelineEvent> heard = new ConcurrentLinkedQueue<>();
            List<Pipeline> nodes = new java.util.ArrayList<>();
            for (String id : List.of("node-a", "node-b")) {
                nodes.add(started(
                        node(jdbcStore(storeDb), id, true).maxConcurrentTasks(2).listener(heard::add)));
            }
            ChangeRequest cr = submitted(nodes.get(0), "CREATE TABLE t (id INT PRIMARY KEY)", dbs);
            java.util.concurrent.ExecutorService both = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Callable<Boolean>> idles = List.of(
                        () -> nodes.get(0).awaitIdle(Duration.ofMinutes(1)),
                        () -> nodes.get(1).awaitIdle(Duration.ofMinutes(1)));
                for (java.util.concurrent.Future<Boolean> idle : both.invokeAll(idles)) {
                    assertThat(idle.get()).isTrue();
                }
            } finally {
                both.shutdown();
            }
            // the node that did not end the stage's last task may still see the stage ended on its next pass
            nodes.get(1).awaitIdle(Duration.ofSeconds(10));
            nodes.get(0).awaitIdle(Duration.ofSeconds(10));

            List<PipelineEvent> recorded = jdbcStore(storeDb).events(0, 1000).stream()
                    .map(EventEntry::event)
                    .toList();
            assertThat(recorded)
                    .filteredOn(e -> e instanceof PipelineEvent.StageFinished)
                    .hasSize(1);
            assertThat(recorded)
                    .filteredOn(e -> e instanceof PipelineEvent.RequestDone)
                    .hasSize(1);
            assertThat(heard)
                    .filteredOn(e -> e instanceof PipelineEvent.StageFinished)
                    .hasSize(1);
        }
    }

    @Test
    void aCancelWritesTheRequestsUpdateAndItsEndWithTheRequestsWrite() throws Exception {
        List<DatabaseRef> dbs = estate.instance("mysql-test", "test", 2);
        TestDatabase storeDb = TestServers.mysql().createDatabase();
        resources.add(storeDb::close);
        MetadataStore store = jdbcStore(storeDb);
        Pipeline p = node(store, "node-a");
        ChangeRequest cr = p.create(NewChangeRequest.of(
                Estate.PROJECT,
                "add table",
                ChangeType.SCHEMA,
                "CREATE TABLE t (id INT)",
                TargetSelector.databases(dbs),
                "alice"));

        p.cancel(cr.id(), "alice", "not needed");

        List<EventEntry> all = store.events(0, 10);
        assertThat(all)
                .extracting(e -> e.event().getClass().getSimpleName())
                .containsExactly("RequestCreated", "RequestUpdated", "RequestDone");
        assertThat(all.get(2).sequence()).isEqualTo(all.get(1).sequence() + 1);
        PipelineEvent.RequestDone done = (PipelineEvent.RequestDone) all.get(2).event();
        assertThat(done.status()).isEqualTo(ChangeRequestStatus.CANCELED);
        assertThat(done.progress().done()).as("both tasks canceled").isEqualTo(2);
        assertThat(store.tasks(cr.id())).allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskStatus.CANCELED));
    }

    @Test
    void aPipelineThatDoesNotRecordEventsWritesNoneToTheOutbox() throws Exception {
        List<DatabaseRef> dbs = estate.instance("mysql-test", "test", 1);
        TestDatabase storeDb = TestServers.mysql().createDatabase();
        resources.add(storeDb::close);
        MetadataStore store = jdbcStore(storeDb);
        Queue<PipelineEvent> heard = new ConcurrentLinkedQueue<>();
        Pipeline p = started(node(store, "node-a", false).listener(heard::add));

        ChangeRequest cr = submitted(p, "CREATE TABLE t (id INT)", dbs);
        assertThat(p.awaitIdle(Duration.ofMinutes(1))).isTrue();

        assertThat(heard).hasAtLeastOneElementOfType(PipelineEvent.RequestDone.class);
        assertThat(store.events(0, 10)).isEmpty();
    }

    /** The store, except that a compare-and-set that writes a task DONE throws once it has committed. */
    private static MetadataStore diesRightAfterATaskIsWrittenDone(MetadataStore real, AtomicInteger deaths) {
        return (MetadataStore) Proxy.newProxyInstance(
                MetadataStore.class.getClassLoader(), new Class<?>[] {MetadataStore.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("compareAndSetTask")
                            && ((TaskEntry) args[1]).status() == TaskStatus.DONE
                            && ((Optional<?>) result).isPresent()) {
                        deaths.incrementAndGet();
                        throw new IllegalStateException("node died right after the commit");
                    }
                    return result;
                });
    }

    private static DatabaseRef databaseOf(PipelineEvent e) {
        if (e instanceof PipelineEvent.CheckFinished c) {
            return c.database();
        }
        if (e instanceof PipelineEvent.TaskStarted t) {
            return t.database();
        }
        if (e instanceof PipelineEvent.TaskFinished t) {
            return t.database();
        }
        return null;
    }

    /** Stands for a node dying in the middle of a delivery: not an Exception, so the feed does not handle it. */
    private static final class NodeDied extends Error {
        NodeDied() {
            super("node died", null, false, false);
        }
    }
}
