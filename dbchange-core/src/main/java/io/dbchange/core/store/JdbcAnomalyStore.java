package io.dbchange.core.store;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.drift.Anomaly;
import io.dbchange.api.drift.AnomalyStatus;
import io.dbchange.api.drift.AnomalyStore;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.store.StoreErrorCode;
import io.dbchange.core.store.internal.StoreCalls;
import io.dbchange.core.store.internal.StoreDialect;
import io.dbchange.core.store.internal.StoreJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * An {@link AnomalyStore} in the same database and table prefix as a {@link JdbcMetadataStore}: one table,
 * {@code <prefix>anomaly} (store migration 5), so the drift checks of every node that shares the store agree on one
 * OPEN anomaly per database.
 *
 * <pre>{@code
 * JdbcMetadataStore store = JdbcMetadataStore.configure().dataSource(hostDataSource).build();
 * DriftDetector drift = DriftDetector.configure()
 *         .metadataStore(store)
 *         .anomalyStore(store.anomalyStore())      // or JdbcAnomalyStore.configure().dataSource(...).build()
 *         .snapshotStore(store.snapshotStore())
 *         ...
 * }</pre>
 *
 * <p><b>One OPEN anomaly per database</b> is a unique key on (instance, database, {@code open_flag}), where
 * {@code open_flag} is 1 while the row is OPEN and NULL once it is RESOLVED: of two nodes raising the same drift at
 * once, the key lets exactly one {@code INSERT} in and the other finds the winner's anomaly. Changes are
 * compare-and-set ({@code UPDATE ... WHERE id = ? AND version = ? AND status = 'OPEN'}, judged by the row count).
 * Each call is one statement; nothing is held between calls. Thread-safe.
 */
public final class JdbcAnomalyStore implements AnomalyStore {

    private static final String OPEN = AnomalyStatus.OPEN.name();

    private final StoreCalls calls;
    private final StoreDialect dialect;
    private final String table;

    JdbcAnomalyStore(DataSource dataSource, StoreDialect dialect, String prefix) {
        this.table = prefix + "anomaly";
        this.dialect = dialect;
        this.calls = StoreCalls.of(dataSource, dialect, "anomaly store " + table);
    }

    /** A builder; {@link Builder#dataSource} is required. */
    public static Builder configure() {
        return new Builder();
    }

