package io.dbchange.api.store;

import io.dbchange.api.change.ChangeRequestStatus;
import io.dbchange.api.change.TaskRun;
import io.dbchange.api.history.MigrationRecord;
import io.dbchange.api.history.MigrationStatus;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.project.DatabaseRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where dbchange keeps its runtime state, and through which several nodes coordinate: every change of a request or
 * task is a compare-and-set on the entry's {@code version}, running tasks hold a {@link Lease}, and each database has
 * at most one lock holder at a time, with an expiry.
 *
 * <p><b>Contract</b> (proven for every implementation by {@code MetadataStoreContract} in dbchange-core's test jar):
 *
 * <ul>
 *   <li>Compare-and-set methods take the entry as the caller last read it ({@code current}) and the entry it wants
 *       ({@code next}). They succeed only when the stored version still equals {@code current.version()}; the store
 *       then writes {@code next} with version {@code current.version() + 1} and returns it. Otherwise they return
 *       empty and change nothing. They never throw for a lost race.
 *   <li>Each method is atomic on its own; none holds a transaction or a lock across calls, so a caller that dies
 *       between calls leaves consistent rows (a RUNNING task with a lease that expires, a PENDING history record).
 *   <li>Returned lists are immutable snapshots; entries are values.
 *   <li>Implementations are thread-safe. Time is always passed in ({@code now}), never read from the store's clock,
 *       so all nodes judge expiry by the same rule.
 * </ul>
 *
 * <p>Stores do not check lifecycle rules (which status may follow which); the pipeline does that with
 * {@code Task.withState}/{@code ChangeRequest.withStatus} before it calls the store.
 *
 * <p><b>Events written with the state change they report (transactional outbox).</b> The writes that a
 * {@link PipelineEvent} reports take the events as a last parameter ({@code events}): {@link #createRequest(RequestEntry,
 * List, List) createRequest}, {@link #compareAndSetRequest(RequestEntry, RequestEntry, List) compareAndSetRequest},
 * {@link #reviseRequest(RequestEntry, RequestEntry, List, List) reviseRequest}, {@link #compareAndSetTask(TaskEntry,
 * TaskEntry, List) compareAndSetTask} and {@link #saveCheckResults(String, List, List) saveCheckResults}. The store
 * appends them to the outbox (as {@link #appendEvent} would, each with a {@link #newId()}, in list order) in the same
 * atomic step as the write: both are visible or neither is, and a compare-and-set that loses its race appends nothing.
 * So a node that dies right after such a write has recorded its event; no caller ever needs a transaction across
 * calls. The events are appended at the end of that step, after the write, so whatever orders the outbox (the JDBC
 * store's sequence row) is held only briefly, and the {@link #appendEvent} guarantee (readers never skip) holds for
 * them. A {@code null} among them is refused before anything is written. The forms without {@code events} append
 * nothing (one write, as before outboxes existed); a store of one's own implements the forms with {@code events}, and
 * must make them atomic, since that is all they promise over the plain write. Events go in an
 * extra parameter rather than a store-level unit of work because a unit of work would hold a transaction (and its
 * connection) across calls of the caller's choosing, which the store never does; with a parameter, the one method
 * that already owns a short transaction adds the outbox rows at its end.
 */
public interface MetadataStore {

    /** A new unique id for a request, task, or task run ({@link io.dbchange.api.Ids#GENERATED_ID_REGEX}). */
    String newId();

    // ---- change requests and their tasks -------------------------------------------------------------------

    /**
     * Stores a new request and its planned tasks in one atomic step (all or nothing).
     *
     * @param request the request, version 0
     * @param tasks its tasks, each version 0, all with {@code requestId} equal to the request's id
     * @return the request as stored (version 0)
     * @throws io.dbchange.api.DbChangeException {@link StoreErrorCode#DUPLICATE} if the request id or a task id
     *     exists
     */
    default RequestEntry createRequest(RequestEntry request, List<TaskEntry> tasks) {
        return createRequest(request, tasks, List.of());
    }

    /**
     * {@link #createRequest(RequestEntry, List)} that also appends {@code events} to the outbox in the same atomic
     * step (see the class javadoc).
     *
     * @param events the events that report the creation, none for no outbox write
     */
    RequestEntry createRequest(RequestEntry request, List<TaskEntry> tasks, List<PipelineEvent> events);

    /** The request with this id. */
    Optional<RequestEntry> request(String requestId);

    /** Requests whose status is one of {@code statuses}, oldest first. */
    List<RequestEntry> requests(Set<ChangeRequestStatus> statuses);

    /**
     * The version of every request whose status is one of {@code statuses}, by request id, oldest first: lets a
     * scheduler that keeps the entries it read re-read only the requests that changed. Implementations should answer
     * from the store's columns alone; the default reads the requests.
     */
    default Map<String, Long> requestVersions(Set<ChangeRequestStatus> statuses) {
        Map<String, Long> versions = new LinkedHashMap<>();
        for (RequestEntry r : requests(statuses)) {
            versions.put(r.id(), r.version());
        }
        return Collections.unmodifiableMap(versions);
    }

    /** Compare-and-set of a request (see the class contract). */
    default Optional<RequestEntry> compareAndSetRequest(RequestEntry current, RequestEntry next) {
        return compareAndSetRequest(current, next, List.of());
    }

    /**
     * Compare-and-set of a request that, when it succeeds, also appends {@code events} to the outbox in the same atomic
     * step; when it fails, nothing is written (see the class javadoc).
     */
    Optional<RequestEntry> compareAndSetRequest(RequestEntry current, RequestEntry next, List<PipelineEvent> events);

    /**
     * Compare-and-set of a request that also replaces all of its tasks with {@code tasks} (a new revision), in one
     * atomic step. The old tasks are removed; their runs and check results stay readable by task id.
     *
     * <p>Empty, and nothing written, if the request's version moved or if any of its current tasks has started: an
     * attempt was made, or its status is other than {@code NOT_STARTED} or {@code WAITING}. The check and the
     * replacement are one atomic step, so a node claiming a task at the same moment either wins (and the revision is
     * refused) or finds its task gone; a revision never replaces content that is executing or has executed.
     */
    default Optional<RequestEntry> reviseRequest(RequestEntry current, RequestEntry next, List<TaskEntry> tasks) {
        return reviseRequest(current, next, tasks, List.of());
    }

    /**
     * {@link #reviseRequest(RequestEntry, RequestEntry, List)} that, when it succeeds, also appends {@code events} to
     * the outbox in the same atomic step; when it is refused, nothing is written (see the class javadoc).
     */
    Optional<RequestEntry> reviseRequest(
            RequestEntry current, RequestEntry next, List<TaskEntry> tasks, List<PipelineEvent> events);

    /** The tasks of a request, by {@code sequence}. */
    List<TaskEntry> tasks(String requestId);

    /** The task with this id. */
    Optional<TaskEntry> task(String taskId);

    /**
     * The version of every task of a request, by task id: what changed since an earlier {@link #tasks(String)} can be
     * told from this without reading the tasks themselves (a scheduler's pass over many requests reads only the
     * tasks whose version moved, with {@link #tasksById}). The versions are those of one moment. Implementations
     * should answer from the store's columns alone; the default reads the tasks.
     */
    default Map<String, Long> taskVersions(String requestId) {
        Map<String, Long> versions = new LinkedHashMap<>();
        for (TaskEntry t : tasks(requestId)) {
            versions.put(t.id(), t.version());
        }
        return Collections.unmodifiableMap(versions);
    }

    /** The stamp that asks {@link #taskVersionsSince} for the versions of every task of a request. */
    long ALL_TASKS = -1;

    /**
     * The versions of the tasks of a request written after {@code stamp} (a stamp of an earlier answer, or {@link
     * #ALL_TASKS}), with the stamp to ask from next time: a reader that keeps a copy of a plan then learns what moved
     * from the tasks that moved alone, where {@link #taskVersions} lists every task (a thousand-task plan, after every
     * task's end). Every write of a task of the request (compare-and-set, creation, revision) after {@code stamp} is in
     * the answer; a task written twice appears once, at its version as of the answer.
     *
     * <p>Empty when the store keeps no such record (the default: then ask {@link #taskVersions}), and when {@code stamp}
     * is from before the request's set of tasks last changed (a revision) or is not one of this store's: then ask
     * again with {@link #ALL_TASKS}.
     */
    default Optional<TaskVersions> taskVersionsSince(String requestId, long stamp) {
        return Optional.empty();
    }

    /**
     * The tasks with these ids (of any requests), by request id and then {@code sequence}; ids not stored are left
     * out. The default reads them one by one.
     */
    default List<TaskEntry> tasksById(Collection<String> taskIds) {
        List<TaskEntry> found = new ArrayList<>();
        for (String id : new LinkedHashSet<>(taskIds)) {
            task(id).ifPresent(found::add);
        }
        found.sort(Comparator.comparing(TaskEntry::requestId).thenComparingInt(TaskEntry::sequence));
        return List.copyOf(found);
    }

    /** Compare-and-set of a task (see the class contract). */
    default Optional<TaskEntry> compareAndSetTask(TaskEntry current, TaskEntry next) {
        return compareAndSetTask(current, next, List.of());
    }

    /**
     * Compare-and-set of a task that, when it succeeds, also appends {@code events} to the outbox in the same atomic
     * step; when it fails, nothing is written (see the class javadoc).
     */
    Optional<TaskEntry> compareAndSetTask(TaskEntry current, TaskEntry next, List<PipelineEvent> events);

    /** RUNNING tasks (of any request) whose lease expired at {@code now}. */
    List<TaskEntry> expiredTasks(Instant now);

    // ---- task runs -----------------------------------------------------------------------------------------

    /**
     * Stores a new run.
     *
     * @throws io.dbchange.api.DbChangeException {@link StoreErrorCode#DUPLICATE} if its id, or its (task, attempt),
     *     exists
     */
    void insertRun(TaskRun run);

    /**
     * Replaces a run that is still RUNNING with {@code next} (same id): progress (statement results so far) or its
     * end. A run that has ended is never changed again: returns {@code false} then.
     */
    boolean updateRun(TaskRun next);

    /** The runs of a task, by attempt. */
    List<TaskRun> runs(String taskId);

    // ---- checks --------------------------------------------------------------------------------------------

    /** Replaces the latest check results of a task. */
    default void saveCheckResults(String taskId, List<CheckResult> results) {
        saveCheckResults(taskId, results, List.of());
    }

    /**
     * Replaces the latest check results of a task and appends {@code events} to the outbox in the same atomic step
     * (see the class javadoc).
     */
    void saveCheckResults(String taskId, List<CheckResult> results, List<PipelineEvent> events);

    /** The latest check results of a task, empty if none ran. */
    List<CheckResult> checkResults(String taskId);

    // ---- database locks ------------------------------------------------------------------------------------

    /**
     * Takes the lock of {@code database} for {@code lease.owner()} until {@code lease.until()}: succeeds when nobody
     * holds it, when the holder's lease expired at {@code now}, or when {@code lease.owner()} holds it already (then
     * the expiry becomes {@code lease.until()}).
     */
    boolean tryLock(DatabaseRef database, Lease lease, Instant now);

    /** Releases the lock if {@code owner} holds it; otherwise does nothing. */
    void unlock(DatabaseRef database, String owner);

    /** The lock of a database, if any (also an expired one not yet taken over). */
    Optional<Lease> lock(DatabaseRef database);

    /** The databases among {@code databases} locked by someone whose lease has not expired at {@code now}. */
    Set<DatabaseRef> lockedDatabases(Collection<DatabaseRef> databases, Instant now);

    // ---- history -------------------------------------------------------------------------------------------

    /**
     * Writes the PENDING record of a migration about to run, after checking the latest record of the same database
     * and version in the same atomic step: none, or FAILED/PENDING with {@code retry}, lets it through.
     *
     * @param pending the record, status PENDING
     * @param retry whether a person explicitly retried (allows a version whose latest record is FAILED or PENDING)
     * @return the stored entry with its new id
     * @throws io.dbchange.api.DbChangeException {@code MIGRATION_ALREADY_APPLIED} if the latest record is DONE;
     *     {@code MIGRATION_FAILED_BEFORE} / {@code MIGRATION_PENDING} if it is FAILED / PENDING and {@code retry} is
     *     false (codes of {@link io.dbchange.api.pipeline.PipelineErrorCode})
     */
    HistoryEntry beginMigration(MigrationRecord pending, boolean retry);

    /**
     * Replaces the PENDING record {@code id} with its outcome ({@code finished}: DONE or FAILED, same database and
     * version). Returns {@code false} if the record is not PENDING any more (nothing changes).
     */
    boolean finishMigration(String id, MigrationRecord finished);

    /** Every record of a database, oldest first (by start, then id). */
    List<HistoryEntry> history(DatabaseRef database);

    /** The latest record of a version on a database. */
    Optional<HistoryEntry> latestMigration(DatabaseRef database, String version);

    /**
     * The newest history entry of a database (by start, then insertion), whatever its status. A store should read
     * only that entry: drift checks call this on every database at every interval.
     */
    default Optional<HistoryEntry> latestHistory(DatabaseRef database) {
        List<HistoryEntry> history = history(database);
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    /**
     * The newest DONE history entry that recorded a schema after its change: the schema the database should have.
     * A store should read only that entry.
     */
    default Optional<HistoryEntry> latestRecordedSchema(DatabaseRef database) {
        List<HistoryEntry> history = history(database);
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryEntry entry = history.get(i);
            if (entry.record().status() == MigrationStatus.DONE
                    && entry.record().schemaAfter().isPresent()) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** The record with this id. */
    Optional<HistoryEntry> migration(String id);

    // ---- approvals -----------------------------------------------------------------------------------------

    /** The stored approval state of a request, empty if none was stored. */
    Optional<ApprovalEntry> approval(String requestId);

    /**
     * Compare-and-set of a request's approval state: stores {@code json} when the stored version equals
     * {@code expectedVersion} ({@link ApprovalEntry#ABSENT} when the caller found nothing stored), as version
     * {@code expectedVersion + 1}. Otherwise (another writer came first) returns empty and changes nothing; never
     * throws for a lost race. The request need not exist in this store (the state is keyed by id only).
     *
     * @param requestId the request, not blank
     * @param expectedVersion the version the caller read, {@link ApprovalEntry#ABSENT} for none
     * @param json the new state, not blank
     * @return the stored entry
     */
    Optional<ApprovalEntry> compareAndSetApproval(String requestId, long expectedVersion, String json);

    // ---- audit ---------------------------------------------------------------------------------------------

    /** Appends to the audit log. */
    void audit(AuditEntry entry);

    /** The audit entries of an object (request or task id), oldest first. */
    List<AuditEntry> auditLog(String objectId);

    // ---- event outbox (issue 5: events across nodes) ----------------------------------------------------------

    /**
     * Appends an event to the outbox and gives it the next sequence, on its own: for an event that reports no store
     * write of its own (the pipeline's {@link PipelineEvent.StageFinished} when its writer learns of it only after the
     * last task's end was written). An event that reports a write goes with that write (the {@code events} parameter;
     * see the class javadoc).
     *
     * <p><b>Readers never skip.</b> Sequences become visible in their order: once a reader sees sequence {@code n},
     * every event with a lower sequence that will ever exist is visible too. (An outbox that numbers rows with an
     * auto-increment does not have this: a writer that took 7 may commit after one that took 8, and a reader that
     * moved its cursor to 8 never sees 7.) This holds for events appended with a state change too: however long the
     * rest of that atomic step, a sequence is taken at its very end and becomes visible when the step commits.
     *
     * @param eventId a unique id, not blank ({@link #newId()} gives one)
     * @param event the event
     * @return the stored entry with its sequence
     * @throws io.dbchange.api.DbChangeException {@link StoreErrorCode#DUPLICATE} if {@code eventId} exists
     */
    EventEntry appendEvent(String eventId, PipelineEvent event);

    /**
     * Up to {@code limit} events with a sequence above {@code afterSequence}, by sequence.
     *
     * @param afterSequence 0 for the oldest kept
     * @param limit at least 1
     */
    List<EventEntry> events(long afterSequence, int limit);

    /** The sequence up to which {@code consumer} has taken events, 0 if it never advanced. */
    long eventCursor(String consumer);

    /**
     * Moves the cursor of {@code consumer} from {@code expected} (0 when it never advanced) to {@code next}.
     * Returns {@code false}, and changes nothing, if the stored cursor is not {@code expected}; never throws for a
     * lost race.
     */
    boolean compareAndSetEventCursor(String consumer, long expected, long next);

    /**
     * Takes the lease of {@code consumer} (who delivers its events) for {@code lease.owner()} until
     * {@code lease.until()}, with the rules of {@link #tryLock}: free, expired at {@code now}, or held by the same
     * owner (then extended).
     */
    boolean tryLeaseEventConsumer(String consumer, Lease lease, Instant now);

    /** Gives up the lease of {@code consumer} if {@code owner} holds it; otherwise does nothing. */
    void releaseEventConsumer(String consumer, String owner);

    /**
     * Deletes the events that happened ({@link PipelineEvent#at()}) before {@code before}.
     * Cursors are kept; a consumer whose cursor is behind a purged event never sees it.
     *
     * @return how many were deleted
     */
    int purgeEvents(Instant before);
}
