package io.dbchange.postgres.pipeline;

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
import io.dbchange.postgres.PostgresEngine;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real PostgreSQL engine under the name {@value #NAME}, counting its schema reads, so that a test can see how
 * often the pipeline reads a target's schema. Registered for tests only (test resources' {@code META-INF/services});
 * it serves no URL, so only an instance that names it uses it.
 */
public final class CountingPostgresEngine implements DatabaseEngine {

    public static final String NAME = "postgresql-counting";

    /** Full schema reads since the last {@link #reset}, over all instances. */
    public static final AtomicInteger READS = new AtomicInteger();

    /** Change markers taken since the last {@link #reset}. */
    public static final AtomicInteger MARKERS = new AtomicInteger();

    private final PostgresEngine engine = new PostgresEngine();

    public static void reset() {
        READS.set(0);
        MARKERS.set(0);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Dialect dialect() {
        return engine.dialect();
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of();
    }

    @Override
    public ConnectionPool openPool(ConnectionSettings settings) {
        return engine.openPool(settings);
    }

    @Override
    public ServerInfo probe(Connection connection) {
        return engine.probe(connection);
    }

    @Override
    public List<SqlStatement> split(String script) {
        return engine.split(script);
    }

    @Override
    public ScriptResult execute(Connection connection, List<SqlStatement> statements, ExecutionOptions options) {
        return engine.execute(connection, statements, options);
    }

    @Override
    public SchemaSnapshot readSchema(Connection connection, SnapshotOptions options) {
        READS.incrementAndGet();
        return engine.readSchema(connection, options);
    }

    @Override
    public Optional<String> schemaChangeMarker(Connection connection, SnapshotOptions options) {
        MARKERS.incrementAndGet();
        return engine.schemaChangeMarker(connection, options);
    }

    @Override
    public Optional<String> sessionId(Connection connection) {
        return engine.sessionId(connection);
    }

    @Override
    public void cancelStatement(Connection other, String sessionId) {
        engine.cancelStatement(other, sessionId);
    }

    @Override
    public String dumpSchema(SchemaSnapshot snapshot) {
        return engine.dumpSchema(snapshot);
    }

    @Override
    public String migrationDdl(SchemaSnapshot from, SchemaSnapshot to) {
        return engine.migrationDdl(from, to);
    }
}
