package io.dbchange.core.store;

import com.fasterxml.jackson.core.type.TypeReference;
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
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.store.ApprovalEntry;
import io.dbchange.api.store.AuditEntry;
import io.dbchange.api.store.EventEntry;
import io.dbchange.api.store.HistoryEntry;
import io.dbchange.api.store.Lease;
import io.dbchange.api.store.MetadataStore;
import io.dbchange.api.store.RequestEntry;
import io.dbchange.api.store.StoreErrorCode;
import io.dbchange.api.store.TaskEntry;
import io.dbchange.core.store.internal.StoreCalls;
import io.dbchange.core.store.internal.StoreDialect;
import io.dbchange.core.store.internal.StoreJson;
import io.dbchange.core.store.internal.StoreMigrations;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A {@link MetadataStore} in the host's own PostgreSQL or MySQL/MariaDB database, shared by every node of the host
 * service that is given the same database and table prefix.
 *
 * <pre>{@code
 * MetadataStore store = JdbcMetadataStore.configure().dataSource(hostDataSource).tablePrefix("dbchange_").build();
 * }</pre>
 *
 * <p>{@link Builder#build()} creates the store's tables, or upgrades them, with the store's own numbered migrations
 * (recorded in {@code <prefix>schema_version}; several nodes starting at once apply each migration once, see
 * {@code StoreMigrations}).
 *
 * <p><b>Transactions.</b> Every method is one short transaction or one statement; nothing is held between calls.
 * Compare-and-set is {@code UPDATE ... WHERE id = ? AND version = ?} judged by its row count; a database lock is a
 * row taken by a conditional {@code UPDATE} (free, expired or already ours) or, when there is no row, an
 * {@code INSERT} that a concurrent insert makes fail on the primary key. Starting a migration locks one row per
 * database and version (an upsert that holds the row until commit), so two nodes cannot both start it. Methods that write several rows (a request with its tasks,
 * a revision, the two history phases) are transactions that retry themselves on a deadlock or serialization failure.
 *
 * <p><b>Values.</b> Entries are stored as JSON (Jackson) next to the columns the store queries (status, lease expiry,
 * version); schema snapshots gzip-compressed in their own columns. Instants are kept to the nanosecond.
 *
 * <p>The store never reads the database clock: expiry is judged against the {@code now} the caller passes, as the
 * SPI requires. It does not own the {@link DataSource} and never closes it. Ids from {@link #newId()} are random
 * UUIDs with a millisecond time prefix (version 7), unique across nodes without a round trip.
 *
 * <p>Thread-safe.
 */
public final class JdbcMetadataStore implements MetadataStore {

    /** The table prefix when none is configured. */
    public static final String DEFAULT_TABLE_PREFIX = "dbchange_";

    /** The schema version this library creates and reads. */
    public static final int SCHEMA_VERSION = StoreMigrations.LATEST;

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,29}");
    private static final int IN_LIST_CHUNK = 500;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TypeReference<List<CheckResult>> CHECK_LIST = new TypeReference<>() {};

    private final DataSource dataSource;
    private final StoreDialect dialect;
    private final String prefix;
    private final StoreCalls calls;
    private final StoreMigrations.Result upgrade;

    private final String requestTable;
    private final String taskTable;
    private final String runTable;
    private final String checkTable;
    private final String lockTable;
    private final String historyTable;
    private final String headTable;
    private final String auditTable;
    private final String approvalTable;
    private final String eventTable;
    private final String eventHeadTable;
    private final String eventCursorTable;

    private JdbcMetadataStore(
            DataSource dataSource, StoreDialect dialect, String prefix, StoreMigrations.Result upgrade) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.prefix = prefix;
        this.calls = StoreCalls.of(dataSource, dialect, "metadata store '" + prefix + "*'");
        this.upgrade = upgrade;
        this.requestTable = prefix + "request";
        this.taskTable = prefix + "task";
        this.runTable = prefix + "task_run";
        this.checkTable = prefix + "check_result";
        this.lockTable = prefix + "db_lock";
        this.historyTable = prefix + "history";
        this.headTable = prefix + "migration_head";
        this.auditTable = prefix + "audit";
        this.approvalTable = prefix + "approval";
        this.eventTable = prefix + "event";
        this.eventHeadTable = prefix + "event_head";
        this.eventCursorTable = prefix + "event_cursor";
    }

    /** A builder; {@link Builder#dataSource} is required. */
    public static Builder configure() {
        return new Builder();
    }

    /** The table prefix of this store. */
    public String tablePrefix() {
        return prefix;
    }

    /** The store's database: {@code postgresql} or {@code mysql} (also for MariaDB). */
    public String dialect() {
        return dialect.name();
    }

    /**
     * The {@link io.dbchange.api.drift.AnomalyStore} in this store's database and prefix (table
     * {@code <prefix>anomaly}), for a {@code DriftDetector} whose anomalies every node sharing this store sees.
     */
    public JdbcAnomalyStore anomalyStore() {
        return new JdbcAnomalyStore(dataSource, dialect, prefix);
    }

    /**
     * The {@link io.dbchange.api.drift.SnapshotStore} in this store's database and prefix (table
     * {@code <prefix>snapshot}): the recorded schema of databases that have no history yet.
     */
    public JdbcSnapshotStore snapshotStore() {
        return new JdbcSnapshotStore(dataSource, dialect, prefix);
    }

    /** The schema version the tables had when this store was built (0: none) and the version they have now. */
    public SchemaUpgrade schemaUpgrade() {
        return new SchemaUpgrade(upgrade.fromVersion(), upgrade.toVersion());
    }

    /**
     * What {@link Builder#build()} found and did to the store's tables.
     *
     * @param fromVersion the schema version before (0: the tables did not exist)
     * @param toVersion the schema version after
     */
    public record SchemaUpgrade(int fromVersion, int toVersion) {
        /** Whether this build applied any migration (another node may have applied them already). */
        public boolean applied() {
            return toVersion > fromVersion;
        }
    }

    /** Settings of a {@link JdbcMetadataStore}; {@link #build()} copies them, so later changes do not leak in. */
    public static final class Builder {
        private DataSource dataSource;
        private String tablePrefix = DEFAULT_TABLE_PREFIX;
        private Duration migrationLockTimeout = Duration.ofMinutes(1);

        private Builder() {}

        /**
         * The host's database, PostgreSQL (the tables go into the connection's current schema) or MySQL/MariaDB (the
         * database the URL selects). Required. Its user needs to create tables and indexes on the first start. The
         * store borrows a connection per call and returns it at once; use a pool.
         */
        public Builder dataSource(DataSource value) {
            this.dataSource = Checks.notNull("dataSource", value);
            return this;
        }

        /**
         * The prefix of every table name, so that the store's tables sit beside the host's and two stores can share a
         * schema: a lower-case letter, then up to 29 lower-case letters, digits or underscores (default
         * {@code dbchange_}, {@link JdbcMetadataStore#DEFAULT_TABLE_PREFIX}).
         */
        public Builder tablePrefix(String value) {
            Checks.notNull("tablePrefix", value);
            if (!PREFIX.matcher(value).matches()) {
                throw new IllegalArgumentException("'tablePrefix' must be a lower-case letter followed by up to 29"
                        + " lower-case letters, digits or '_' (it becomes part of unquoted table names), but was '"
                        + value + "'");
            }
            this.tablePrefix = value;
            return this;
        }

        /** How long {@link #build()} waits for another node that is upgrading the tables (default 1 minute). */
        public Builder migrationLockTimeout(Duration value) {
            Checks.notNull("migrationLockTimeout", value);
            if (value.isNegative()) {
                throw new IllegalArgumentException("'migrationLockTimeout' must not be negative but was " + value);
            }
            this.migrationLockTimeout = value;
            return this;
        }

        /**
         * Creates or upgrades the store's tables and returns the store.
         *
         * @throws DbChangeException {@code UNKNOWN_ENGINE} if the DataSource is neither PostgreSQL nor MySQL/MariaDB;
         *     {@code STORE_SCHEMA_TOO_NEW} if a newer dbchange upgraded the tables; {@code STORE_UNAVAILABLE} if the
         *     database cannot be reached or the tables cannot be created
         */
        public JdbcMetadataStore build() {
            if (dataSource == null) {
                throw new IllegalArgumentException("'dataSource' must be set: the database that holds the store");
            }
            StoreDialect dialect;
            try (Connection c = dataSource.getConnection()) {
                dialect = StoreDialect.of(c);
            } catch (SQLException e) {
                throw new DbChangeException(
                        StoreErrorCode.STORE_UNAVAILABLE,
                        "metadata store '" + tablePrefix + "*': cannot connect to its database [" + e.getSQLState()
                                + "] " + e.getMessage() + "; check the DataSource's URL and user",
                        e);
            }
            StoreMigrations.Result result = StoreMigrations.migrate(
                    dataSource, dialect, tablePrefix, StoreMigrations.LATEST, migrationLockTimeout);
            return new JdbcMetadataStore(dataSource, dialect, tablePrefix, result);
        }
    }

    // ---- ids -----------------------------------------------------------------------------------------------

    @Override
    public String newId() {
        // UUID version 7: 48 bits of Unix milliseconds, then 74 random bits. Time-ordered, so rows written close in
        // time sit close in indexes; random enough that nodes never collide without asking the database.
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0fffL);
        long low = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    // ---- requests and tasks --------------------------------------------------------------------------------

    @Override
    public RequestEntry createRequest(RequestEntry request, List<TaskEntry> tasks, List<PipelineEvent> events) {
        Checks.notNull("request", request);
        List<TaskEntry> copy = Checks.copy("tasks", tasks);
        List<OutboxRow> outbox = outboxRows(events);
        requireTasksOf(request.id(), copy);
        RequestEntry stored = request.withVersion(0);
        transaction("createRequest " + request.id(), c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO " + requestTable + " (id, status, version, body) VALUES (?, ?, 0, ?)")) {
                s.setString(1, request.id());
                s.setString(2, request.request().status().name());
                s.setString(3, StoreJson.write(stored));
                s.executeUpdate();
            } catch (SQLException e) {
                if (dialect.isDuplicateKey(e)) {
                    throw duplicate("change request '" + request.id() + "'", e);
                }
                throw e;
            }
            insertTasks(c, copy);
            appendEvents(c, outbox);
            return null;
        });
        return stored;
    }

    private void requireTasksOf(String requestId, List<TaskEntry> tasks) {
        Set<String> seen = new HashSet<>();
        for (TaskEntry t : tasks) {
            if (!t.requestId().equals(requestId)) {
                throw new IllegalArgumentException(
                        "task '" + t.id() + "' belongs to request '" + t.requestId() + "', not '" + requestId + "'");
            }
            if (!seen.add(t.id())) {
                throw duplicate("task '" + t.id() + "'", null);
            }
        }
    }

    private void insertTasks(Connection c, List<TaskEntry> tasks) throws SQLException {
        if (tasks.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + taskTable
                + " (id, request_id, plan_seq, status, lease_owner, lease_until, version, body)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0, ?)")) {
            for (TaskEntry t : tasks) {
                TaskEntry stored = t.withVersion(0);
                s.setString(1, t.id());
                s.setString(2, t.requestId());
                s.setInt(3, t.sequence());
                setTaskColumns(s, 4, stored);
                s.setString(7, StoreJson.write(stored));
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            if (dialect.isDuplicateKey(e)) {
                throw duplicate("a task of request '" + tasks.get(0).requestId() + "'", e);
            }
            throw e;
        }
    }

    /** Sets status, lease_owner, lease_until from parameter {@code first}. */
    private static void setTaskColumns(PreparedStatement s, int first, TaskEntry t) throws SQLException {
        s.setString(first, t.status().name());
        if (t.lease().isPresent()) {
            s.setString(first + 1, t.lease().get().owner());
            s.setLong(first + 2, nanos(t.lease().get().until()));
        } else {
            s.setNull(first + 1, Types.VARCHAR);
            s.setNull(first + 2, Types.BIGINT);
        }
    }

    @Override
    public Optional<RequestEntry> request(String requestId) {
        return call("request " + requestId, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT version, body FROM " + requestTable + " WHERE id = ?")) {
                s.setString(1, requestId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(readRequest(r)) : Optional.<RequestEntry>empty();
                }
            }
        });
    }

    /** From the id, version and status columns alone: no request body is read or decoded. */
    @Override
    public Map<String, Long> requestVersions(Set<ChangeRequestStatus> statuses) {
        Checks.notNull("statuses", statuses);
        if (statuses.isEmpty()) {
            return Map.of();
        }
        String in = statuses.stream().map(x -> "?").collect(Collectors.joining(", "));
        return call("requestVersions " + statuses, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, version FROM " + requestTable + " WHERE status IN (" + in + ") ORDER BY seq")) {
                int i = 1;
                for (ChangeRequestStatus status : statuses) {
                    s.setString(i++, status.name());
                }
                return readVersions(s);
            }
        });
    }

    @Override
    public List<RequestEntry> requests(Set<ChangeRequestStatus> statuses) {
        Checks.notNull("statuses", statuses);
        if (statuses.isEmpty()) {
            return List.of();
        }
        String in = statuses.stream().map(x -> "?").collect(Collectors.joining(", "));
        return call("requests " + statuses, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT version, body FROM " + requestTable + " WHERE status IN (" + in + ") ORDER BY seq")) {
                int i = 1;
                for (ChangeRequestStatus status : statuses) {
                    s.setString(i++, status.name());
                }
                List<RequestEntry> list = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        list.add(readRequest(r));
                    }
                }
                return List.copyOf(list);
            }
        });
    }

    private static RequestEntry readRequest(ResultSet r) throws SQLException {
        return StoreJson.read(r.getString(2), RequestEntry.class).withVersion(r.getLong(1));
    }

    @Override
    public Optional<RequestEntry> compareAndSetRequest(
            RequestEntry current, RequestEntry next, List<PipelineEvent> events) {
        requireSameId(current.id(), next.id());
        List<OutboxRow> outbox = outboxRows(events);
        return withEvents("compareAndSetRequest " + current.id(), outbox, c -> casRequest(c, current, next));
    }

    private Optional<RequestEntry> casRequest(Connection c, RequestEntry current, RequestEntry next)
            throws SQLException {
        RequestEntry written = next.withVersion(current.version() + 1);
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE " + requestTable + " SET status = ?, version = ?, body = ? WHERE id = ? AND version = ?")) {
            s.setString(1, written.request().status().name());
            s.setLong(2, written.version());
            s.setString(3, StoreJson.write(written));
            s.setString(4, current.id());
            s.setLong(5, current.version());
            return s.executeUpdate() == 1 ? Optional.of(written) : Optional.empty();
        }
    }

    @Override
    public Optional<RequestEntry> reviseRequest(
            RequestEntry current, RequestEntry next, List<TaskEntry> tasks, List<PipelineEvent> events) {
        requireSameId(current.id(), next.id());
        List<TaskEntry> copy = Checks.copy("tasks", tasks);
        List<OutboxRow> outbox = outboxRows(events);
        requireTasksOf(current.id(), copy);
        return transaction("reviseRequest " + current.id(), c -> {
            Optional<RequestEntry> written = casRequest(c, current, next);
            if (written.isEmpty()) {
                return written;
            }
            // FOR UPDATE: a claim committed before this read is seen; one after it waits for this transaction and
            // then finds its task gone, so a revision never replaces a task that is running.
            try (PreparedStatement s =
                    c.prepareStatement("SELECT version, body FROM " + taskTable + " WHERE request_id = ? FOR UPDATE")) {
                s.setString(1, current.id());
                if (readTasks(s).stream().anyMatch(TaskEntry::hasStarted)) {
                    c.rollback();
                    return Optional.empty();
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + taskTable + " WHERE request_id = ?")) {
                s.setString(1, current.id());
                s.executeUpdate();
            }
            insertTasks(c, copy);
            appendEvents(c, outbox);
            return written;
        });
    }

    @Override
    public List<TaskEntry> tasks(String requestId) {
        return call("tasks of " + requestId, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT version, body FROM " + taskTable + " WHERE request_id = ? ORDER BY plan_seq")) {
                s.setString(1, requestId);
                return readTasks(s);
            }
        });
    }

    /** The JSON bodies of a query's first column, read as {@code type}, in the query's order. */
    private static <T> List<T> readBodies(PreparedStatement s, Class<T> type) throws SQLException {
        List<T> list = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                list.add(StoreJson.read(r.getString(1), type));
            }
        }
        return List.copyOf(list);
    }

    /** The rows {@code (id, version)} of a query, by id in the query's order. */
    private static Map<String, Long> readVersions(PreparedStatement s) throws SQLException {
        Map<String, Long> versions = new LinkedHashMap<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                versions.put(r.getString(1), r.getLong(2));
            }
        }
        return Collections.unmodifiableMap(versions);
    }

    private static List<TaskEntry> readTasks(PreparedStatement s) throws SQLException {
        List<TaskEntry> list = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                list.add(readTask(r));
            }
        }
        return List.copyOf(list);
    }

    private static TaskEntry readTask(ResultSet r) throws SQLException {
        return StoreJson.read(r.getString(2), TaskEntry.class).withVersion(r.getLong(1));
    }

    @Override
    public Optional<TaskEntry> task(String taskId) {
        return call("task " + taskId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT version, body FROM " + taskTable + " WHERE id = ?")) {
                s.setString(1, taskId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(readTask(r)) : Optional.<TaskEntry>empty();
                }
            }
        });
    }

    /** From the version column alone: no task body is read or decoded. */
    @Override
    public Map<String, Long> taskVersions(String requestId) {
        return call("taskVersions of " + requestId, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, version FROM " + taskTable + " WHERE request_id = ? ORDER BY plan_seq")) {
                s.setString(1, requestId);
                return readVersions(s);
            }
        });
    }

    @Override
    public List<TaskEntry> tasksById(Collection<String> taskIds) {
        Checks.notNull("taskIds", taskIds);
        List<String> all = List.copyOf(new LinkedHashSet<>(taskIds));
        if (all.isEmpty()) {
            return List.of();
        }
        return call("tasksById", c -> {
            List<TaskEntry> found = new ArrayList<>();
            for (int from = 0; from < all.size(); from += IN_LIST_CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_LIST_CHUNK));
                String in = chunk.stream().map(x -> "?").collect(Collectors.joining(", "));
                try (PreparedStatement s =
                        c.prepareStatement("SELECT version, body FROM " + taskTable + " WHERE id IN (" + in + ")")) {
                    int i = 1;
                    for (String id : chunk) {
                        s.setString(i++, id);
                    }
                    found.addAll(readTasks(s));
                }
            }
            found.sort(Comparator.comparing(TaskEntry::requestId).thenComparingInt(TaskEntry::sequence));
            return List.copyOf(found);
        });
    }

    @Override
    public Optional<TaskEntry> compareAndSetTask(TaskEntry current, TaskEntry next, List<PipelineEvent> events) {
        requireSameId(current.id(), next.id());
        TaskEntry written = next.withVersion(current.version() + 1);
        List<OutboxRow> outbox = outboxRows(events);
        return withEvents("compareAndSetTask " + current.id(), outbox, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + taskTable
                    + " SET status = ?, lease_owner = ?, lease_until = ?, version = ?, body = ?"
                    + " WHERE id = ? AND version = ?")) {
                setTaskColumns(s, 1, written);
                s.setLong(4, written.version());
                s.setString(5, StoreJson.write(written));
                s.setString(6, current.id());
                s.setLong(7, current.version());
                return s.executeUpdate() == 1 ? Optional.of(written) : Optional.<TaskEntry>empty();
            }
        });
    }

    @Override
    public List<TaskEntry> expiredTasks(Instant now) {
        Checks.notNull("now", now);
        return call("expiredTasks", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT version, body FROM " + taskTable
                    + " WHERE status = ? AND lease_until < ? ORDER BY request_id, plan_seq")) {
                s.setString(1, TaskStatus.RUNNING.name());
                s.setLong(2, nanos(now));
                return readTasks(s);
            }
        });
    }

    // ---- task runs -----------------------------------------------------------------------------------------

    @Override
    public void insertRun(TaskRun run) {
        Checks.notNull("run", run);
        call("insertRun " + run.id(), c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO " + runTable + " (id, task_id, attempt, status, body) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, run.id());
                s.setString(2, run.taskId());
                s.setInt(3, run.attempt());
                s.setString(4, run.status().name());
                s.setString(5, StoreJson.write(run));
                s.executeUpdate();
            } catch (SQLException e) {
                if (dialect.isDuplicateKey(e)) {
                    throw duplicate(
                            "task run '" + run.id() + "' (task '" + run.taskId() + "', attempt " + run.attempt() + ")",
                            e);
                }
                throw e;
            }
            return null;
        });
    }

    @Override
    public boolean updateRun(TaskRun next) {
        Checks.notNull("next", next);
        return call("updateRun " + next.id(), c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE " + runTable + " SET status = ?, body = ? WHERE id = ? AND task_id = ? AND status = ?")) {
                s.setString(1, next.status().name());
                s.setString(2, StoreJson.write(next));
                s.setString(3, next.id());
                s.setString(4, next.taskId());
                s.setString(5, TaskRunStatus.RUNNING.name());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<TaskRun> runs(String taskId) {
        return call("runs of " + taskId, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT body FROM " + runTable + " WHERE task_id = ? ORDER BY attempt")) {
                s.setString(1, taskId);
                return readBodies(s, TaskRun.class);
            }
        });
    }

    // ---- checks --------------------------------------------------------------------------------------------

    @Override
    public void saveCheckResults(String taskId, List<CheckResult> results, List<PipelineEvent> events) {
        Checks.notNull("taskId", taskId);
        List<CheckResult> copy = Checks.copy("results", results);
        List<OutboxRow> outbox = outboxRows(events);
        withEvents("saveCheckResults " + taskId, outbox, c -> {
            try (PreparedStatement s = c.prepareStatement(dialect.upsertCheckResults(checkTable))) {
                s.setString(1, taskId);
                s.setString(2, StoreJson.write(copy));
                s.executeUpdate();
            }
            return Optional.of(taskId);
        });
    }

    @Override
    public List<CheckResult> checkResults(String taskId) {
        return call("checkResults " + taskId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT body FROM " + checkTable + " WHERE task_id = ?")) {
                s.setString(1, taskId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? List.copyOf(StoreJson.read(r.getString(1), CHECK_LIST)) : List.of();
                }
            }
        });
    }

    // ---- database locks ------------------------------------------------------------------------------------

    @Override
    public boolean tryLock(DatabaseRef database, Lease lease, Instant now) {
        Checks.notNull("database", database);
        Checks.notNull("lease", lease);
        Checks.notNull("now", now);
        return call("tryLock " + database, c -> {
            // Take it if free (expired) or ours. version changes on every update, so the row count is 1 even when
            // the holder renews with the same expiry under a driver that counts changed rather than matched rows.
            try (PreparedStatement s = c.prepareStatement("UPDATE " + lockTable
                    + " SET owner = ?, lease_until = ?, version = version + 1"
                    + " WHERE instance_id = ? AND db_name = ? AND (lease_until < ? OR owner = ?)")) {
                s.setString(1, lease.owner());
                s.setLong(2, nanos(lease.until()));
                s.setString(3, database.instanceId());
                s.setString(4, database.name());
                s.setLong(5, nanos(now));
                s.setString(6, lease.owner());
                if (s.executeUpdate() == 1) {
                    return true;
                }
            }
            // No row, or a live holder. The insert fails on the primary key in the second case, and also when
            // another node inserted first: exactly one insert wins.
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + lockTable
                    + " (instance_id, db_name, owner, lease_until, version) VALUES (?, ?, ?, ?, 0)")) {
                s.setString(1, database.instanceId());
                s.setString(2, database.name());
                s.setString(3, lease.owner());
                s.setLong(4, nanos(lease.until()));
                s.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (dialect.isDuplicateKey(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public void unlock(DatabaseRef database, String owner) {
        Checks.notNull("database", database);
        Checks.notNull("owner", owner);
        call("unlock " + database, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM " + lockTable + " WHERE instance_id = ? AND db_name = ? AND owner = ?")) {
                s.setString(1, database.instanceId());
                s.setString(2, database.name());
                s.setString(3, owner);
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Lease> lock(DatabaseRef database) {
        Checks.notNull("database", database);
        return call("lock " + database, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT owner, lease_until FROM " + lockTable + " WHERE instance_id = ? AND db_name = ?")) {
                s.setString(1, database.instanceId());
                s.setString(2, database.name());
                try (ResultSet r = s.executeQuery()) {
                    return r.next()
                            ? Optional.of(new Lease(r.getString(1), instant(r.getLong(2))))
                            : Optional.<Lease>empty();
                }
            }
        });
    }

    @Override
    public Set<DatabaseRef> lockedDatabases(Collection<DatabaseRef> databases, Instant now) {
        Checks.notNull("databases", databases);
        Checks.notNull("now", now);
        List<DatabaseRef> all = List.copyOf(new HashSet<>(databases));
        if (all.isEmpty()) {
            return Set.of();
        }
        return call("lockedDatabases", c -> {
            Set<DatabaseRef> locked = new HashSet<>();
            for (int from = 0; from < all.size(); from += IN_LIST_CHUNK) {
                List<DatabaseRef> chunk = all.subList(from, Math.min(all.size(), from + IN_LIST_CHUNK));
                String in = chunk.stream().map(x -> "(?, ?)").collect(Collectors.joining(", "));
                try (PreparedStatement s = c.prepareStatement("SELECT instance_id, db_name FROM " + lockTable
                        + " WHERE lease_until >= ? AND (instance_id, db_name) IN (" + in + ")")) {
                    s.setLong(1, nanos(now));
                    int i = 2;
                    for (DatabaseRef d : chunk) {
                        s.setString(i++, d.instanceId());
                        s.setString(i++, d.name());
                    }
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            locked.add(new DatabaseRef(r.getString(1), r.getString(2)));
                        }
                    }
                }
            }
            return Set.copyOf(locked);
        });
    }

    // ---- history -------------------------------------------------------------------------------------------

    @Override
    public HistoryEntry beginMigration(MigrationRecord pending, boolean retry) {
        Checks.notNull("pending", pending);
        if (pending.status() != MigrationStatus.PENDING) {
            throw new IllegalArgumentException("'pending' must have status PENDING but was " + pending.status());
        }
        DatabaseRef db = pending.database();
        HistoryEntry entry = new HistoryEntry(newId(), pending);
        return transaction("beginMigration " + db + " version " + pending.version(), c -> {
            try (PreparedStatement s = c.prepareStatement(dialect.lockHeadRow(headTable))) {
                // Held until commit: a second node starting this version waits here, then sees our record.
                s.setString(1, db.instanceId());
                s.setString(2, db.name());
                s.setString(3, pending.version());
                s.executeUpdate();
            }
            Optional<HistoryEntry> latest = latestMigration(c, db, pending.version());
            if (latest.isPresent()) {
                refuseUnlessAllowed(pending, latest.get(), retry);
            }
            insertHistory(c, entry);
            return entry;
        });
    }

    private static void refuseUnlessAllowed(MigrationRecord pending, HistoryEntry latest, boolean retry) {
        MigrationRecord before = latest.record();
        switch (before.status()) {
            case DONE:
                throw new DbChangeException(
                        PipelineErrorCode.MIGRATION_ALREADY_APPLIED,
                        "version " + pending.version() + " is already DONE on " + pending.database()
                                + " (history record "
                                + latest.id() + ", applied at " + before.startedAt()
                                + "); it is not applied again: use a new version");
            case FAILED:
                if (!retry) {
                    throw new DbChangeException(
                            PipelineErrorCode.MIGRATION_FAILED_BEFORE,
                            "version " + pending.version() + " FAILED on " + pending.database()
                                    + " before (history record " + latest.id()
                                    + "); check what took effect, then retry the task explicitly");
                }
                return;
            case PENDING:
                if (!retry) {
                    throw new DbChangeException(
                            PipelineErrorCode.MIGRATION_PENDING,
                            "version " + pending.version() + " has a PENDING record on " + pending.database()
                                    + " (history record " + latest.id()
                                    + "): it is running elsewhere or a runner died; retry, skip or mark the task done"
                                    + " after checking the database");
                }
                return;
            default:
                throw new IllegalStateException("unknown status " + before.status());
        }
    }

    private void insertHistory(Connection c, HistoryEntry entry) throws SQLException {
        MigrationRecord record = entry.record();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + historyTable
                + " (id, instance_id, db_name, version, status, started_at, body, schema_before, schema_after)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, entry.id());
            s.setString(2, record.database().instanceId());
            s.setString(3, record.database().name());
            s.setString(4, record.version());
            s.setString(5, record.status().name());
            s.setLong(6, nanos(record.startedAt()));
            s.setString(7, StoreJson.write(withoutSnapshots(record)));
            setSnapshot(s, 8, record.schemaBefore());
            setSnapshot(s, 9, record.schemaAfter());
            s.executeUpdate();
        }
    }

    private static void setSnapshot(PreparedStatement s, int index, Optional<SchemaSnapshot> snapshot)
            throws SQLException {
        if (snapshot.isPresent()) {
            s.setBytes(index, StoreJson.compressSnapshot(snapshot.get()));
        } else {
            s.setNull(index, Types.BINARY);
        }
    }

    @Override
    public boolean finishMigration(String id, MigrationRecord finished) {
        Checks.notNull("id", id);
        Checks.notNull("finished", finished);
        if (finished.status() == MigrationStatus.PENDING) {
            throw new IllegalArgumentException("'finished' must be DONE or FAILED but was PENDING");
        }
        return transaction("finishMigration " + id, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT instance_id, db_name, version, status FROM " + historyTable + " WHERE id = ? FOR UPDATE")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next() || !MigrationStatus.PENDING.name().equals(r.getString(4))) {
                        return false;
                    }
                    DatabaseRef db = new DatabaseRef(r.getString(1), r.getString(2));
                    if (!db.equals(finished.database()) || !r.getString(3).equals(finished.version())) {
                        throw new IllegalArgumentException("history record " + id + " is version " + r.getString(3)
                                + " on " + db + ", not " + finished.version() + " on " + finished.database());
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE " + historyTable
                    + " SET status = ?, started_at = ?, body = ?, schema_before = ?, schema_after = ? WHERE id = ?")) {
                s.setString(1, finished.status().name());
                s.setLong(2, nanos(finished.startedAt()));
                s.setString(3, StoreJson.write(withoutSnapshots(finished)));
                setSnapshot(s, 4, finished.schemaBefore());
                setSnapshot(s, 5, finished.schemaAfter());
                s.setString(6, id);
                s.executeUpdate();
            }
            return true;
        });
    }

    private static final String HISTORY_COLUMNS = "id, body, schema_before, schema_after";

    @Override
    public List<HistoryEntry> history(DatabaseRef database) {
        Checks.notNull("database", database);
        return call("history of " + database, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + HISTORY_COLUMNS + " FROM " + historyTable
                    + " WHERE instance_id = ? AND db_name = ? ORDER BY started_at, seq")) {
                s.setString(1, database.instanceId());
                s.setString(2, database.name());
                List<HistoryEntry> list = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        list.add(readHistory(r));
                    }
                }
                return List.copyOf(list);
            }
        });
    }

    @Override
    public Optional<HistoryEntry> latestMigration(DatabaseRef database, String version) {
        Checks.notNull("database", database);
        Checks.notNull("version", version);
        return call("latestMigration " + database + " " + version, c -> latestMigration(c, database, version));
    }

    private Optional<HistoryEntry> latestMigration(Connection c, DatabaseRef database, String version)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + HISTORY_COLUMNS + " FROM " + historyTable
                + " WHERE instance_id = ? AND db_name = ? AND version = ? ORDER BY seq DESC")) {
            s.setString(1, database.instanceId());
            s.setString(2, database.name());
            s.setString(3, version);
            s.setMaxRows(1);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(readHistory(r)) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<HistoryEntry> latestHistory(DatabaseRef database) {
        Checks.notNull("database", database);
        return call("latestHistory " + database, c -> newestHistory(c, database, ""));
    }

    @Override
    public Optional<HistoryEntry> latestRecordedSchema(DatabaseRef database) {
        Checks.notNull("database", database);
        return call(
                "latestRecordedSchema " + database,
                c -> newestHistory(c, database, " AND status = 'DONE' AND schema_after IS NOT NULL"));
    }

    /** One row, newest first in the order of {@link #history}: only its snapshots are decompressed. */
    private Optional<HistoryEntry> newestHistory(Connection c, DatabaseRef database, String condition)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + HISTORY_COLUMNS + " FROM " + historyTable
                + " WHERE instance_id = ? AND db_name = ?" + condition + " ORDER BY started_at DESC, seq DESC")) {
            s.setString(1, database.instanceId());
            s.setString(2, database.name());
            s.setMaxRows(1);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(readHistory(r)) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<HistoryEntry> migration(String id) {
        return call("migration " + id, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT " + HISTORY_COLUMNS + " FROM " + historyTable + " WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(readHistory(r)) : Optional.<HistoryEntry>empty();
                }
            }
        });
    }

    private static HistoryEntry readHistory(ResultSet r) throws SQLException {
        MigrationRecord body = StoreJson.read(r.getString(2), MigrationRecord.class);
        byte[] before = r.getBytes(3);
        byte[] after = r.getBytes(4);
        MigrationRecord record = withSnapshots(
                body,
                Optional.ofNullable(before).map(StoreJson::decompressSnapshot),
                Optional.ofNullable(after).map(StoreJson::decompressSnapshot));
        return new HistoryEntry(r.getString(1), record);
    }

    private static MigrationRecord withoutSnapshots(MigrationRecord r) {
        return withSnapshots(r, Optional.empty(), Optional.empty());
    }

    private static MigrationRecord withSnapshots(
            MigrationRecord r, Optional<SchemaSnapshot> before, Optional<SchemaSnapshot> after) {
        return new MigrationRecord(
                r.database(),
                r.version(),
                r.type(),
                r.description(),
                r.statement(),
                r.checksum(),
                before,
                after,
                r.status(),
                r.startedAt(),
                r.endedAt(),
                r.duration(),
                r.affectedRows(),
                r.principal(),
                r.requestId(),
                r.taskId());
    }

    // ---- audit ---------------------------------------------------------------------------------------------

    @Override
    public void audit(AuditEntry entry) {
        Checks.notNull("entry", entry);
        call("audit " + entry.action() + " " + entry.objectId(), c -> {
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO " + auditTable + " (object_id, body) VALUES (?, ?)")) {
                s.setString(1, entry.objectId());
                s.setString(2, StoreJson.write(entry));
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<ApprovalEntry> approval(String requestId) {
        Checks.notBlank("requestId", requestId);
        return call("approval of " + requestId, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT version, body FROM " + approvalTable + " WHERE request_id = ?")) {
                s.setString(1, requestId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next()
                            ? Optional.of(new ApprovalEntry(requestId, r.getString(2), r.getLong(1)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<ApprovalEntry> compareAndSetApproval(String requestId, long expectedVersion, String json) {
        Checks.notBlank("requestId", requestId);
        Checks.notNegative("expectedVersion", expectedVersion);
        Checks.notBlank("json", json);
        ApprovalEntry written = new ApprovalEntry(requestId, json, expectedVersion + 1);
        return call("compareAndSetApproval " + requestId, c -> {
            if (expectedVersion == ApprovalEntry.ABSENT) {
                // The primary key lets exactly one of two racing first writers in; the other sees a duplicate key,
                // which is a lost race, not an error. A single INSERT leaves no aborted transaction behind.
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO " + approvalTable + " (request_id, version, body) VALUES (?, ?, ?)")) {
                    s.setString(1, requestId);
                    s.setLong(2, written.version());
                    s.setString(3, json);
                    s.executeUpdate();
                    return Optional.of(written);
                } catch (SQLException e) {
                    if (dialect.isDuplicateKey(e)) {
                        return Optional.empty();
                    }
                    throw e;
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE " + approvalTable + " SET version = ?, body = ? WHERE request_id = ? AND version = ?")) {
                s.setLong(1, written.version());
                s.setString(2, json);
                s.setString(3, requestId);
                s.setLong(4, expectedVersion);
                return s.executeUpdate() == 1 ? Optional.of(written) : Optional.empty();
            }
        });
    }

    @Override
    public List<AuditEntry> auditLog(String objectId) {
        return call("auditLog " + objectId, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT body FROM " + auditTable + " WHERE object_id = ? ORDER BY seq")) {
                s.setString(1, objectId);
                return readBodies(s, AuditEntry.class);
            }
        });
    }

    // ---- event outbox (store migration 6) ------------------------------------------------------------------

    /**
     * How readers never skip an event: the sequence is not an auto-increment but the one {@code event_head} row,
     * read {@code FOR UPDATE}, incremented and written in the same transaction as the event row. The row lock is held
     * until commit, so the writer of {@code n + 1} cannot even learn its number before {@code n} has committed (or
     * rolled back, which un-takes {@code n}): sequences commit in their order, without gaps from rollbacks, and a
     * reader that sees {@code n + 1} sees {@code n}. The alternatives were an auto-increment with a reader that stops
     * below the oldest open transaction (needs server-specific views of open transactions, and a long host
     * transaction would stall every consumer) or a time watermark (guesses). The price: appends are serialized, one
     * short transaction each (about 900/s on MariaDB, 1,400/s on PostgreSQL under load; see the README).
     */
    @Override
    public EventEntry appendEvent(String eventId, PipelineEvent event) {
        Checks.notBlank("eventId", eventId);
        Checks.notNull("event", event);
        OutboxRow row = OutboxRow.of(eventId, event);
        return transaction(
                "appendEvent " + eventId, c -> appendEvents(c, List.of(row)).get(0));
    }

    /** An event ready for the outbox: its id and JSON made before any transaction starts, to keep that short. */
    private record OutboxRow(String id, PipelineEvent event, String body, String kind) {
        static OutboxRow of(String id, PipelineEvent event) {
            String body = StoreJson.write(event);
            return new OutboxRow(id, event, body, JdbcMetadataStore.kind(body));
        }
    }

    private List<OutboxRow> outboxRows(List<PipelineEvent> events) {
        List<PipelineEvent> copy = Checks.copy("events", events);
        List<OutboxRow> rows = new ArrayList<>(copy.size());
        for (PipelineEvent e : copy) {
            rows.add(OutboxRow.of(newId(), e));
        }
        return rows;
    }

    /**
     * A write that reports its success as a present {@link Optional}, with its events: without events, one statement
     * as before (no transaction, no outbox row); with events, one transaction that appends them after a successful
     * write and commits both, or appends nothing after a lost compare-and-set.
     */
    private <T> Optional<T> withEvents(String operation, List<OutboxRow> outbox, StoreCalls.Work<Optional<T>> write) {
        if (outbox.isEmpty()) {
            return call(operation, write);
        }
        return transaction(operation, c -> {
            Optional<T> written = write.run(c);
            if (written.isPresent()) {
                appendEvents(c, outbox);
            }
            return written;
        });
    }

    /**
     * Appends events in the caller's transaction, as its last step. The {@code event_head} row is locked here, so in
     * a transaction that also wrote a task or a request it is held only from this point to the commit (a few inserts),
     * never while the state change itself runs; every transaction that takes it takes it last, so it cannot be part of
     * a lock cycle. Sequences still commit in their order (see {@link #appendEvent}).
     */
    private List<EventEntry> appendEvents(Connection c, List<OutboxRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        long last;
        try (PreparedStatement s =
                c.prepareStatement("SELECT last_seq FROM " + eventHeadTable + " WHERE id = 1 FOR UPDATE")) {
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("metadata store '" + prefix + "*': the row of " + eventHeadTable
                            + " is missing; it is created by store migration 6");
                }
                last = r.getLong(1);
            }
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE " + eventHeadTable + " SET last_seq = ? WHERE id = 1")) {
            s.setLong(1, last + rows.size());
            s.executeUpdate();
        }
        List<EventEntry> entries = new ArrayList<>(rows.size());
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + eventTable
                + " (seq, id, request_id, kind, at_nanos, body) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (OutboxRow row : rows) {
                long sequence = last + 1 + entries.size();
                s.setLong(1, sequence);
                s.setString(2, row.id());
                s.setString(3, row.event().requestId());
                s.setString(4, row.kind());
                s.setLong(5, nanos(row.event().at()));
                s.setString(6, row.body());
                s.addBatch();
                entries.add(new EventEntry(sequence, row.id(), row.event()));
            }
            s.executeBatch();
        } catch (SQLException e) {
            if (dialect.isDuplicateKey(e)) {
                throw duplicate("event '" + rows.get(0).id() + "'" + (rows.size() > 1 ? " (or a later one)" : ""), e);
            }
            throw e;
        }
        return entries;
    }

    private static String kind(String json) {
        // The JSON type id ("request_created", ...), so the column and the body agree.
        int start = json.indexOf("\"type\":\"") + 8;
        return json.substring(start, json.indexOf('"', start));
    }

    @Override
    public List<EventEntry> events(long afterSequence, int limit) {
        Checks.notNegative("afterSequence", afterSequence);
        Checks.positive("limit", limit);
        return call("events after " + afterSequence, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT seq, id, body FROM " + eventTable + " WHERE seq > ? ORDER BY seq LIMIT ?")) {
                s.setLong(1, afterSequence);
                s.setInt(2, limit);
                List<EventEntry> list = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        list.add(new EventEntry(
                                r.getLong(1), r.getString(2), StoreJson.read(r.getString(3), PipelineEvent.class)));
                    }
                }
                return List.copyOf(list);
            }
        });
    }

    @Override
    public long eventCursor(String consumer) {
        checkConsumer(consumer);
        return call("eventCursor " + consumer, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT last_seq FROM " + eventCursorTable + " WHERE consumer = ?")) {
                s.setString(1, consumer);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public boolean compareAndSetEventCursor(String consumer, long expected, long next) {
        checkConsumer(consumer);
        Checks.notNegative("expected", expected);
        Checks.notNegative("next", next);
        return call("compareAndSetEventCursor " + consumer, c -> {
            ensureCursorRow(c, consumer);
            // version moves on every update, so MySQL counts the row even when next == expected.
            try (PreparedStatement s = c.prepareStatement("UPDATE " + eventCursorTable
                    + " SET last_seq = ?, version = version + 1 WHERE consumer = ? AND last_seq = ?")) {
                s.setLong(1, next);
                s.setString(2, consumer);
                s.setLong(3, expected);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean tryLeaseEventConsumer(String consumer, Lease lease, Instant now) {
        checkConsumer(consumer);
        Checks.notNull("lease", lease);
        Checks.notNull("now", now);
        return call("tryLeaseEventConsumer " + consumer, c -> {
            ensureCursorRow(c, consumer);
            try (PreparedStatement s = c.prepareStatement("UPDATE " + eventCursorTable
                    + " SET lease_owner = ?, lease_until = ?, version = version + 1 WHERE consumer = ?"
                    + " AND (lease_owner IS NULL OR lease_until < ? OR lease_owner = ?)")) {
                s.setString(1, lease.owner());
                s.setLong(2, nanos(lease.until()));
                s.setString(3, consumer);
                s.setLong(4, nanos(now));
                s.setString(5, lease.owner());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void releaseEventConsumer(String consumer, String owner) {
        checkConsumer(consumer);
        Checks.notNull("owner", owner);
        call("releaseEventConsumer " + consumer, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + eventCursorTable
                    + " SET lease_owner = NULL, lease_until = NULL, version = version + 1"
                    + " WHERE consumer = ? AND lease_owner = ?")) {
                s.setString(1, consumer);
                s.setString(2, owner);
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public int purgeEvents(Instant before) {
        Checks.notNull("before", before);
        long limit = nanos(before);
        int removed = 0;
        // In chunks of short statements, never one long delete (the store holds no long transaction). Neither
        // dialect deletes "the first n" portably, so each chunk finds its highest sequence first.
        while (true) {
            long upTo = call("purgeEvents before " + before, c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT seq FROM " + eventTable + " WHERE at_nanos < ? ORDER BY seq LIMIT " + IN_LIST_CHUNK)) {
                    s.setLong(1, limit);
                    long last = 0;
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            last = r.getLong(1);
                        }
                    }
                    return last;
                }
            });
            if (upTo == 0) {
                return removed;
            }
            removed += call("purgeEvents before " + before, c -> {
                try (PreparedStatement s =
                        c.prepareStatement("DELETE FROM " + eventTable + " WHERE seq <= ? AND at_nanos < ?")) {
                    s.setLong(1, upTo);
                    s.setLong(2, limit);
                    return s.executeUpdate();
                }
            });
        }
    }

    /** Creates the consumer's row (cursor 0, no lease) unless it exists; never fails for a concurrent creator. */
    private void ensureCursorRow(Connection c, String consumer) throws SQLException {
        String sql = dialect instanceof StoreDialect.MySql
                ? "INSERT INTO " + eventCursorTable + " (consumer, last_seq, version) VALUES (?, 0, 0)"
                        + " ON DUPLICATE KEY UPDATE consumer = consumer"
                : "INSERT INTO " + eventCursorTable + " (consumer, last_seq, version) VALUES (?, 0, 0)"
                        + " ON CONFLICT (consumer) DO NOTHING";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, consumer);
            s.executeUpdate();
        }
    }

    private static void checkConsumer(String consumer) {
        Checks.notBlank("consumer", consumer);
        if (consumer.length() > 200) {
            throw new IllegalArgumentException(
                    "'consumer' must be at most 200 characters but had " + consumer.length());
        }
    }

    // ---- plumbing ------------------------------------------------------------------------------------------

    /** One statement (or read) in whatever mode the pool hands out; committed if the pool does not autocommit. */
    private <T> T call(String operation, StoreCalls.Work<T> work) {
        return calls.call(operation, work);
    }

    /** One short transaction; re-run from the start after a deadlock or serialization failure. */
    private <T> T transaction(String operation, StoreCalls.Work<T> work) {
        return calls.transaction(operation, false, work);
    }

    private static DbChangeException duplicate(String what, SQLException cause) {
        return new DbChangeException(StoreErrorCode.DUPLICATE, what + " exists already in the metadata store", cause);
    }

    private static void requireSameId(String current, String next) {
        if (!current.equals(next)) {
            throw new IllegalArgumentException(
                    "'next' must have the id of 'current' (" + current + ") but had " + next);
        }
    }

    /** Nanoseconds since the epoch; a long holds 1677 to 2262, far around any lease or migration time. */
    private static long nanos(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "instant " + instant + " is outside the years 1677 to 2262 the metadata store can keep", e);
        }
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
