package io.dbchange.postgres;

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
import io.dbchange.core.sql.StatementSplitter;
import io.dbchange.postgres.internal.CopyFromStdinStatements;
import io.dbchange.postgres.internal.PostgresDdlWriter;
import io.dbchange.postgres.internal.PostgresProbe;
import io.dbchange.postgres.internal.PostgresSchemaReader;
import io.dbchange.postgres.internal.PostgresTransactionSemantics;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link DatabaseEngine} for PostgreSQL (name {@code postgresql}, URLs {@code jdbc:postgresql:}), found by
 * {@link java.util.ServiceLoader}; it connects with pgJDBC through HikariCP pools (see {@link #openPool}).
 *
 * <p><b>Execution.</b> PostgreSQL's DDL is transactional, so in {@link ExecutionOptions.TransactionMode#ENGINE} the
 * whole script runs in one transaction: if a statement fails, the transaction is rolled back, every statement
 * before it is reported {@code ROLLED_BACK} and the database is as it was. Statements that cannot run inside a
 * transaction block ({@code CREATE INDEX CONCURRENTLY}, {@code VACUUM}, {@code CREATE DATABASE}, {@code ALTER
 * SYSTEM}, ...; recognised by their leading keywords) are the exception: the open transaction is committed before
 * such a statement (logged at INFO), it runs alone in auto-commit, and a new transaction begins after it, so a
 * later failure rolls back only the statements after it. In {@code AUTOCOMMIT} mode every statement commits on its
 * own. Notices ({@code RAISE NOTICE}) are reported as the statement's warnings. A {@code COPY ... FROM STDIN}
 * followed by its rows (as {@code pg_dump} writes it) streams the rows through pgJDBC's copy API; the statement
 * timeout does not apply to it.
 *
 * <pre>{@code
 * DatabaseEngine pg = new PostgresEngine(); // or DatabaseEngines.forUrl("jdbc:postgresql://db:5432/app")
 * try (ConnectionPool pool = pg.openPool(ConnectionSettings.of(url, user, password));
 *         Connection c = pool.getConnection()) {
 *     ScriptResult result = pg.execute(c, pg.split(script), ExecutionOptions.DEFAULTS);
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class PostgresEngine implements DatabaseEngine {

    /** This engine's {@link #name()}. */
    public static final String NAME = "postgresql";

    private static final List<String> URL_PREFIXES = List.of("jdbc:postgresql:");

    private static final String DRIVER = "org.postgresql.Driver";

    /** Shown to DBAs in {@code pg_stat_activity.application_name}. */
    private static final Map<String, String> DEFAULT_PROPERTIES = Map.of("ApplicationName", "dbchange");

    private final JdbcScriptExecutor executor =
            new JdbcScriptExecutor(NAME, new PostgresTransactionSemantics(), new CopyFromStdinStatements());

    private final StatementSplitter splitter = StatementSplitter.forDialect(Dialect.POSTGRESQL);

    /** Creates the engine; {@link java.util.ServiceLoader} calls this. */
    public PostgresEngine() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    /** {@code jdbc:postgresql:}. */
    @Override
    public List<String> urlPrefixes() {
        return URL_PREFIXES;
    }

    /**
     * A HikariCP pool of pgJDBC connections: at most {@code maxPoolSize}, at most one idle, started by the first
     * borrow (a bad password fails that borrow at once with the server's reason). The settings' properties are
     * passed to pgJDBC; {@code ApplicationName} defaults to {@code dbchange}.
     *
     * @throws DbChangeException {@code INVALID_ARGUMENT} for a URL this engine does not serve
     */
    @Override
    public ConnectionPool openPool(ConnectionSettings settings) {
        Objects.requireNonNull(settings, "'settings' must not be null");
        JdbcUrls.requireServedBy(this, settings.jdbcUrl());
        return new HikariConnectionPool(NAME, settings, DRIVER, settings.jdbcUrl(), DEFAULT_PROPERTIES);
    }

    /**
     * Reads, in two queries ({@code pg_settings}, {@code pg_roles}): version, user, the replication and session
     * settings other capabilities depend on, and the user's role attributes ({@code SUPERUSER},
     * {@code REPLICATION}, {@code CREATEDB}, {@code CREATEROLE}, {@code BYPASSRLS}; a superuser is given all of
     * them, since it may do what each allows).
     */
    @Override
    public ServerInfo probe(Connection connection) {
        return PostgresProbe.probe(connection);
    }

    /**
     * Splits with {@link StatementSplitter} for PostgreSQL, as {@code psql} does (dollar quoting, {@code E''}
     * strings, {@code BEGIN ATOMIC} bodies; a {@code COPY ... FROM STDIN} keeps its inline rows, which
     * {@link #execute} streams through pgJDBC's copy API).
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

    /** {@code pg_backend_pid()}: the process {@code pg_cancel_backend} signals. */
    @Override
    public Optional<String> sessionId(Connection connection) {
        return Optional.of(SessionCancel.query(connection, "SELECT pg_backend_pid()", "PostgreSQL"));
    }

    /**
     * {@code pg_cancel_backend(pid)} on {@code other}: the statement fails with SQLState 57014 and the task's
     * transaction rolls back.
     */
    @Override
    public void cancelStatement(Connection other, String sessionId) {
        SessionCancel.run(other, "SELECT pg_cancel_backend(" + Integer.parseInt(sessionId) + ")", "PostgreSQL");
    }

    /**
     * Reads the options' schemas (default {@code public}) from {@code pg_catalog} in 12 queries, whatever the number
     * of objects; see {@link PostgresSchemaReader} for what is normalized and the text forms of definitions.
     */
    @Override
    public SchemaSnapshot readSchema(Connection connection, SnapshotOptions options) {
        return PostgresSchemaReader.read(connection, options);
    }

    /**
     * Per catalog that {@link PostgresSchemaReader} reads (and a few it depends on), the row count and the sum of the
     * rows' {@code xmin}: creating, altering, commenting on or dropping any object inserts, updates or deletes
     * catalog rows, and every such write gives the row a newer {@code xmin} (or removes it), so the marker changes.
     * One query over the whole database's catalogs (any schema, system rows included: a change elsewhere only costs
     * a read). Vacuum and freezing keep {@code xmin} as it was.
     */
    @Override
    public Optional<String> schemaChangeMarker(Connection connection, SnapshotOptions options) {
        return Optional.of(PostgresSchemaReader.changeMarker(connection));
    }

    /** Writes the snapshot as a canonical script; see {@link PostgresDdlWriter} for the order of objects. */
    @Override
    public String dumpSchema(SchemaSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "'snapshot' must not be null");
        return PostgresDdlWriter.write(snapshot);
    }

    /**
     * Writes the migration script from {@code from} to {@code to}; see {@link PostgresDdlWriter} for how each change
     * is spelled.
     */
    @Override
    public String migrationDdl(SchemaSnapshot from, SchemaSnapshot to) {
        Objects.requireNonNull(from, "'from' must not be null");
        Objects.requireNonNull(to, "'to' must not be null");
        return PostgresDdlWriter.migrate(from, to);
    }

    @Override
    public String toString() {
        return "PostgresEngine[" + NAME + "]";
    }
}
