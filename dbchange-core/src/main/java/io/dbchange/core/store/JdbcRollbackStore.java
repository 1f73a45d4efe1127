package io.dbchange.core.store;

import io.dbchange.api.internal.Checks;
import io.dbchange.api.rollback.RollbackCapture;
import io.dbchange.api.rollback.RollbackConsent;
import io.dbchange.api.rollback.RollbackScriptRef;
import io.dbchange.api.rollback.RollbackStore;
import io.dbchange.api.rollback.RollbackWaiver;
import io.dbchange.core.store.internal.StoreCalls;
import io.dbchange.core.store.internal.StoreDialect;
import io.dbchange.core.store.internal.StoreJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link RollbackStore} in the same database and table prefix as a {@link JdbcMetadataStore}: one table, {@code
 * <prefix>rollback} (store migration 4), rows of JSON keyed by kind and id. Building it brings the store's tables up
 * to date like {@link JdbcMetadataStore#configure()} does, so either may be built first.
 *
 * <pre>{@code
 * RollbackStore rollbackStore = JdbcRollbackStore.configure().dataSource(hostDataSource).build();
 * }</pre>
 *
 * <p>Each call is one statement or one short transaction. Thread-safe.
 */
public final class JdbcRollbackStore implements RollbackStore {

    private final String table;
    private final StoreCalls calls;

    private JdbcRollbackStore(DataSource dataSource, StoreDialect dialect, String prefix) {
        this.table = prefix + "rollback";
        this.calls = StoreCalls.of(dataSource, dialect, "rollback store " + table);
    }

    public static Builder configure() {
        return new Builder();
    }

    @Override
    public void saveCapture(RollbackCapture capture) {
        put("capture", Checks.notNull("capture", capture).taskId(), capture);
    }

    @Override
    public Optional<RollbackCapture> capture(String taskId) {
        return get("capture", taskId, RollbackCapture.class);
    }

    @Override
    public void saveScript(RollbackScriptRef script) {
        put("script", Checks.notNull("script", script).requestId(), script);
    }

    @Override
    public Optional<RollbackScriptRef> script(String requestId) {
        return get("script", requestId, RollbackScriptRef.class);
    }

    @Override
    public void saveWaiver(RollbackWaiver waiver) {
        put("waiver", Checks.notNull("waiver", waiver).taskId(), waiver);
    }

    @Override
    public Optional<RollbackWaiver> waiver(String taskId) {
        return get("waiver", taskId, RollbackWaiver.class);
    }

    @Override
    public void saveConsent(RollbackConsent consent) {
        put("consent", Checks.notNull("consent", consent).taskId(), consent);
    }

    @Override
    public Optional<RollbackConsent> consent(String taskId) {
        return get("consent", taskId, RollbackConsent.class);
    }

    private void put(String kind, String id, Object value) {
        String body = StoreJson.write(value);
        // delete + insert instead of a dialect-specific upsert; a concurrent save of the same key makes the insert
        // fail on the primary key, and the transaction runs the pair again
        calls.transaction("saving " + kind + " " + id, true, c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM " + table + " WHERE kind = ? AND id = ?")) {
                d.setString(1, kind);
                d.setString(2, id);
                d.executeUpdate();
            }
            try (PreparedStatement i =
                    c.prepareStatement("INSERT INTO " + table + " (kind, id, body) VALUES (?, ?, ?)")) {
                i.setString(1, kind);
                i.setString(2, id);
                i.setString(3, body);
                i.executeUpdate();
            }
            return null;
        });
    }

    private <T> Optional<T> get(String kind, String id, Class<T> type) {
        Checks.notBlank("id", id);
        return calls.call("reading " + kind + " " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT body FROM " + table + " WHERE kind = ? AND id = ?")) {
                s.setString(1, kind);
                s.setString(2, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(StoreJson.read(r.getString(1), type)) : Optional.<T>empty();
                }
            }
        });
    }

    /** Settings of {@link JdbcRollbackStore}. Not thread-safe. */
    public static final class Builder {
        private final JdbcStoreSettings settings = new JdbcStoreSettings("rollback");

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
        public JdbcRollbackStore build() {
            StoreDialect dialect = settings.migrate();
            return new JdbcRollbackStore(settings.dataSource(), dialect, settings.tablePrefix());
        }
    }
}
