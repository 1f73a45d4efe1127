package io.dbchange.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbchange.api.approval.Roles;
import io.dbchange.api.change.ChangeOptions;
import io.dbchange.api.change.ChangeRequest;
import io.dbchange.api.change.ChangeType;
import io.dbchange.api.change.NewChangeRequest;
import io.dbchange.api.change.TargetSelector;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.history.MigrationStatus;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Instance;
import io.dbchange.api.project.Project;
import io.dbchange.api.store.EventEntry;
import io.dbchange.api.store.HistoryEntry;
import io.dbchange.api.store.MetadataStore;
import io.dbchange.api.store.TaskEntry;
import io.dbchange.core.approval.InMemoryRoleResolver;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.core.store.JdbcMetadataStore;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code benchmarks/run crash [trials] [seed]}: {@value #TRIALS} trials of killing a runner process in the middle of a
 * rollout. Each trial submits one change request over {@value #DATABASES} MariaDB databases (each task: a short sleep,
 * an insert of a marker row naming the trial, another short sleep; MySQL commits each statement), starts a child JVM
 * that runs the rollout as its own node against the shared PostgreSQL {@link JdbcMetadataStore}, and kills it with
 * SIGKILL at a random moment: uniform over {@value #KILL_WINDOW_MS} ms from the first task it claims, a window about
 * as long as the rollout takes on a busy machine, so some kills land after the rollout ended. A new node then takes over, as a restarted runner would: tasks of the dead node become
 * INTERRUPTED when their lease expires, and a "person" decides each from the target (marker row present: mark done;
 * absent: retry), until the request is DONE.
 *
 * <p>Then it checks the target and the store: {@code double_runs} counts marker rows beyond one per database and
 * trial; {@code lost_records} counts marker rows whose change has no history record in the store, plus tasks DONE
 * whose marker row is missing; {@code interrupted_visible} counts tasks the kill left INTERRUPTED (visible to a person,
 * never re-run on their own), and {@code killed_mid_task} the trials where that happened at least once.
 *
 * <p>{@code events=on}: every node records events ({@code recordEvents(true)}), and after each trial the outbox must
 * hold exactly one TaskFinished DONE per task, one TaskInterrupted per interruption the person saw, one StageFinished
 * per stage (before the RequestDone) and one RequestDone; {@code events_lost_or_doubled} counts the differences.
 */
final class CrashScenario implements Scenario {

    static final int TRIALS = 100;
    static final int DATABASES = 10;
    static final int KILL_WINDOW_MS = 2500;
    private static final String PROJECT = "shop";
    private static final Duration LEASE = Duration.ofSeconds(2);

    @Override
    public String name() {
        return "crash";
    }

    @Override
    public String summary() {
        return "kill -9 a runner JVM mid-rollout " + TRIALS + " times; check store and targets (args: trials seed)";
    }

    @Override
    public int run(List<String> args) throws Exception {
        boolean events = args.contains("events=on");
        List<String> numbers =
                args.stream().filter(a -> !a.startsWith("events=")).toList();
        int trials = numbers.size() > 0 ? Integer.parseInt(numbers.get(0)) : TRIALS;
        long seed = numbers.size() > 1 ? Long.parseLong(numbers.get(1)) : 42L;
        SplittableRandom random = new SplittableRandom(seed);
        List<TestDatabase> targets = new ArrayList<>();
        Path logs = Files.createTempDirectory("dbchange-crash");
        try (TestDatabase storeDb = TestServers.postgres().createDatabase()) {
            List<DatabaseRef> refs = new ArrayList<>();
            for (int i = 0; i < DATABASES; i++) {
                TestDatabase db = TestServers.mysql().createDatabase();
                targets.add(db);
                try (Connection c = db.openConnection();
                        Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE marker (trial VARCHAR(16) NOT NULL)");
                }
                refs.add(new DatabaseRef("tenants", db.name()));
            }
            TestDatabase first = targets.get(0);
            try (HikariDataSource pool = pool(storeDb.jdbcUrl(), storeDb.user(), storeDb.password())) {
                MetadataStore store =
                        JdbcMetadataStore.configure().dataSource(pool).build();
                InMemoryRoleResolver roles = new InMemoryRoleResolver().grant("dana", Roles.DBA);
                long doubleRuns = 0;
                long lostRecords = 0;
                long interrupted = 0;
                long killedMidTask = 0;
                long eventsLost = 0;
                long eventCursor = 0;
                long started = System.nanoTime();
                for (int trial = 0; trial < trials; trial++) {
                    String version = "t" + trial;
                    ChangeRequest cr;
                    try (Pipeline creator = pipeline(store, "creator", first, refs, roles, events)) {
                        cr = creator.create(NewChangeRequest.of(
                                        PROJECT,
                                        "crash trial " + trial,
                                        ChangeType.DATA,
                                        "DO SLEEP(0.05);\nINSERT INTO marker VALUES ('" + version
                                                + "');\nDO SLEEP(0.05);",
                                        TargetSelector.databases(refs),
                                        "alice")
                                .withOptions(ChangeOptions.DEFAULTS.withVersion(version)));
                        creator.submit(cr.id(), "alice");
                    }
                    // ---- run in a child JVM and kill it ----
                    Process child = startRunner(storeDb, first, refs, "runner-" + trial, logs, events);
                    BufferedReader out =
                            new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                    String line = out.readLine();
                    if (!"READY".equals(line)) {
                        throw new IllegalStateException(
                                "runner of trial " + trial + " did not start (" + line + "); see " + logs);
                    }
                    // The moment is drawn from the rollout itself, not from the JVM's start-up: from the first task
                    // the runner claims, uniform over a window longer than the rollout usually takes here.
                    long waitUntil = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                    while (store.tasks(cr.id()).stream()
                                    .allMatch(t -> t.status() != TaskStatus.RUNNING && t.status() != TaskStatus.DONE)
                            && System.nanoTime() < waitUntil) {
                        Thread.sleep(10);
                    }
                    long killAfter = random.nextLong(KILL_WINDOW_MS);
                    Thread.sleep(killAfter);
                    child.destroyForcibly();
                    child.waitFor(30, TimeUnit.SECONDS);

                    // ---- a new node takes over; a person decides each interrupted task ----
                    int interruptedHere = 0;
                    try (Pipeline recovery = pipeline(store, "recovery-" + trial, first, refs, roles, events)) {
                        long deadline =
                                System.nanoTime() + Duration.ofMinutes(2).toNanos();
                        while (true) {
                            recovery.runOnce();
                            List<TaskEntry> tasks = store.tasks(cr.id());
                            if (tasks.stream().allMatch(t -> t.status() == TaskStatus.DONE)) {
                                break;
                            }
                            for (TaskEntry t : tasks) {
                                if (t.status() == TaskStatus.INTERRUPTED) {
                                    interruptedHere++;
                                    if (markerRows(target(targets, t.database()), version) > 0) {
                                        recovery.markDone(t.id(), "dana", "marker row present");
                                    } else {
                                        recovery.retry(t.id(), "dana");
                                    }
                                }
                            }
                            if (System.nanoTime() > deadline) {
                                throw new IllegalStateException("trial " + trial + ": request " + cr.id()
                                        + " not DONE after 2 minutes: " + tasks);
                            }
                            Thread.sleep(100);
                        }
                    }
                    interrupted += interruptedHere;
                    if (interruptedHere > 0) {
                        killedMidTask++;
                    }
                    // ---- check target and store ----
                    for (TestDatabase db : targets) {
                        DatabaseRef ref = new DatabaseRef("tenants", db.name());
                        long rows = markerRows(db, version);
                        doubleRuns += Math.max(0, rows - 1);
                        Optional<HistoryEntry> h = store.latestMigration(ref, version);
                        if (rows > 0 && h.isEmpty()) {
                            lostRecords++;
                        }
                        if (rows == 0) {
                            lostRecords++; // the task is DONE but its change is not in the target
                        }
                        if (h.isPresent() && h.get().record().status() != MigrationStatus.DONE) {
                            lostRecords++; // DONE task whose history never reached DONE
                        }
                    }
                    if (events) {
                        // Each task's DONE and each interruption is in the outbox exactly once, and the request's end:
                        // they are written with the state change, so no kill can separate them. Each stage's end once
                        // too, before the request's: a pass records one that a kill kept its node from recording.
                        Map<String, Integer> done = new HashMap<>();
                        Map<String, Integer> stagesFinished = new HashMap<>();
                        int interruptions = 0;
                        int requestDone = 0;
                        int stageAfterRequest = 0;
                        while (true) {
                            List<EventEntry> page = store.events(eventCursor, 5000);
                            if (page.isEmpty()) {
                                break;
                            }
                            eventCursor = page.get(page.size() - 1).sequence();
                            for (EventEntry e : page) {
                                if (!e.event().requestId().equals(cr.id())) {
                                    continue;
                                }
                                if (e.event() instanceof PipelineEvent.TaskFinished f
                                        && f.status() == TaskStatus.DONE) {
                                    done.merge(f.taskId(), 1, Integer::sum);
                                } else if (e.event() instanceof PipelineEvent.TaskInterrupted) {
                                    interruptions++;
                                } else if (e.event() instanceof PipelineEvent.RequestDone) {
                                    requestDone++;
                                } else if (e.event() instanceof PipelineEvent.StageFinished f) {
                                    stagesFinished.merge(f.environmentId(), 1, Integer::sum);
                                    stageAfterRequest += requestDone;
                                }
                            }
                        }
                        long lostHere = Math.abs(interruptions - interruptedHere) + Math.abs(requestDone - 1);
                        java.util.Set<String> stages = new java.util.HashSet<>();
                        for (TaskEntry t : store.tasks(cr.id())) {
                            lostHere += Math.abs(done.getOrDefault(t.id(), 0) - 1);
                            stages.add(t.environmentId());
                        }
                        for (String stage : stages) {
                            lostHere += Math.abs(stagesFinished.getOrDefault(stage, 0) - 1);
                        }
                        lostHere += stageAfterRequest;
                        eventsLost += lostHere;
                    }
                    System.out.printf(
                            Locale.ROOT,
                            "trial %3d: killed after %4d ms, %d task(s) interrupted%n",
                            trial,
                            killAfter,
                            interruptedHere);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "%d trials in %.0f s; runner logs in %s%n", trials, seconds, logs);
                System.out.printf(
                        Locale.ROOT,
                        "RESULT crash trials=%d double_runs=%d lost_records=%d interrupted_visible=%d"
                                + " killed_mid_task=%d%s%n",
                        trials,
                        doubleRuns,
                        lostRecords,
                        interrupted,
                        killedMidTask,
                        events ? " events_lost_or_doubled=" + eventsLost : "");
                return doubleRuns == 0 && lostRecords == 0 && eventsLost == 0 ? 0 : 1;
            }
        } finally {
            targets.forEach(TestDatabase::close);
        }
    }

    private static TestDatabase target(List<TestDatabase> targets, DatabaseRef ref) {
        return targets.stream()
                .filter(d -> d.name().equals(ref.name()))
                .findFirst()
                .orElseThrow();
    }

    private static long markerRows(TestDatabase db, String version) throws Exception {
        try (Connection c = db.openConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM marker WHERE trial = ?")) {
            s.setString(1, version);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Process startRunner(
            TestDatabase storeDb, TestDatabase target, List<DatabaseRef> refs, String nodeId, Path logs, boolean events)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(
                List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath, Runner.class.getName(), nodeId));
        refs.forEach(r -> command.add(r.name()));
        ProcessBuilder pb = new ProcessBuilder(command);
        // Credentials by environment, not on the command line where every process listing shows them.
        Map<String, String> env = pb.environment();
        env.put("CRASH_STORE_URL", storeDb.jdbcUrl());
        env.put("CRASH_STORE_USER", storeDb.user());
        env.put("CRASH_STORE_PASSWORD", storeDb.password());
        env.put("CRASH_TARGET_URL", target.jdbcUrl());
        env.put("CRASH_TARGET_USER", target.user());
        env.put("CRASH_TARGET_PASSWORD", target.password());
        env.put("CRASH_EVENTS", events ? "on" : "off");
        pb.redirectError(logs.resolve(nodeId + ".log").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return pb.start();
    }

    static Pipeline pipeline(
            MetadataStore store,
            String nodeId,
            TestDatabase anyTarget,
            List<DatabaseRef> refs,
            InMemoryRoleResolver roles,
            boolean events) {
        return pipeline(
                store, nodeId, anyTarget.jdbcUrl(), anyTarget.user(), anyTarget.password(), refs, roles, events);
    }

    static Pipeline pipeline(
            MetadataStore store,
            String nodeId,
            String url,
            String user,
            String password,
            List<DatabaseRef> refs,
            InMemoryRoleResolver roles,
            boolean events) {
        Pipeline.Builder builder = Pipeline.configure()
                .project(Project.of(PROJECT, "Shop"))
                .environments("test")
                .instance(new Instance("tenants", "test", "mysql", ConnectionSettings.of(url, user, password)))
                .store(store)
                .nodeId(nodeId)
                .roleResolver(roles)
                .maxConcurrentTasks(4)
                .leaseDuration(LEASE)
                .pollInterval(Duration.ofMillis(50))
                .recordEvents(events);
        refs.forEach(ref -> builder.database(new Database(ref, PROJECT, "test")));
        return builder.build();
    }

    static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(6);
        return new HikariDataSource(config);
    }

    /** The runner process: one node that rolls out whatever is approved, until it is killed (or a minute passes). */
    static final class Runner {
        public static void main(String[] args) throws Exception {
            String nodeId = args[0];
            List<DatabaseRef> refs = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                refs.add(new DatabaseRef("tenants", args[i]));
            }
            HikariDataSource pool = pool(
                    System.getenv("CRASH_STORE_URL"),
                    System.getenv("CRASH_STORE_USER"),
                    System.getenv("CRASH_STORE_PASSWORD"));
            MetadataStore store = JdbcMetadataStore.configure().dataSource(pool).build();
            Pipeline p = pipeline(
                    store,
                    nodeId,
                    System.getenv("CRASH_TARGET_URL"),
                    System.getenv("CRASH_TARGET_USER"),
                    System.getenv("CRASH_TARGET_PASSWORD"),
                    refs,
                    new InMemoryRoleResolver(),
                    "on".equals(System.getenv("CRASH_EVENTS")));
            p.start();
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(60_000);
            p.close();
            pool.close();
        }
    }
}
