package io.dbchange.core.store;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.TaskRun;
import io.dbchange.api.change.TaskRunStatus;
import io.dbchange.api.change.TaskStatus;
import io.dbchange.api.history.MigrationRecord;
import io.dbchange.api.history.MigrationStatus;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.project.DatabaseRef;
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
import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link MetadataStore} in the heap of one process: state is lost when the process ends, and nodes of other
 * processes cannot share it. Every method holds one monitor for its whole duration, which makes each method atomic
 * exactly as the contract asks; the methods are short, so contention stays low even with a thousand tasks.
 *
 * <pre>{@code
 * MetadataStore store = new InMemoryMetadataStore();
 * Pipeline pipeline = Pipeline.configure().store(store)...build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class InMemoryMetadataStore implements MetadataStore {

    private final Object monitor = new Object();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, RequestEntry> requests = new LinkedHashMap<>();
    private final Map<String, List<String>> tasksByRequest = new HashMap<>();
    private final Map<String, TaskEntry> tasks = new HashMap<>();
    private final Set<String> runningTaskIds = new HashSet<>();
    /** Store-wide count of task writes: the stamps of {@link #taskVersionsSince}. */
    private long taskWrites;
    /** Per request, the writes of its tasks since its set of tasks last changed. */
    private final Map<String, WriteLog> writeLogs = new HashMap<>();

    private final Map<String, List<TaskRun>> runs = new HashMap<>();
    private final Set<String> runIds = new HashSet<>();
    private final Map<String, List<CheckResult>> checks = new HashMap<>();
    private final Map<DatabaseRef, Lease> locks = new HashMap<>();
    private final Map<String, HistoryEntry> history = new HashMap<>();
    private final Map<DatabaseRef, List<String>> historyByDatabase = new HashMap<>();
    private final Map<String, List<AuditEntry>> audit = new HashMap<>();
    private final Map<String, ApprovalEntry> approvals = new HashMap<>();

    @Override
    public String newId() {
        return Long.toString(ids.incrementAndGet());
    }

    @Override
    public RequestEntry createRequest(RequestEntry request, List<TaskEntry> newTasks, List<PipelineEvent> events) {
        Checks.notNull("request", request);
        Checks.copy("tasks", newTasks);
        List<PipelineEvent> outbox = Checks.copy("events", events);
        synchronized (monitor) {
            if (requests.containsKey(request.id())) {
                throw duplicate("change request '" + request.id() + "'");
            }
            checkNewTasks(request.id(), newTasks);
            RequestEntry stored = withVersion(request, 0);
            requests.put(request.id(), stored);
            putTasks(request.id(), newTasks);
            appendEvents(outbox);
            return stored;
        }
    }

    private void checkNewTasks(String requestId, List<TaskEntry> newTasks) {
        Set<String> seen = new HashSet<>();
        for (TaskEntry t : newTasks) {
            if (!t.requestId().equals(requestId)) {
                throw new IllegalArgumentException(
                        "task '" + t.id() + "' belongs to request '" + t.requestId() + "', not '" + requestId + "'");
            }
            if (tasks.containsKey(t.id()) || !seen.add(t.id())) {
                throw duplicate("task '" + t.id() + "'");
            }
        }
    }

    private void putTasks(String requestId, List<TaskEntry> newTasks) {
        List<String> order = new ArrayList<>();
        newTasks.stream().sorted(Comparator.comparingInt(TaskEntry::sequence)).forEach(t -> {
            TaskEntry stored = t.withVersion(0);
            tasks.put(t.id(), stored);
            trackRunning(stored);
            order.add(t.id());
        });
        tasksByRequest.put(requestId, order);
        writeLogs.put(requestId, new WriteLog(++taskWrites));
    }

    private void trackRunning(TaskEntry entry) {
        if (entry.status() == TaskStatus.RUNNING) {
            runningTaskIds.add(entry.id());
        } else {
            runningTaskIds.remove(entry.id());
        }
    }

    @Override
    public Optional<RequestEntry> request(String requestId) {
        synchronized (monitor) {
            return Optional.ofNullable(requests.get(requestId));
        }
    }

    @Override
    public List<RequestEntry> requests(Set<ChangeRequestStatus> statuses) {
        synchronized (monitor) {
            return requests.values().stream()
                    .filter(r -> statuses.contains(r.request().status()))
                    .toList();
        }
    }

    @Override
    public Map<String, Long> requestVersions(Set<ChangeRequestStatus> statuses) {
        synchronized (monitor) {
            Map<String, Long> versions = new LinkedHashMap<>();
            for (RequestEntry r : requests.values()) {
                if (statuses.contains(r.request().status())) {
                    versions.put(r.id(), r.version());
                }
            }
            return Collections.unmodifiableMap(versions);
        }
    }

    @Override
    public Optional<RequestEntry> compareAndSetRequest(
            RequestEntry current, RequestEntry next, List<PipelineEvent> events) {
        requireSameId(current.id(), next.id());
        List<PipelineEvent> outbox = Checks.copy("events", events);
        synchronized (monitor) {
            RequestEntry stored = requests.get(current.id());
            if (stored == null || stored.version() != current.version()) {
                return Optional.empty();
            }
            RequestEntry written = withVersion(next, current.version() + 1);
            requests.put(current.id(), written);
            appendEvents(outbox);
            return Optional.of(written);
        }
    }

    @Override
    public Optional<RequestEntry> reviseRequest(
            RequestEntry current, RequestEntry next, List<TaskEntry> newTasks, List<PipelineEvent> events) {
        requireSameId(current.id(), next.id());
        Checks.copy("tasks", newTasks);
        List<PipelineEvent> outbox = Checks.copy("events", events);
        synchronized (monitor) {
            RequestEntry stored = requests.get(current.id());
            if (stored == null || stored.version() != current.version()) {
                return Optional.empty();
            }
            List<String> old = tasksByRequest.getOrDefault(current.id(), List.of());
            List<TaskEntry> oldEntries =
                    old.stream().map(tasks::get).filter(Objects::nonNull).toList();
            if (oldEntries.stream().anyMatch(TaskEntry::hasStarted)) {
                return Optional.empty();
            }
            old.forEach(id -> {
                tasks.remove(id);
                runningTaskIds.remove(id);
            });
            try {
                checkNewTasks(current.id(), newTasks);
            } catch (RuntimeException e) {
                // Put the old tasks back, at their versions: the method is all or nothing.
                for (TaskEntry t : oldEntries) {
                    tasks.put(t.id(), t);
                    trackRunning(t);
                }
                throw e;
            }
            RequestEntry written = withVersion(next, current.version() + 1);
            requests.put(current.id(), written);
            putTasks(current.id(), newTasks);
            appendEvents(outbox);
            return Optional.of(written);
        }
    }

    @Override
    public List<TaskEntry> tasks(String requestId) {
        synchronized (monitor) {
            return tasksByRequest.getOrDefault(requestId, List.of()).stream()
                    .map(tasks::get)
                    .toList();
        }
    }

    @Override
    public Optional<TaskEntry> task(String taskId) {
        synchronized (monitor) {
            return Optional.ofNullable(tasks.get(taskId));
        }
    }

    @Override
    public Map<String, Long> taskVersions(String requestId) {
        synchronized (monitor) {
            // two arrays rather than a map of boxed versions: the pipeline asks this after every task's end, and the
            // store's one monitor is held meanwhile
            List<String> ids = tasksByRequest.getOrDefault(requestId, List.of());
            String[] keys = ids.toArray(new String[0]);
            long[] versions = new long[keys.length];
            for (int i = 0; i < keys.length; i++) {
                versions[i] = tasks.get(keys[i]).version();
            }
            return new VersionMap(keys, versions);
        }
    }

    @Override
    public Optional<TaskVersions> taskVersionsSince(String requestId, long stamp) {
        synchronized (monitor) {
            if (stamp == ALL_TASKS) {
                return Optional.of(new TaskVersions(taskWrites, taskVersions(requestId)));
            }
            WriteLog log = writeLogs.get(requestId);
            if (log == null || stamp < log.since || stamp > taskWrites) {
                return Optional.empty();
            }
            Map<String, Long> versions = new LinkedHashMap<>();
            for (int i = log.firstAfter(stamp); i < log.n; i++) {
                TaskEntry t = tasks.get(log.ids[i]);
                if (t != null) {
                    versions.put(t.id(), t.version());
                }
            }
            return Optional.of(new TaskVersions(taskWrites, Collections.unmodifiableMap(versions)));
        }
    }

    private void logWrite(TaskEntry written) {
        WriteLog log = writeLogs.get(written.requestId());
        int planned =
                tasksByRequest.getOrDefault(written.requestId(), List.of()).size();
        if (log == null || log.n >= 8L * planned + 1024) {
            // A new log: readers holding an older stamp read every version once (heartbeats of long tasks would
            // otherwise grow it without bound).
            writeLogs.put(written.requestId(), new WriteLog(++taskWrites));
            return;
        }
        log.add(++taskWrites, written.id());
    }

    /** The writes of one request's tasks, in order: the store-wide stamp of each and the task it wrote. */
    private static final class WriteLog {
        /** The stamp at which the request's set of tasks was last (re)created: older stamps are not answered. */
        final long since;

        long[] stamps = new long[16];
        String[] ids = new String[16];
        int n;

        WriteLog(long since) {
            this.since = since;
        }

        void add(long stamp, String id) {
            if (n == stamps.length) {
                stamps = java.util.Arrays.copyOf(stamps, n * 2);
                ids = java.util.Arrays.copyOf(ids, n * 2);
            }
            stamps[n] = stamp;
            ids[n++] = id;
        }

        /** The index of the first write after {@code stamp} ({@code n} when none). */
        int firstAfter(long stamp) {
            int at = java.util.Arrays.binarySearch(stamps, 0, n, stamp + 1);
            return at >= 0 ? at : -at - 1;
        }
    }

    @Override
    public List<TaskEntry> tasksById(Collection<String> taskIds) {
        Checks.notNull("taskIds", taskIds);
        synchronized (monitor) {
            return taskIds.stream()
                    .distinct()
                    .map(tasks::get)
                    .filter(Objects::nonNull)
                    .sorted(Comparator.comparing(TaskEntry::requestId).thenComparingInt(TaskEntry::sequence))
                    .toList();
        }
    }

    @Override
    public Optional<TaskEntry> compareAndSetTask(TaskEntry current, TaskEntry next, List<PipelineEvent> events) {
        requireSameId(current.id(), next.id());
        List<PipelineEvent> outbox = Checks.copy("events", events);
        synchronized (monitor) {
            TaskEntry stored = tasks.get(current.id());
            if (stored == null || stored.version() != current.version()) {
                return Optional.empty();
            }
            TaskEntry written = next.withVersion(current.version() + 1);
            tasks.put(current.id(), written);
            trackRunning(written);
            logWrite(written);
            appendEvents(outbox);
            return Optional.of(written);
        }
    }

    @Override
    public List<TaskEntry> expiredTasks(Instant now) {
        synchronized (monitor) {
            return runningTaskIds.stream()
                    .map(tasks::get)
                    .filter(t -> t.lease().map(l -> l.expiredAt(now)).orElse(false))
                    .sorted(Comparator.comparing(TaskEntry::requestId).thenComparingInt(TaskEntry::sequence))
                    .toList();
        }
    }

    @Override
    public void insertRun(TaskRun run) {
        Checks.notNull("run", run);
        synchronized (monitor) {
            List<TaskRun> list = runs.computeIfAbsent(run.taskId(), k -> new ArrayList<>());
            if (runIds.contains(run.id()) || list.stream().anyMatch(r -> r.attempt() == run.attempt())) {
                throw duplicate(
                        "task run '" + run.id() + "' (task '" + run.taskId() + "', attempt " + run.attempt() + ")");
            }
            runIds.add(run.id());
            list.add(run);
            list.sort(Comparator.comparingInt(TaskRun::attempt));
        }
    }

    @Override
    public boolean updateRun(TaskRun next) {
        Checks.notNull("next", next);
        synchronized (monitor) {
            List<TaskRun> list = runs.getOrDefault(next.taskId(), List.of());
            for (int i = 0; i < list.size(); i++) {
                TaskRun stored = list.get(i);
                if (stored.id().equals(next.id())) {
                    if (stored.status() != TaskRunStatus.RUNNING) {
                        return false;
                    }
                    list.set(i, next);
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    public List<TaskRun> runs(String taskId) {
        synchronized (monitor) {
            return List.copyOf(runs.getOrDefault(taskId, List.of()));
        }
    }

    @Override
    public void saveCheckResults(String taskId, List<CheckResult> results, List<PipelineEvent> events) {
        List<CheckResult> copy = Checks.copy("results", results);
        List<PipelineEvent> outbox = Checks.copy("events", events);
        synchronized (monitor) {
            checks.put(taskId, copy);
            appendEvents(outbox);
        }
    }

    @Override
    public List<CheckResult> checkResults(String taskId) {
        synchronized (monitor) {
            return checks.getOrDefault(taskId, List.of());
        }
    }

    @Override
    public boolean tryLock(DatabaseRef database, Lease lease, Instant now) {
        Checks.notNull("database", database);
        Checks.notNull("lease", lease);
        synchronized (monitor) {
            Lease held = locks.get(database);
            if (held == null || held.expiredAt(now) || held.owner().equals(lease.owner())) {
                locks.put(database, lease);
                return true;
            }
            return false;
        }
    }

    @Override
    public void unlock(DatabaseRef database, String owner) {
        synchronized (monitor) {
            Lease held = locks.get(database);
            if (held != null && held.owner().equals(owner)) {
                locks.remove(database);
            }
        }
    }

    @Override
    public Optional<Lease> lock(DatabaseRef database) {
        synchronized (monitor) {
            return Optional.ofNullable(locks.get(database));
        }
    }

    @Override
    public Set<DatabaseRef> lockedDatabases(Collection<DatabaseRef> databases, Instant now) {
        synchronized (monitor) {
            Set<DatabaseRef> locked = new HashSet<>();
            for (DatabaseRef d : databases) {
                Lease held = locks.get(d);
                if (held != null && !held.expiredAt(now)) {
                    locked.add(d);
                }
            }
            return Set.copyOf(locked);
        }
    }

    @Override
    public HistoryEntry beginMigration(MigrationRecord pending, boolean retry) {
        Checks.notNull("pending", pending);
        if (pending.status() != MigrationStatus.PENDING) {
            throw new IllegalArgumentException("'pending' must have status PENDING but was " + pending.status());
        }
        synchronized (monitor) {
            Optional<HistoryEntry> latest = latestMigration(pending.database(), pending.version());
            if (latest.isPresent()) {
                MigrationRecord before = latest.get().record();
                switch (before.status()) {
                    case DONE:
                        throw new DbChangeException(
                                PipelineErrorCode.MIGRATION_ALREADY_APPLIED,
                                "version " + pending.version() + " is already DONE on " + pending.database()
                                        + " (history record " + latest.get().id() + ", applied at "
                                        + before.startedAt() + "); it is not applied again: use a new version");
                    case FAILED:
                        if (!retry) {
                            throw new DbChangeException(
                                    PipelineErrorCode.MIGRATION_FAILED_BEFORE,
                                    "version " + pending.version() + " FAILED on " + pending.database()
                                            + " before (history record "
                                            + latest.get().id()
                                            + "); check what took effect, then retry the task explicitly");
                        }
                        break;
                    case PENDING:
                        if (!retry) {
                            throw new DbChangeException(
                                    PipelineErrorCode.MIGRATION_PENDING,
                                    "version " + pending.version() + " has a PENDING record on " + pending.database()
                                            + " (history record " + latest.get().id()
                                            + "): it is running elsewhere or a runner died; retry, skip or mark the"
                                            + " task done after checking the database");
                        }
                        break;
                    default:
                        throw new IllegalStateException("unknown status " + before.status());
                }
            }
            HistoryEntry entry = new HistoryEntry(newId(), pending);
            history.put(entry.id(), entry);
            historyByDatabase
                    .computeIfAbsent(pending.database(), k -> new ArrayList<>())
                    .add(entry.id());
            return entry;
        }
    }

    @Override
    public boolean finishMigration(String id, MigrationRecord finished) {
        Checks.notNull("finished", finished);
        if (finished.status() == MigrationStatus.PENDING) {
            throw new IllegalArgumentException("'finished' must be DONE or FAILED but was PENDING");
        }
        synchronized (monitor) {
            HistoryEntry stored = history.get(id);
            if (stored == null || stored.record().status() != MigrationStatus.PENDING) {
                return false;
            }
            if (!stored.record().database().equals(finished.database())
                    || !stored.record().version().equals(finished.version())) {
                throw new IllegalArgumentException("history record " + id + " is version "
                        + stored.record().version() + " on " + stored.record().database() + ", not "
                        + finished.version() + " on " + finished.database());
            }
            history.put(id, new HistoryEntry(id, finished));
            return true;
        }
    }

    @Override
    public List<HistoryEntry> history(DatabaseRef database) {
        synchronized (monitor) {
            return historyByDatabase.getOrDefault(database, List.of()).stream()
                    .map(history::get)
                    .sorted(Comparator.comparing((HistoryEntry h) -> h.record().startedAt())
                            .thenComparingLong(h -> Long.parseLong(h.id())))
                    .toList();
        }
    }

    @Override
    public Optional<HistoryEntry> latestMigration(DatabaseRef database, String version) {
        synchronized (monitor) {
            List<String> ids = historyByDatabase.getOrDefault(database, List.of());
            for (int i = ids.size() - 1; i >= 0; i--) {
                HistoryEntry entry = history.get(ids.get(i));
                if (entry.record().version().equals(version)) {
                    return Optional.of(entry);
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public Optional<HistoryEntry> migration(String id) {
        synchronized (monitor) {
            return Optional.ofNullable(history.get(id));
        }
    }

    @Override
    public Optional<ApprovalEntry> approval(String requestId) {
        Checks.notBlank("requestId", requestId);
        synchronized (monitor) {
            return Optional.ofNullable(approvals.get(requestId));
        }
    }

    @Override
    public Optional<ApprovalEntry> compareAndSetApproval(String requestId, long expectedVersion, String json) {
        Checks.notBlank("requestId", requestId);
        Checks.notNegative("expectedVersion", expectedVersion);
        Checks.notBlank("json", json);
        synchronized (monitor) {
            ApprovalEntry stored = approvals.get(requestId);
            long storedVersion = stored == null ? ApprovalEntry.ABSENT : stored.version();
            if (storedVersion != expectedVersion) {
                return Optional.empty();
            }
            ApprovalEntry written = new ApprovalEntry(requestId, json, expectedVersion + 1);
            approvals.put(requestId, written);
            return Optional.of(written);
        }
    }

    @Override
    public void audit(AuditEntry entry) {
        Checks.notNull("entry", entry);
        synchronized (monitor) {
            audit.computeIfAbsent(entry.objectId(), k -> new ArrayList<>()).add(entry);
        }
    }

    @Override
    public List<AuditEntry> auditLog(String objectId) {
        synchronized (monitor) {
            return List.copyOf(audit.getOrDefault(objectId, List.of()));
        }
    }

    private static RequestEntry withVersion(RequestEntry entry, long version) {
        return entry.withVersion(version);
    }

    private static void requireSameId(String current, String next) {
        if (!current.equals(next)) {
            throw new IllegalArgumentException(
                    "'next' must have the id of 'current' (" + current + ") but had " + next);
        }
    }

    private static DbChangeException duplicate(String what) {
        return new DbChangeException(StoreErrorCode.DUPLICATE, what + " exists already in the metadata store");
    }

    // ---- event outbox --------------------------------------------------------------------------------------

    // Its own monitor: appending an event never waits for a scheduler pass over requests. Sequences are given
    // under it, so they become visible in their order (what the SPI asks of every store).
    private final Object eventMonitor = new Object();
    private final TreeMap<Long, EventEntry> events = new TreeMap<>();
    private final Set<String> eventIds = new HashSet<>();
    private final Map<String, Long> eventCursors = new HashMap<>();
    private final Map<String, Lease> eventLeases = new HashMap<>();
    private long lastEventSequence;

    /**
     * Appends the events of a state change; called under {@code monitor} after the change, so a reader of the state
     * (which takes {@code monitor}) sees both or neither. Nothing here can fail: ids come from {@link #newId()} (skipping any an
     * {@link #appendEvent} caller took) and the events were checked before the change. Lock order is always {@code monitor}, then {@code eventMonitor}.
     */
    private void appendEvents(List<PipelineEvent> outbox) {
        if (outbox.isEmpty()) {
            return;
        }
        synchronized (eventMonitor) {
            for (PipelineEvent event : outbox) {
                String id = newId();
                while (!eventIds.add(id)) { // a caller of appendEvent chose an id of this form
                    id = newId();
                }
                EventEntry entry = new EventEntry(++lastEventSequence, id, event);
                events.put(entry.sequence(), entry);
            }
        }
    }

    @Override
    public EventEntry appendEvent(String eventId, PipelineEvent event) {
        Checks.notBlank("eventId", eventId);
        Checks.notNull("event", event);
        synchronized (eventMonitor) {
            if (!eventIds.add(eventId)) {
                throw duplicate("event '" + eventId + "'");
            }
            EventEntry entry = new EventEntry(++lastEventSequence, eventId, event);
            events.put(entry.sequence(), entry);
            return entry;
        }
    }

    @Override
    public List<EventEntry> events(long afterSequence, int limit) {
        Checks.notNegative("afterSequence", afterSequence);
        Checks.positive("limit", limit);
        synchronized (eventMonitor) {
            return events.tailMap(afterSequence, false).values().stream()
                    .limit(limit)
                    .toList();
        }
    }

    @Override
    public long eventCursor(String consumer) {
        Checks.notBlank("consumer", consumer);
        synchronized (eventMonitor) {
            return eventCursors.getOrDefault(consumer, 0L);
        }
    }

    @Override
    public boolean compareAndSetEventCursor(String consumer, long expected, long next) {
        Checks.notBlank("consumer", consumer);
        Checks.notNegative("expected", expected);
        Checks.notNegative("next", next);
        synchronized (eventMonitor) {
            if (eventCursors.getOrDefault(consumer, 0L) != expected) {
                return false;
            }
            eventCursors.put(consumer, next);
            return true;
        }
    }

    @Override
    public boolean tryLeaseEventConsumer(String consumer, Lease lease, Instant now) {
        Checks.notBlank("consumer", consumer);
        Checks.notNull("lease", lease);
        Checks.notNull("now", now);
        synchronized (eventMonitor) {
            Lease held = eventLeases.get(consumer);
            if (held == null || held.expiredAt(now) || held.owner().equals(lease.owner())) {
                eventLeases.put(consumer, lease);
                return true;
            }
            return false;
        }
    }

    @Override
    public void releaseEventConsumer(String consumer, String owner) {
        synchronized (eventMonitor) {
            Lease held = eventLeases.get(consumer);
            if (held != null && held.owner().equals(owner)) {
                eventLeases.remove(consumer);
            }
        }
    }

    @Override
    public int purgeEvents(Instant before) {
        Checks.notNull("before", before);
        synchronized (eventMonitor) {
            int removed = 0;
            for (var it = events.values().iterator(); it.hasNext(); ) {
                EventEntry e = it.next();
                if (e.event().at().isBefore(before)) {
                    it.remove();
                    eventIds.remove(e.id());
                    removed++;
                }
            }
            return removed;
        }
    }

    /** An unmodifiable map of task ids to versions in plan order, over two arrays. */
    private static final class VersionMap extends AbstractMap<String, Long> {
        private final String[] ids;
        private final long[] versions;
        private Map<String, Integer> index;

        VersionMap(String[] ids, long[] versions) {
            this.ids = ids;
            this.versions = versions;
        }

        @Override
        public int size() {
            return ids.length;
        }

        @Override
        public Long get(Object key) {
            Integer at = index().get(key);
            return at == null ? null : versions[at];
        }

        @Override
        public boolean containsKey(Object key) {
            return index().containsKey(key);
        }

        private synchronized Map<String, Integer> index() {
            if (index == null) {
                Map<String, Integer> byId = new HashMap<>(ids.length * 2);
                for (int i = 0; i < ids.length; i++) {
                    byId.put(ids[i], i);
                }
                index = byId;
            }
            return index;
        }

        @Override
        public Set<Map.Entry<String, Long>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return ids.length;
                }

                @Override
                public Iterator<Map.Entry<String, Long>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < ids.length;
                        }

                        @Override
                        public Map.Entry<String, Long> next() {
                            if (next >= ids.length) {
                                throw new NoSuchElementException();
                            }
                            int at = next++;
                            return Map.entry(ids[at], versions[at]);
                        }
                    };
                }
            };
        }
    }
}
