package io.dbchange.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Instance;
import io.dbchange.api.project.Project;
import io.dbchange.api.store.EventEntry;
import io.dbchange.api.store.TaskEntry;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.core.store.JdbcMetadataStore;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code benchmarks/run multinode [requests] [databases]}: two nodes, each a {@link Pipeline} with its own
 * {@link JdbcMetadataStore} instance and its own connection pool to one PostgreSQL store, roll out
 * {@value #REQUESTS} change requests over {@value #DATABASES} MariaDB databases (one task per request and database:
 * {@value #REQUESTS} x {@value #DATABASES} = 10,000 tasks). Every task inserts a marker row naming its request. Then
 * it counts, per database, the marker rows (a row twice is a double run, a row missing is a lost task) and checks in
 * the store that every task is DONE after exactly one run.
 *
 * <p>{@code events=on} builds both pipelines with {@code recordEvents(true)} and checks afterwards that the outbox
 * holds every task's end exactly once (the RESULT line gains {@code events}, {@code task_end_events_missing} and
 * {@code task_end_events_duplicated}).
 *
 * <p>History records no schema before/after here ({@code captureSchema(false)}): reading the target's catalog twice
 * per task would measure the target, not coordination through the store.
 *
 * <p>{@code transitions_per_s} is the number of successful task compare-and-sets in the store (every status change
 * and every lease renewal increments a task's version; the sum of the final versions counts them) divided by the
 * wall time from the first submit to the last request DONE; {@code tasks_per_s} is tasks divided by that time.
 */
final class MultinodeScenario implements Scenario {

    static final int REQUESTS = 100;
    static final int DATABASES = 100;
    private static final String PROJECT = "shop";

    @Override
    public String name() {
        return "multinode";
    }

    @Override
    public String summary() {
        return "two schedulers on one PostgreSQL store: 10,000 marker tasks over 100 MariaDB databases"
                + " (args: requests databases, events=on to record events in the store's outbox)";
    }

    @Override
    public int run(List<String> args) throws Exception {
        boolean events = args.contains("events=on");
        List<String> numbers =
                args.stream().filter(a -> !a.startsWith("events=")).toList();
        int requests = numbers.size() > 0 ? Integer.parseInt(numbers.get(0)) : REQUESTS;
        int databases = numbers.size() > 1 ? Integer.parseInt(numbers.get(1)) : DATABASES;
        List<TestDatabase> targets = new ArrayList<>();
        try (TestDatabase storeDb = TestServers.postgres().createDatabase()) {
            List<DatabaseRef> refs = new ArrayList<>();
            for (int i = 0; i < databases; i++) {
                TestDatabase db = TestServers.mysql().createDatabase();
                targets.add(db);
                try (Connection c = db.openConnection();
                        Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE marker (request VARCHAR(64) NOT NULL)");
                }
                refs.add(new DatabaseRef("tenants", db.name()));
            }
            TestDatabase first = targets.get(0);
            Instance instance = new Instance(
                    "tenants", "test", "mysql", ConnectionSettings.of(first.jdbcUrl(), first.user(), first.password()));
            try (HikariDataSource poolA = pool(storeDb, "node-a");
                    HikariDataSource poolB = pool(storeDb, "node-b")) {
                JdbcMetadataStore storeA =
                        JdbcMetadataStore.configure().dataSource(poolA).build();
                JdbcMetadataStore storeB =
                        JdbcMetadataStore.configure().dataSource(poolB).build();
                Map<String, Integer> requestIndex = new HashMap<>();
                double seconds;
                try (Pipeline a = pipeline(storeA, "node-a", instance, refs, events);
                        Pipeline b = pipeline(storeB, "node-b", instance, refs, events)) {
                    List<String> ids = new ArrayList<>();
                    for (int r = 0; r < requests; r++) {
                        Pipeline creator = r % 2 == 0 ? a : b;
                        ChangeRequest cr = creator.create(NewChangeRequest.of(
                                PROJECT,
                                "marker " + r,
                                ChangeType.DATA,
                                "INSERT INTO marker VALUES ('r" + r + "')",
                                TargetSelector.databases(refs),
                                "alice"));
                        ids.add(cr.id());
                        requestIndex.put(cr.id(), r);
                    }
                    System.out.printf(
                            Locale.ROOT,
                            "created %d requests x %d databases = %d tasks%n",
                            requests,
                            databases,
                            requests * databases);
                    long start = System.nanoTime();
                    a.start();
                    b.start();
                    for (int r = 0; r < ids.size(); r++) {
                        (r % 2 == 0 ? a : b).submit(ids.get(r), "alice");
                    }
                    long deadline = start + Duration.ofMinutes(60).toNanos();
                    int done = 0;
                    long lastReport = start;
                    while (System.nanoTime() < deadline) {
                        done = storeA.requests(EnumSet.of(ChangeRequestStatus.DONE))
                                .size();
                        if (done == requests) {
                            break;
                        }
                        if (System.nanoTime() - lastReport > 10e9) {
                            lastReport = System.nanoTime();
                            System.out.printf(
                                    Locale.ROOT,
                                    "  %.0f s: %d of %d requests done%n",
                                    (lastReport - start) / 1e9,
                                    done,
                                    requests);
                        }
                        Thread.sleep(100);
                    }
                    seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "%d of %d requests DONE after %.1f s%n", done, requests, seconds);
                }
                // ---- count ----
                long transitions = 0;
                long notDone = 0;
                long extraRuns = 0;
                Map<String, Long> runsByNode = new HashMap<>();
                for (String id : requestIndex.keySet()) {
                    for (TaskEntry t : storeA.tasks(id)) {
                        transitions += t.version();
                        if (t.status() != TaskStatus.DONE) {
                            notDone++;
                        }
                        var runs = storeA.runs(t.id());
                        extraRuns += Math.max(0, runs.size() - 1);
                        runs.forEach(run -> runsByNode.merge(run.owner().split(":")[0], 1L, Long::sum));
                    }
                }
                long doubleRuns = 0;
                long lost = 0;
                for (TestDatabase db : targets) {
                    try (Connection c = db.openConnection();
                            Statement s = c.createStatement();
                            ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT request) FROM marker")) {
                        rs.next();
                        long rows = rs.getLong(1);
                        long distinct = rs.getLong(2);
                        doubleRuns += rows - distinct;
                        lost += requests - distinct;
                    }
                }
                int tasks = requests * databases;
                // With events: every task's end is in the outbox exactly once (written with the end state itself).
                String eventFigures = "";
                if (events) {
                    Map<String, Integer> ends = new HashMap<>();
                    long after = 0;
                    long total = 0;
                    while (true) {
                        List<EventEntry> page = storeA.events(after, 5000);
                        if (page.isEmpty()) {
                            break;
                        }
                        for (EventEntry e : page) {
                            total++;
                            if (e.event() instanceof PipelineEvent.TaskFinished f) {
                                ends.merge(f.taskId(), 1, Integer::sum);
                            }
                        }
                        after = page.get(page.size() - 1).sequence();
                    }
                    long missing = tasks - ends.size();
                    long duplicated = ends.values().stream().filter(n -> n > 1).count();
                    eventFigures = String.format(
                            Locale.ROOT,
                            " events=%d task_end_events_missing=%d task_end_events_duplicated=%d",
                            total,
                            missing,
                            duplicated);
                    notDone += missing + duplicated; // fails the run like a task not done
                }
                System.out.printf(
                        Locale.ROOT,
                        "tasks not DONE in the store: %d, runs beyond the first: %d%n",
                        notDone,
                        extraRuns);
                System.out.printf(Locale.ROOT, "runs per node: %s%n", runsByNode);
                System.out.printf(
                        Locale.ROOT,
                        "task compare-and-sets: %d (%.1f per task)%n",
                        transitions,
                        transitions / (double) tasks);
                System.out.printf(
                        Locale.ROOT,
                        "RESULT multinode tasks=%d double_runs=%d lost=%d transitions_per_s=%.0f tasks_per_s=%.0f"
                                + " seconds=%.1f%s%n",
                        tasks,
                        doubleRuns,
                        lost,
                        transitions / seconds,
                        tasks / seconds,
                        seconds,
                        eventFigures);
                return doubleRuns == 0 && lost == 0 && notDone == 0 ? 0 : 1;
            }
        } finally {
            targets.forEach(TestDatabase::close);
        }
    }

    private static Pipeline pipeline(
            JdbcMetadataStore store, String nodeId, Instance instance, List<DatabaseRef> refs, boolean events) {
        Pipeline.Builder builder = Pipeline.configure()
                .project(Project.of(PROJECT, "Shop"))
                .environments("test")
                .instance(instance)
                .store(store)
                .nodeId(nodeId)
                .maxConcurrentTasks(8)
                // Marker inserts change no schema; capturing it would time the target's catalog, not coordination.
                .captureSchema(false)
                .leaseDuration(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .recordEvents(events);
        refs.forEach(ref -> builder.database(new Database(ref, PROJECT, "test")));
        return builder.build();
    }

    private static HikariDataSource pool(TestDatabase db, String name) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("store-" + name);
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(12);
        return new HikariDataSource(config);
    }
}
