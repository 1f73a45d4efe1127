package io.dbchange.core.store;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.internal.Checks;
import io.dbchange.api.store.StoreErrorCode;
import io.dbchange.core.store.internal.StoreDialect;
import io.dbchange.core.store.internal.StoreMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** The settings the JDBC rollback and drift stores share with {@link JdbcMetadataStore}'s builder, and their build step. */
final class JdbcStoreSettings {

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,29}");

    private final String table;
    private DataSource dataSource;
    private String tablePrefix = JdbcMetadataStore.DEFAULT_TABLE_PREFIX;
    private Duration migrationLockTimeout = Duration.ofMinutes(1);

    JdbcStoreSettings(String table) {
        this.table = table;
    }

    void dataSource(DataSource value) {
        this.dataSource = Checks.notNull("dataSource", value);
    }

    DataSource dataSource() {
        return dataSource;
    }

    void tablePrefix(String value) {
        Checks.notNull("tablePrefix", value);
        if (!PREFIX.matcher(value).matches()) {
            throw new IllegalArgumentException("'tablePrefix' must be a lower-case letter followed by up to 29"
                    + " lower-case letters, digits or '_', but was '" + value + "'");
        }
        this.tablePrefix = value;
    }

    String tablePrefix() {
        return tablePrefix;
    }

    void migrationLockTimeout(Duration value) {
        Checks.notNull("migrationLockTimeout", value);
        if (value.isNegative()) {
            throw new IllegalArgumentException("'migrationLockTimeout' must not be negative but was " + value);
        }
        this.migrationLockTimeout = value;
    }

    /** Brings the store's tables up to date, as {@link JdbcMetadataStore.Builder#build()} does; returns the dialect. */
    StoreDialect migrate() {
        if (dataSource == null) {
            throw new IllegalArgumentException("'dataSource' must be set: the database that holds the store");
        }
        StoreDialect dialect;
        try (Connection c = dataSource.getConnection()) {
            dialect = StoreDialect.of(c);
        } catch (SQLException e) {
            throw new DbChangeException(
                    StoreErrorCode.STORE_UNAVAILABLE,
                    "store table '" + tablePrefix + table + "': cannot connect to its database [" + e.getSQLState()
                            + "] " + e.getMessage() + "; check the DataSource's URL and user",
                    e);
        }
        StoreMigrations.migrate(dataSource, dialect, tablePrefix, StoreMigrations.LATEST, migrationLockTimeout);
        return dialect;
    }
}
