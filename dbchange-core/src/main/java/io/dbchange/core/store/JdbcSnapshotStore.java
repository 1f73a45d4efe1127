package io.dbchange.core.store;

import io.dbchange.api.drift.SnapshotStore;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.core.store.internal.StoreCalls;
import io.dbchange.core.store.internal.StoreDialect;
import io.dbchange.core.store.internal.StoreJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link SnapshotStore} in the same database and table prefix as a {@link JdbcMetadataStore}: one row per database
 * in {@code <prefix>snapshot} (store migration 5), the snapshot gzip-compressed as history keeps it. See
 * {@link JdbcAnomalyStore} for how a drift detector uses both.
 *
 * <p>A save is one short transaction (delete, insert) re-run when a concurrent save of the same database overtook it:
 * the last save wins, as the SPI asks. Thread-safe.
 */
public final class JdbcSnapshotStore implements SnapshotStore {

    private final StoreCalls calls;
    private final String table;

    JdbcSnapshotStore(DataSource dataSource, StoreDialect dialect, String prefix) {
        this.table = prefix + "snapshot";
        this.calls = StoreCalls.of(dataSource, dialect, "snapshot store " + table);
    }

    /** A builder; {@link Builder#dataSource} is required. */
    public static Builder configure() {
        return new Builder();
    }

    @Override
    public void save(DatabaseRef database, SchemaSnapshot snapshot) {
        Checks.notNull("database", database);
        byte[] compressed = StoreJson.compressSnapshot(Checks.notNull("snapshot", snapshot));
        Instant now = Instant.now();
        calls.transaction("saving the snapshot of " + database, true, c -> {
            try (PreparedStatement d =
                    c.prepareStatement("DELETE FROM " + table + " WHERE instance_id = ? AND db_name = ?")) {
                d.setString(1, database.instanceId());
                d.setString(2, database.name());
                d.executeUpdate();
            }
            try (PreparedStatement i = c.prepareStatement(
                    "INSERT INTO " + table + " (instance_id, db_name, saved_at, snapshot) VALUES (?, ?, ?, ?)")) {
                i.setString(1, database.instanceId());
                i.setString(2, database.name());
                i.setLong(3, now.getEpochSecond() * 1_000_000_000L + now.getNano());
                i.setBytes(4, compressed);
                i.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<SchemaSnapshot> latest(DatabaseRef database) {
        Checks.notNull("database", database);
        return calls.call("reading the snapshot of " + database, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT snapshot FROM " + table + " WHERE instance_id = ? AND db_name = ?")) {
                s.setString(1, database.instanceId());
                s.setString(2, database.name());
                try (ResultSet r = s.executeQuery()) {
                    return r.next()
                            ? Optional.of(StoreJson.decompressSnapshot(r.getBytes(1)))
                            : Optional.<SchemaSnapshot>empty();
                }
            }
        });
    }

    /** Settings of {@link JdbcSnapshotStore}. Not thread-safe. */
    public static final class Builder {
        private final JdbcStoreSettings settings = new JdbcStoreSettings("snapshot");

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
        public JdbcSnapshotStore build() {
            StoreDialect dialect = settings.migrate();
            return new JdbcSnapshotStore(settings.dataSource(), dialect, settings.tablePrefix());
        }
    }
}
