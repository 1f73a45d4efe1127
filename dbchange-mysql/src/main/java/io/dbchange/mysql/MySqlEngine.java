package io.dbchange.mysql;

import com.mysql.cj.jdbc.JdbcConnection;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionPool;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.engine.ExecutionOptions;
import io.dbchange.api.engine.ScriptResult;
import io.dbchange.api.engine.ServerInfo;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.engine.internal.HikariConnectionPool;
import io.dbchange.core.engine.internal.JdbcScriptExecutor;
import io.dbchange.core.engine.internal.JdbcUrls;
import io.dbchange.core.engine.internal.SessionCancel;
import io.dbchange.core.engine.internal.SpecialStatements;
import io.dbchange.core.sql.StatementSplitter;
import io.dbchange.mysql.internal.MySqlDdlWriter;
import io.dbchange.mysql.internal.MySqlProbe;
import io.dbchange.mysql.internal.MySqlSchemaReader;
import io.dbchange.mysql.internal.MySqlTransactionSemantics;
import io.dbchange.mysql.internal.MySqlUrls;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link DatabaseEngine} for MySQL and MariaDB (name {@code mysql}), found by {@link java.util.ServiceLoader}.
 *
 * <p><b>URLs and driver.</b> It serves {@code jdbc:mysql:} and {@code jdbc:mariadb:} URLs and connects to both
 * products with MySQL Connector/J: a {@code jdbc:mariadb:} URL is rewritten to {@code jdbc:mysql:} with the rest
 * unchanged, so its host, port, database and parameters must be ones Connector/J understands (options specific to
 * the MariaDB driver do not apply). Pools are HikariCP pools (see {@link #openPool}).
 *
 * <p><b>Execution.</b> MySQL cannot roll DDL back, so in {@link ExecutionOptions.TransactionMode#ENGINE} (as in
 * {@code AUTOCOMMIT}) every statement runs with auto-commit on and commits as it completes; when one fails, the
 * statements before it have taken effect and the result says so. A script that opens its own transaction
 * ({@code START TRANSACTION}, {@code BEGIN}, {@code SET autocommit = 0}) keeps it: the engine follows the server's
 * own in-transaction status flag after every statement, so when a statement fails inside that transaction the
 * transaction is rolled back and its statements are reported {@code ROLLED_BACK}, while statements a DDL statement
 * committed implicitly stay {@code SUCCEEDED}. A transaction the script leaves open is committed at its end.
 *
 * <pre>{@code
 * DatabaseEngine mysql = new MySqlEngine(); // or DatabaseEngines.forUrl("jdbc:mariadb://db:3306/app")
 * try (ConnectionPool pool = mysql.openPool(ConnectionSettings.of(url, user, password));
 *         Connection c = pool.getConnection()) {
 *     ScriptResult result = mysql.execute(c, mysql.split(script), ExecutionOptions.DEFAULTS);
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class MySqlEngine implements DatabaseEngine {

    /** This engine's {@link #name()}. */
    public static final String NAME = "mysql";

    private static final String DRIVER = "com.mysql.cj.jdbc.Driver";

    /**
     * {@code connectionAttributes}: shown to DBAs in {@code performance_schema.session_connect_attrs}.
     * {@code readOnlyPropagatesToServer=false} saves the round trip Connector/J otherwise spends before every statement
     * that may write, asking the server for {@code @@session.transaction_read_only}: a read-only session still refuses
     * the write on the server (the statement fails just the same), and {@code setReadOnly(true)} is still enforced by
     * the driver, only not sent to the server.
     */
    private static final Map<String, String> DEFAULT_PROPERTIES =
            Map.of("connectionAttributes", "program_name:dbchange", "readOnlyPropagatesToServer", "false");

    private final JdbcScriptExecutor executor =
            new JdbcScriptExecutor(NAME, new MySqlTransactionSemantics(), SpecialStatements.NONE);

    private final StatementSplitter splitter = StatementSplitter.forDialect(Dialect.MYSQL);

    /** Creates the engine; {@link java.util.ServiceLoader} calls this. */
    public MySqlEngine() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Dialect dialect() {
        return Dialect.MYSQL;
    }

    /** {@code jdbc:mysql:} and {@code jdbc:mariadb:}. */
    @Override
    public List<String> urlPrefixes() {
        return MySqlUrls.PREFIXES;
    }

    /**
     * A HikariCP pool of Connector/J connections: at most {@code maxPoolSize}, at most one idle, started by the
     * first borrow (a bad password fails that borrow at once with the server's reason). The settings' properties
     * are passed to Connector/J; {@code connectionAttributes} defaults to {@code program_name:dbchange} and
     * {@code readOnlyPropagatesToServer} to {@code false}, which saves a round trip
     * before every statement that may write (a read-only session still refuses the write, on the server).
     *
     * @throws DbChangeException {@code INVALID_ARGUMENT} for a URL this engine does not serve
     */
    @Override
    public ConnectionPool openPool(ConnectionSettings settings) {
        Objects.requireNonNull(settings, "'settings' must not be null");
        JdbcUrls.requireServedBy(this, settings.jdbcUrl());
        return new HikariConnectionPool(
                NAME, settings, DRIVER, MySqlUrls.driverUrl(settings.jdbcUrl()), DEFAULT_PROPERTIES);
    }

    /**
     * Reads, in three queries ({@code SHOW VARIABLES}, {@code CURRENT_USER()}, {@code SHOW GRANTS}): the product
     * (MariaDB when the version or version comment says so), version, user, the binlog, GTID and session settings
     * rollback and review depend on, and the user's global privileges ({@code ALL PRIVILEGES} expanded).
     */
    @Override
    public ServerInfo probe(Connection connection) {
        return MySqlProbe.probe(connection);
    }

    /**
     * Splits with {@link StatementSplitter} for MySQL, as the {@code mysql} client does ({@code DELIMITER} commands,
     * backslash escapes in strings; compound bodies of procedures and triggers stay one statement).
     */
    @Override
    public List<SqlStatement> split(String script) {
        Objects.requireNonNull(script, "'script' must not be null");
        return splitter.split(script).statementsOrThrow();
    }

    @Override
    public ScriptResult execute(Connection connection, List<SqlStatement> statements, ExecutionOptions options) {
        return executor.execute(connection, statements, options);
    }

    /**
     * The thread id {@code KILL QUERY} takes ({@code CONNECTION_ID()}): the one the server sent in its handshake,
     * which Connector/J keeps, so no query is needed; {@code SELECT CONNECTION_ID()} for another driver.
     */
    @Override
    public Optional<String> sessionId(Connection connection) {
        try {
            if (connection.isWrapperFor(JdbcConnection.class)) {
                long id = connection.unwrap(JdbcConnection.class).getId();
                if (id > 0) {
                    return Optional.of(Long.toString(id));
                }
            }
        } catch (SQLException e) {
            // not Connector/J's, or a closed connection: the query says which
        }
        return Optional.of(SessionCancel.query(connection, "SELECT CONNECTION_ID()", "MySQL/MariaDB"));
    }

    /**
     * {@code KILL QUERY id} on {@code other}: the statement fails with error 1317 ("Query execution was
     * interrupted") and the session stays open; DDL that already committed stays.
     */
    @Override
    public void cancelStatement(Connection other, String sessionId) {
        SessionCancel.run(other, "KILL QUERY " + Long.parseLong(sessionId), "MySQL/MariaDB");
    }

    /**
     * Reads the connected database from {@code information_schema} in at most 14 queries, whatever the number of
     * objects; see {@link MySqlSchemaReader} for what is normalized and the text forms of definitions.
     */
    @Override
    public SchemaSnapshot readSchema(Connection connection, SnapshotOptions options) {
        return MySqlSchemaReader.read(connection, options);
    }

    /** Writes the snapshot as a canonical script; see {@link MySqlDdlWriter} for the order of objects. */
    @Override
    public String dumpSchema(SchemaSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "'snapshot' must not be null");
        return MySqlDdlWriter.write(snapshot);
    }

    /**
     * Writes the migration script from {@code from} to {@code to}; see {@link MySqlDdlWriter} for how each change is
     * spelled.
     */
    @Override
    public String migrationDdl(SchemaSnapshot from, SchemaSnapshot to) {
        Objects.requireNonNull(from, "'from' must not be null");
        Objects.requireNonNull(to, "'to' must not be null");
        return MySqlDdlWriter.migrate(from, to);
    }

    @Override
    public String toString() {
        return "MySqlEngine[" + NAME + "]";
    }
}