    @Override
    public Optional<Anomaly> insertOpen(Anomaly anomaly) {
        Checks.notNull("anomaly", anomaly);
        if (anomaly.status() != AnomalyStatus.OPEN || anomaly.version() != 0) {
            throw new IllegalArgumentException("'anomaly' must be OPEN with version 0 but was " + anomaly.status()
                    + " version " + anomaly.version());
        }
        String body = StoreJson.write(anomaly);
        for (int attempt = 1; ; attempt++) {
            Boolean inserted;
            try {
                inserted = calls.call("inserting anomaly " + anomaly.id(), c -> {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table
                            + " (id, instance_id, db_name, status, open_flag, first_seen_at, version, body)"
                            + " VALUES (?, ?, ?, ?, 1, ?, 0, ?)")) {
                        s.setString(1, anomaly.id());
                        s.setString(2, anomaly.database().instanceId());
                        s.setString(3, anomaly.database().name());
                        s.setString(4, OPEN);
                        s.setLong(5, nanos(anomaly.firstSeenAt()));
                        s.setString(6, body);
                        s.executeUpdate();
                        return true;
                    } catch (SQLException e) {
                        // A lost race is an answer, not a failure; a single statement leaves no aborted transaction.
                        if (dialect.isDuplicateKey(e)) {
                            return false;
                        }
                        throw e;
                    }
                });
            } catch (DbChangeException e) {
                if (attempt < 5 && e.getCause() instanceof SQLException s && dialect.isTransient(s)) {
                    continue;
                }
                throw e;
            }
            if (inserted) {
                return Optional.of(anomaly);
            }
            // Either key may have refused it: the id (a caller's mistake) or the database's OPEN row (a lost race).
            if (exists(anomaly.id())) {
                throw new DbChangeException(
                        StoreErrorCode.DUPLICATE,
                        "anomaly '" + anomaly.id() + "' exists already in " + table + "; give each anomaly a new id");
            }
            return Optional.empty();
        }
    }

    @Override
    public Optional<Anomaly> openAnomaly(DatabaseRef database) {
        Checks.notNull("database", database);
        List<Anomaly> open = select(
                "open anomaly of " + database,
                "SELECT version, body FROM " + table + " WHERE instance_id = ? AND db_name = ? AND open_flag = 1",
                database);
        return open.stream().findFirst();
    }

    @Override
    public Optional<Anomaly> compareAndSet(Anomaly current, Anomaly next) {
        Checks.notNull("current", current);
        Checks.notNull("next", next);
        if (!next.id().equals(current.id()) || !next.database().equals(current.database())) {
            throw new IllegalArgumentException("'next' must have the id and database of 'current' (" + current.id()
                    + " on " + current.database() + ") but had " + next.id() + " on " + next.database());
        }
        Anomaly written = next.withVersion(current.version() + 1);
        boolean updated = calls.call("updating anomaly " + current.id(), c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + table
                    + " SET version = ?, status = ?, open_flag = ?, first_seen_at = ?, body = ?"
                    + " WHERE id = ? AND version = ? AND status = ?")) {
                s.setLong(1, written.version());
                s.setString(2, written.status().name());
                if (written.isOpen()) {
                    s.setInt(3, 1);
                } else {
                    s.setNull(3, Types.SMALLINT);
                }
                s.setLong(4, nanos(written.firstSeenAt()));
                s.setString(5, StoreJson.write(written));
                s.setString(6, current.id());
                s.setLong(7, current.version());
                s.setString(8, OPEN);
                return s.executeUpdate() == 1;
            }
        });
        if (updated) {
            return Optional.of(written);
        }
        if (!exists(current.id())) {
            throw new DbChangeException(
                    StoreErrorCode.NOT_FOUND,
                    "anomaly '" + current.id() + "' does not exist in " + table + "; insert it with insertOpen first");
        }
        return Optional.empty();
    }

    @Override
    public List<Anomaly> anomalies(DatabaseRef database) {
        Checks.notNull("database", database);
        return select(
                "anomalies of " + database,
                "SELECT version, body FROM " + table + " WHERE instance_id = ? AND db_name = ?"
                        + " ORDER BY first_seen_at, id",
                database);
    }

    private List<Anomaly> select(String operation, String sql, DatabaseRef database) {
        return calls.call(operation, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, database.instanceId());
                s.setString(2, database.name());
                List<Anomaly> list = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        list.add(StoreJson.read(r.getString(2), Anomaly.class).withVersion(r.getLong(1)));
                    }
                }
                return List.copyOf(list);
            }
        });
    }

    private boolean exists(String id) {
        return calls.call("reading anomaly " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /** Settings of {@link JdbcAnomalyStore}. Not thread-safe. */
    public static final class Builder {
        private final JdbcStoreSettings settings = new JdbcStoreSettings("anomaly");

        private Builder() {}

        /** The database of the store (required); never closed by the store. */
        public Builder dataSource(DataSource value) {
            settings.dataSource(value);
            return this;
        }

        /** The prefix of the store's tables, as for the {@link JdbcMetadataStore} (default {@code dbchange_}). */
        public Builder tablePrefix(String value) {
            settings.tablePrefix(value);
            return this;
        }

        /** How long to wait for another node upgrading the tables (default: one minute). */
        public Builder migrationLockTimeout(Duration value) {
            settings.migrationLockTimeout(value);
            return this;
        }

        /** Creates or upgrades the store's tables, then returns the store. */
        public JdbcAnomalyStore build() {
            StoreDialect dialect = settings.migrate();
            return new JdbcAnomalyStore(settings.dataSource(), dialect, settings.tablePrefix());
        }
    }
}
