package io.dbchange.postgres;

import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.core.drift.DriftContract;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServer;
import io.dbchange.testing.TestServers;
import io.dbchange.testing.internal.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@link DriftContract} on the embedded PostgreSQL. */
class PostgresDriftIT extends DriftContract {

    private final PostgresEngine engine = new PostgresEngine();

    @Override
    protected DatabaseEngine engine() {
        return engine;
    }

    @Override
    protected TestDatabase newDatabase() {
        return TestServers.postgres().createDatabase();
    }

    @Override
    protected String pathSchema() {
        return "public";
    }

    @Override
    protected List<CorpusSchema> corpusSchemas() {
        return List.of(
                // The corpus file was dumped by a superuser named postgres; the test database belongs to another user.
                new CorpusSchema(
                        "sakila/postgres-sakila-schema.sql",
                        script -> script.replaceAll("(?m)^ALTER .* OWNER TO postgres;$", "")),
                new CorpusSchema("temporal/postgresql/v12/temporal/schema.sql", script -> script),
                new CorpusSchema("temporal/postgresql/v12/visibility/schema.sql", script -> script));
    }

    /**
     * Sakila's own data (COPY blocks, sequences set, ANALYZE), then every sequence of the schema moved far ahead
     * (identity and serial sequences included).
     */
    @Override
    protected String rowsAndCounters(TestDatabase database, CorpusSchema schema) {
        StringBuilder script = new StringBuilder();
        if (schema.path().startsWith("sakila/")) {
            Path data = Path.of(
                    System.getProperty("dbchange.corpus.dir"), "sakila", "postgres-sakila-insert-data-using-copy.sql");
            try {
                script.append(Files.readString(data)).append("\nSET search_path = public;\n");
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + data, e);
            }
        }
        script.append("SELECT setval(c.oid::regclass, 100000) FROM pg_class c"
                + " WHERE c.relkind = 'S' AND c.relnamespace = 'public'::regnamespace;\n");
        return script.toString();
    }

    @Override
    protected List<String> statisticsAndRebuilds(TestDatabase database) {
        // VACUUM FULL rewrites every table and index (new relfilenodes); ANALYZE refreshes pg_statistic.
        return List.of("ANALYZE", "VACUUM FULL", "ANALYZE");
    }

    @Override
    protected TestServer startDedicatedServer() {
        return EmbeddedPostgresServer.start();
    }

    @Override
    protected void restart(TestServer server) {
        ((EmbeddedPostgresServer) server).restart();
    }
}
