package io.dbchange.api.engine;

import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * One database family's implementation of everything dbchange does on a server. Implementations are found with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/io.dbchange.api.engine.DatabaseEngine} file in each
 * engine module) and are stateless and thread-safe.
 *
 * <pre>{@code
 * DatabaseEngine engine = DatabaseEngines.forUrl(url);           // io.dbchange.core.engine
 * try (ConnectionPool pool = engine.openPool(ConnectionSettings.of(url, user, password));
 *      Connection c = pool.getConnection()) {
 *     ScriptResult result = engine.execute(c, engine.split(script), ExecutionOptions.DEFAULTS);
 * }
 * }</pre>
 */
public interface DatabaseEngine {

    /** The engine's stable key: {@code "mysql"} (MySQL and MariaDB) or {@code "postgresql"}. */
    String name();

    /** The SQL dialect this engine splits, reviews and writes. */
    Dialect dialect();

    /**
     * The JDBC URL prefixes this engine serves, lower case, e.g. {@code jdbc:mysql:} and {@code jdbc:mariadb:};
     * used by {@link #acceptsUrl(String)} and to tell a user which URLs an engine takes.
     */
    List<String> urlPrefixes();

    /** Whether this engine serves the given JDBC URL: whether it starts with one of {@link #urlPrefixes()}. */
    default boolean acceptsUrl(String jdbcUrl) {
        return jdbcUrl != null
                && urlPrefixes().stream()
                        .anyMatch(prefix -> jdbcUrl.regionMatches(true, 0, prefix, 0, prefix.length()));
    }

    /**
     * Opens a pool of connections for the given settings, sized by {@link ConnectionSettings#maxPoolSize()}. The
     * pool is created lazily: this method fails fast only on invalid settings, not on an unreachable server.
     */
    ConnectionPool openPool(ConnectionSettings settings);

    /**
     * Reads the server's product, version, the settings other capabilities depend on, and the current user's
     * relevant privileges.
     *
     * @throws io.dbchange.api.DbChangeException with code {@code PROBE_FAILED} when the server cannot be read
     */
    ServerInfo probe(Connection connection);

    /**
     * Splits a script into statements in this engine's dialect, with exact source positions.
     *
     * @throws io.dbchange.api.DbChangeException with code {@code SCRIPT_INVALID} when the script cannot be split
     *     (an unterminated string, identifier, comment or dollar-quoted body); the message gives the position
     */
    List<SqlStatement> split(String script);

    /**
     * Executes statements in order on the given connection with the engine's transaction semantics (see
     * {@link ExecutionOptions.TransactionMode}), stopping at the first failure. Never throws for a statement
     * error: the result says which statement failed and which took effect. The connection's auto-commit and
     * transaction state are restored before returning.
     *
     * @throws io.dbchange.api.DbChangeException with code {@code CONNECTION_FAILED} when the connection breaks
     *     such that the outcome of a statement cannot be known
     */
    ScriptResult execute(Connection connection, List<SqlStatement> statements, ExecutionOptions options);

    /**
     * Reads the structure of the connected database (MySQL/MariaDB: the current database; PostgreSQL: the
     * {@linkplain SnapshotOptions#schemas() schemas} of the options) into a normalized snapshot, in a number of
     * queries that does not depend on the number of objects. Objects are sorted by name; server-side counters,
     * statistics and implicit defaults are left out, so that two databases with the same structure give equal
     * snapshots.
     *
     * @throws io.dbchange.api.DbChangeException with code {@code SCHEMA_READ_FAILED} when the catalog cannot be read
     */
    SchemaSnapshot readSchema(Connection connection, SnapshotOptions options);

    /**
     * A cheap value that changes whenever the structure {@link #readSchema} reads may have changed on the connected
     * database, or empty when the engine cannot give one that is exact. Two equal markers taken on one database
     * prove that a snapshot read after the first is still current at the second, so a caller may use it instead of
     * reading again; a change it cannot see must never leave the marker equal (false alarms are allowed: they only
     * cost a read).
     *
     * <p>Default: empty (never proven current, so callers read again).
     *
     * @throws io.dbchange.api.DbChangeException with code {@code SCHEMA_READ_FAILED} when the catalog cannot be read
     */
    default Optional<String> schemaChangeMarker(Connection connection, SnapshotOptions options) {
        return Optional.empty();
    }

    /**
     * The server's id of the session behind {@code connection} (MySQL {@code CONNECTION_ID()}, PostgreSQL
     * {@code pg_backend_pid()}), taken before a long statement starts so that {@link #cancelStatement} can cancel it
     * from another connection; empty when the engine cannot cancel.
     */
    default Optional<String> sessionId(Connection connection) {
        return Optional.empty();
    }

    /**
     * Cancels the statement that session {@code sessionId} is running, through {@code other}, another connection to
     * the same server (MySQL {@code KILL QUERY}, PostgreSQL {@code pg_cancel_backend}); the session stays open and its
     * statement fails with the server's "canceled" error. Does nothing when the session runs nothing.
     *
     * @throws UnsupportedOperationException when {@link #sessionId} gives nothing for this engine
     */
    default void cancelStatement(Connection other, String sessionId) {
        throw new UnsupportedOperationException(name() + " cannot cancel a running statement");
    }

    /**
     * Writes a snapshot as a script in this engine's dialect that creates its objects in an empty database in a
     * safe order (types, sequences, tables, foreign keys, views in dependency order, routines, triggers, events).
     * Reading the database back after running the script gives a snapshot equal to the given one.
     *
     * @throws io.dbchange.api.DbChangeException with code {@code INVALID_ARGUMENT} for a snapshot of another
     *     dialect
     */
    String dumpSchema(SchemaSnapshot snapshot);

    /**
     * Writes the script in this engine's dialect that turns a database whose schema is {@code from} into one whose
     * schema is {@code to}: reading the database back after running it gives a snapshot equal to {@code to}. The
     * differences are those of {@code SchemaDiff.between(from, to)} (dbchange-core); objects are matched by name, so
     * a renamed object is dropped and created again (with its data lost, for a table or column). Statements run in a
     * safe order: what goes away is dropped dependents first (triggers, views, foreign keys, ... tables, types),
     * then what is new or changed is created dependencies first (types, sequences, tables, columns, indexes,
     * foreign keys, routines, views, triggers, events); foreign keys and views that depend on a changing column are
     * dropped and created again. An empty string when the schemas are equal.
     *
     * @throws io.dbchange.api.DbChangeException with code {@code INVALID_ARGUMENT} for a snapshot of another
     *     dialect
     */
    String migrationDdl(SchemaSnapshot from, SchemaSnapshot to);
}
