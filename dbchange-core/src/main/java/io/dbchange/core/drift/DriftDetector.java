package io.dbchange.core.drift;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.drift.Anomaly;
import io.dbchange.api.drift.AnomalyStore;
import io.dbchange.api.drift.DriftErrorCode;
import io.dbchange.api.drift.DriftEvent;
import io.dbchange.api.drift.DriftListener;
import io.dbchange.api.drift.Resolution;
import io.dbchange.api.drift.SnapshotStore;
import io.dbchange.api.history.MigrationRecord;
import io.dbchange.api.history.MigrationStatus;
import io.dbchange.api.history.MigrationType;
import io.dbchange.api.pipeline.PipelineErrorCode;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.store.AuditEntry;
import io.dbchange.api.store.HistoryEntry;
import io.dbchange.api.store.MetadataStore;
import io.dbchange.core.drift.internal.Sha256;
import io.dbchange.core.schema.diff.SchemaDiff;
import io.dbchange.core.store.InMemoryAnomalyStore;
import io.dbchange.core.store.InMemorySnapshotStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds schema drift: a database whose live schema differs from the last schema dbchange recorded for it.
 *
 * <pre>{@code
 * DriftDetector drift = DriftDetector.configure()
 *         .metadataStore(store)
 *         .target(DriftTarget.of(new DatabaseRef("prod-mysql", "orders"), engine, pool::getConnection))
 *         .listener(event -> log.info("{}", event))
 *         .build();
 * drift.check(orders).ifPresent(report -> System.out.println(report));    // differences + DDL to restore
 * drift.baseline(orders, "alice", "hotfix applied by hand during incident 42");  // adopt the live schema
 * }</pre>
 *
 * <p><b>The recorded schema</b> of a database is the {@code schemaAfter} of its latest DONE history record that has
 * one (a migration or a BASELINE). Before the database has such a record, it is the snapshot in the
 * {@link SnapshotStore}; the first check of a database with neither stores the live schema there and reports no
 * drift. While the latest history record is PENDING (a change is running, or its runner died), checks and baselines
 * refuse with {@link DriftErrorCode#MIGRATION_IN_PROGRESS}: the live schema is then between two recorded states.
 *
 * <p><b>Comparison</b> is structural ({@link SchemaDiff} of normalized snapshots read with the target's
 * {@code SnapshotOptions}), never textual: AUTO_INCREMENT counters, statistics, object order and implicit defaults do
 * not count. A drift raises an OPEN anomaly, a later check with other differences updates it, and it resolves when
 * a check finds the recorded schema again or a baseline adopts the live one.
 *
 * <p>Immutable and thread-safe when its stores are; checks of different databases may run concurrently. Two nodes
 * checking the same database at once agree through the anomaly store's compare-and-set.
 */
public final class DriftDetector {

    private static final Logger LOG = LoggerFactory.getLogger(DriftDetector.class);

    /** The {@code reference} of a comparison with the snapshot store. */
    public static final String SNAPSHOT_REFERENCE = "snapshot";

    /** Audit action of a baseline. */
    public static final String BASELINE_ACTION = "database.baseline";

    private static final int ATTEMPTS = 5;
    /**
     * Compare-and-set rounds for an anomaly. Every lost round means another checker wrote, so n checkers racing on one
     * database need at most n rounds; this budget covers a few dozen concurrent checks of one database.
     */
    private static final int ANOMALY_ATTEMPTS = 32;

    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    private final MetadataStore metadataStore;
    private final AnomalyStore anomalyStore;
    private final SnapshotStore snapshotStore;
    private final Clock clock;
    private final List<DriftListener> listeners;
    private final Map<DatabaseRef, DriftTarget> targets;

    private DriftDetector(Builder builder) {
        this.metadataStore = builder.metadataStore;
        this.anomalyStore = builder.anomalyStore;
        this.snapshotStore = builder.snapshotStore;
        this.clock = builder.clock;
        this.listeners = List.copyOf(builder.listeners);
        this.targets = Map.copyOf(builder.targets);
    }

    /** A builder; only {@link Builder#metadataStore(MetadataStore)} is required. */
    public static Builder configure() {
        return new Builder();
    }

    /** The databases this detector watches, in no particular order. */
    public List<DriftTarget> targets() {
        return List.copyOf(targets.values());
    }

    /** The target registered for a database. */
    public DriftTarget target(DatabaseRef database) {
        Objects.requireNonNull(database, "'database' must not be null");
        DriftTarget target = targets.get(database);
        if (target == null) {
            throw new DbChangeException(
                    DriftErrorCode.UNKNOWN_DATABASE,
                    "database " + database + " is not watched by this drift detector; register it with"
                            + " DriftDetector.configure().target(...)");
        }
        return target;
    }

    /**
     * Checks a registered database: see {@link #check(DriftTarget)}.
     *
     * @throws DbChangeException {@link DriftErrorCode#UNKNOWN_DATABASE} if it is not registered
     */
    public Optional<DriftReport> check(DatabaseRef database) {
        return check(target(database));
    }

    /**
     * Reads the live schema of the target and compares it with the recorded one. On a drift, raises an OPEN anomaly
     * (or updates the database's open one) and returns the report; without one, resolves the open anomaly if there is
     * one ({@link Resolution#SCHEMA_RESTORED}) and returns empty. The first check of a database with no history and
     * no stored snapshot records the live schema in the snapshot store and returns empty.
     *
     * @throws DbChangeException {@link DriftErrorCode#MIGRATION_IN_PROGRESS} when the latest history record is
     *     PENDING; {@code CONNECTION_FAILED} or {@code SCHEMA_READ_FAILED} when the database cannot be read
     */
    public Optional<DriftReport> check(DriftTarget target) {
        Objects.requireNonNull(target, "'target' must not be null");
        DatabaseRef database = target.database();
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            Optional<Recorded> recorded = recorded(database);
            Instant now = clock.instant();
            SchemaSnapshot live = read(target);
            // A migration that ended between the two reads would make the new schema look like drift.
            if (!Objects.equals(
                    recorded.map(Recorded::marker), recorded(database).map(Recorded::marker))) {
                if (attempt < ATTEMPTS) {
                    continue;
                }
                throw new DbChangeException(
                        DriftErrorCode.MIGRATION_IN_PROGRESS,
                        "the history of " + database + " changed during each of " + ATTEMPTS + " drift checks;"
                                + " check again when its migrations are done");
            }
            if (recorded.isEmpty()) {
                snapshotStore.save(database, live);
                LOG.info("drift database={} recorded its first snapshot (no history yet)", database);
                return Optional.empty();
            }
            Optional<DriftReport> report = compare(target, recorded.get(), live, now);
            LOG.debug(
                    "drift database={} checked in {} ms, drift={}",
                    database,
                    (System.nanoTime() - started) / 1_000_000,
                    report.isPresent());
            return report;
        }
    }

    private Optional<DriftReport> compare(DriftTarget target, Recorded recorded, SchemaSnapshot live, Instant now) {
        DatabaseRef database = target.database();
        // Equal snapshots have no differences, so the usual case of a periodic check needs no structural comparison:
        // record equality over 5,000 tables takes milliseconds, SchemaDiff (which normalizes both sides) seconds.
        boolean equal = recorded.snapshot().dialect() == live.dialect()
                && recorded.snapshot().schemas().equals(live.schemas());
        SchemaDiff diff = equal ? null : SchemaDiff.between(recorded.snapshot(), live, target.options());
        if (equal || diff.isEmpty()) {
            resolveOpen(database, now, Resolution.SCHEMA_RESTORED);
            return Optional.empty();
        }
        String restore = target.engine().migrationDdl(diff.after(), diff.before());
        String report = diff.report();
        String fingerprint = Sha256.hex(recorded.reference() + "\n" + report + "\n" + restore);
        Anomaly anomaly = recordDrift(database, now, recorded.reference(), fingerprint, diff, report, restore);
        return Optional.of(new DriftReport(database, now, recorded.reference(), diff, restore, anomaly));
    }

    private Anomaly recordDrift(
            DatabaseRef database,
            Instant now,
            String reference,
            String fingerprint,
            SchemaDiff diff,
            String report,
            String restore) {
        int count = diff.changes().size();
        for (int attempt = 0; attempt < ANOMALY_ATTEMPTS; attempt++) {
            backOff(attempt);
            Optional<Anomaly> open = anomalyStore.openAnomaly(database);
            if (open.isEmpty()) {
                Anomaly fresh = Anomaly.open(
                        metadataStore.newId(), database, now, reference, fingerprint, count, report, restore);
                Optional<Anomaly> inserted = anomalyStore.insertOpen(fresh);
                if (inserted.isPresent()) {
                    LOG.warn(
                            "drift database={} anomaly={} raised: {} difference(s) from {}",
                            database,
                            fresh.id(),
                            count,
                            reference);
                    publish(new DriftEvent.AnomalyRaised(inserted.get()));
                    return inserted.get();
                }
                continue; // another node raised it first: update that one
            }
            Anomaly current = open.get();
            if (current.fingerprint().equals(fingerprint)
                    && current.reference().equals(reference)
                    && !current.lastSeenAt().isBefore(now)) {
                // A concurrent check already recorded this very observation at the same time or later: writing it
                // again would change nothing but would contend with every other checker.
                return current;
            }
            Optional<Anomaly> written = anomalyStore.compareAndSet(
                    current, current.seenAgain(now, reference, fingerprint, count, report, restore));
            if (written.isPresent()) {
                if (!current.fingerprint().equals(fingerprint)) {
                    LOG.warn(
                            "drift database={} anomaly={} changed: now {} difference(s) from {}",
                            database,
                            current.id(),
                            count,
                            reference);
                    publish(new DriftEvent.AnomalyUpdated(written.get()));
                }
                return written.get();
            }
        }
        throw new DbChangeException(
                DriftErrorCode.CONCURRENT_CHECK,
                "the anomaly of " + database + " was changed by another writer during each of " + ANOMALY_ATTEMPTS
                        + " attempts; check again");
    }

    /** After a lost compare-and-set round, waits a little, randomly, so that racing checkers spread out. */
    private static void backOff(int attempt) {
        if (attempt == 0) {
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L + Math.min(attempt, 10) * 2L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DbChangeException(
                    DriftErrorCode.CONCURRENT_CHECK, "interrupted while retrying a drift check's anomaly write");
        }
    }

    private Optional<Anomaly> resolveOpen(DatabaseRef database, Instant now, Resolution how) {
        for (int attempt = 0; attempt < ANOMALY_ATTEMPTS; attempt++) {
            backOff(attempt);
            Optional<Anomaly> open = anomalyStore.openAnomaly(database);
            if (open.isEmpty()) {
                return Optional.empty();
            }
            Instant at = now.isBefore(open.get().lastSeenAt()) ? open.get().lastSeenAt() : now;
            Optional<Anomaly> written =
                    anomalyStore.compareAndSet(open.get(), open.get().resolve(at, how));
            if (written.isPresent()) {
                LOG.info(
                        "drift database={} anomaly={} resolved by {}",
                        database,
                        open.get().id(),
                        how);
                publish(new DriftEvent.AnomalyResolved(written.get()));
                return written;
            }
        }
        throw new DbChangeException(
                DriftErrorCode.CONCURRENT_CHECK,
                "the anomaly of " + database + " was changed by another writer during each of " + ANOMALY_ATTEMPTS
                        + " attempts to resolve it; try again");
    }

    /**
     * Baselines a registered database: see {@link #baseline(DriftTarget, String, String)}.
     *
     * @throws DbChangeException {@link DriftErrorCode#UNKNOWN_DATABASE} if it is not registered
     */
    public HistoryEntry baseline(DatabaseRef database, String principal, String reason) {
        return baseline(target(database), principal, reason);
    }

    /**
     * Records the live schema of the target as its new recorded state: a BASELINE history record (version
     * {@code baseline-<UTC yyyyMMddHHmmssSSS>}, empty statement, {@code schemaBefore} the schema recorded until now if
     * there was one, {@code schemaAfter} the live schema), written PENDING and then DONE through the
     * {@link MetadataStore}, and an audit entry (action {@value #BASELINE_ACTION}, object the database as
     * {@code instance/name}, with the reason). Resolves the database's open anomaly ({@link Resolution#BASELINE}).
     *
     * @param principal who adopts the live schema, not blank
     * @param reason why, for the audit log, not blank
     * @return the DONE history record
     * @throws DbChangeException {@link DriftErrorCode#MIGRATION_IN_PROGRESS} when the latest history record is
     *     PENDING; {@code CONNECTION_FAILED} or {@code SCHEMA_READ_FAILED} when the database cannot be read
     */
    public HistoryEntry baseline(DriftTarget target, String principal, String reason) {
        Objects.requireNonNull(target, "'target' must not be null");
        if (principal == null || principal.isBlank()) {
            throw new IllegalArgumentException("'principal' must not be blank");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("'reason' must not be blank: say why the live schema is adopted");
        }
        DatabaseRef database = target.database();
        Optional<Recorded> previous = recorded(database);
        Instant started = clock.instant();
        SchemaSnapshot live = read(target);
        String statement = "";
        HistoryEntry pending = null;
        String version = "baseline-" + VERSION_TIME.format(started);
        for (int suffix = 1; pending == null; suffix++) {
            String candidate = suffix == 1 ? version : version + "-" + suffix;
            MigrationRecord record = new MigrationRecord(
                    database,
                    candidate,
                    MigrationType.BASELINE,
                    "baseline by " + principal + ": " + reason,
                    statement,
                    Sha256.hex(statement),
                    previous.map(Recorded::snapshot),
                    Optional.of(live),
                    MigrationStatus.PENDING,
                    started,
                    Optional.empty(),
                    Duration.ZERO,
                    0,
                    principal,
                    Optional.empty(),
                    Optional.empty());
            try {
                pending = metadataStore.beginMigration(record, false);
            } catch (DbChangeException e) {
                // Two baselines of one database in the same millisecond: take the next suffix.
                if (e.code() != PipelineErrorCode.MIGRATION_ALREADY_APPLIED || suffix >= ATTEMPTS) {
                    throw e;
                }
            }
        }
        Instant ended = clock.instant();
        if (ended.isBefore(started)) {
            ended = started;
        }
        MigrationRecord begun = pending.record();
        MigrationRecord done = new MigrationRecord(
                database,
                begun.version(),
                MigrationType.BASELINE,
                begun.description(),
                statement,
                begun.checksum(),
                begun.schemaBefore(),
                begun.schemaAfter(),
                MigrationStatus.DONE,
                started,
                Optional.of(ended),
                Duration.ZERO,
                0,
                principal,
                Optional.empty(),
                Optional.empty());
        if (!metadataStore.finishMigration(pending.id(), done)) {
            throw new DbChangeException(
                    CoreErrorCode.ILLEGAL_STATE_TRANSITION,
                    "the baseline record " + pending.id() + " of " + database + " was finished by someone else before"
                            + " this baseline could finish it; read the history of " + database
                            + " and baseline again if needed");
        }
        Optional<Anomaly> resolved = resolveOpen(database, ended, Resolution.BASELINE);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("database", database.toString());
        details.put("history", pending.id());
        details.put("version", begun.version());
        resolved.ifPresent(a -> details.put("anomaly", a.id()));
        metadataStore.audit(new AuditEntry(ended, principal, BASELINE_ACTION, database.toString(), reason, details));
        LOG.info(
                "drift database={} baseline history={} version={} principal={}",
                database,
                pending.id(),
                begun.version(),
                principal);
        return new HistoryEntry(pending.id(), done);
    }

    /** The database's OPEN anomaly, if any. */
    public Optional<Anomaly> openAnomaly(DatabaseRef database) {
        return anomalyStore.openAnomaly(database);
    }

    /** Every anomaly of a database, oldest first. */
    public List<Anomaly> anomalies(DatabaseRef database) {
        return anomalyStore.anomalies(database);
    }

    /** Sends an event to every listener; a listener's exception is logged and does not reach the check. */
    void publish(DriftEvent event) {
        for (DriftListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn(
                        "drift database={} listener {} failed on {}: {}",
                        event.database(),
                        listener,
                        event,
                        e.toString());
            }
        }
    }

    private static SchemaSnapshot read(DriftTarget target) {
        try (Connection connection = target.connections().open()) {
            return target.engine().readSchema(connection, target.options());
        } catch (SQLException e) {
            throw new DbChangeException(
                    CoreErrorCode.CONNECTION_FAILED,
                    "cannot connect to " + target.database() + " to read its schema: " + e.getMessage()
                            + "; check that the database is reachable and its connection settings",
                    e);
        }
    }

    /** The recorded schema and what it came from; the marker changes whenever the history does. */
    private record Recorded(String reference, SchemaSnapshot snapshot, String marker) {}

    private Optional<Recorded> recorded(DatabaseRef database) {
        // Two single-entry reads, not the whole history: a check runs on every database at every interval, and a
        // history of hundreds of changes would otherwise be read (and its snapshots decompressed) each time.
        Optional<HistoryEntry> newest = metadataStore.latestHistory(database);
        if (newest.isPresent() && newest.get().record().status() == MigrationStatus.PENDING) {
            HistoryEntry latest = newest.get();
            throw new DbChangeException(
                    DriftErrorCode.MIGRATION_IN_PROGRESS,
                    "the latest migration of " + database + " (version "
                            + latest.record().version() + ", history "
                            + latest.id() + ") is PENDING: it is running, or its runner stopped; check drift"
                            + " again when it is DONE or FAILED");
        }
        // Entries are appended and a PENDING one is finished in place, so the newest id and status change whenever
        // the history does.
        String marker = newest.map(e -> e.id() + ":" + e.record().status()).orElse("");
        Optional<HistoryEntry> recorded = metadataStore.latestRecordedSchema(database);
        if (recorded.isPresent()) {
            HistoryEntry entry = recorded.get();
            return Optional.of(new Recorded(
                    "history:" + entry.id(), entry.record().schemaAfter().orElseThrow(), marker));
        }
        return snapshotStore.latest(database).map(s -> new Recorded(SNAPSHOT_REFERENCE, s, marker));
    }

    /**
     * Settings of a {@link DriftDetector}. {@link #build()} copies them: changing the builder afterwards does not
     * change the detector.
     */
    public static final class Builder {

        private MetadataStore metadataStore;
        private AnomalyStore anomalyStore = new InMemoryAnomalyStore();
        private SnapshotStore snapshotStore = new InMemorySnapshotStore();
        private Clock clock = Clock.systemUTC();
        private final List<DriftListener> listeners = new ArrayList<>();
        private final Map<DatabaseRef, DriftTarget> targets = new LinkedHashMap<>();

        private Builder() {}

        /** Where history is read and baselines are written (required). */
        public Builder metadataStore(MetadataStore store) {
            this.metadataStore = Objects.requireNonNull(store, "'store' must not be null");
            return this;
        }

        /** Where anomalies are kept (default: a new {@link InMemoryAnomalyStore}). */
        public Builder anomalyStore(AnomalyStore store) {
            this.anomalyStore = Objects.requireNonNull(store, "'store' must not be null");
            return this;
        }

        /** Where snapshots of databases without history are kept (default: a new {@link InMemorySnapshotStore}). */
        public Builder snapshotStore(SnapshotStore store) {
            this.snapshotStore = Objects.requireNonNull(store, "'store' must not be null");
            return this;
        }

        /** The clock of anomaly timestamps and baseline records (default: {@link Clock#systemUTC()}). */
        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "'clock' must not be null");
            return this;
        }

        /** Adds a listener of raised, updated and resolved anomalies and failed periodic checks (default none). */
        public Builder listener(DriftListener listener) {
            listeners.add(Objects.requireNonNull(listener, "'listener' must not be null"));
            return this;
        }

        /** Adds a database to watch (default none); one target per database. */
        public Builder target(DriftTarget target) {
            Objects.requireNonNull(target, "'target' must not be null");
            if (targets.putIfAbsent(target.database(), target) != null) {
                throw new IllegalArgumentException(
                        "database " + target.database() + " is registered twice; register" + " each database once");
            }
            return this;
        }

        /**
         * The detector.
         *
         * @throws IllegalStateException if no metadata store was given
         */
        public DriftDetector build() {
            if (metadataStore == null) {
                throw new IllegalStateException("'metadataStore' must be set: drift reads the recorded schema from"
                        + " history and writes baselines there");
            }
            return new DriftDetector(this);
        }
    }
}
