package io.dbchange.mysql;

import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.core.drift.DriftContract;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServer;
import io.dbchange.testing.TestServers;
import io.dbchange.testing.internal.EmbeddedMariaDbServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** {@link DriftContract} on the embedded MariaDB. */
class MySqlDriftIT extends DriftContract {

    private final MySqlEngine engine = new MySqlEngine();

    @Override
    protected DatabaseEngine engine() {
        return engine;
    }

    @Override
    protected TestDatabase newDatabase() {
        return TestServers.mysql().createDatabase();
    }

    @Override
    protected String pathSchema() {
        return "";
    }

    // temporal/mysql/v8/visibility needs MySQL 8 (->> operator, functional indexes) and does not run on MariaDB.
    @Override
    protected List<CorpusSchema> corpusSchemas() {
        return List.of(
                new CorpusSchema(
                        "sakila/mysql-sakila-schema.sql",
                        script -> script.replace("CREATE SCHEMA sakila;", "")
                                .replace("USE sakila;", "")
                                .replace("DROP SCHEMA IF EXISTS sakila;", "")
                                // Two views name their tables as sakila.t; the test database has another name.
                                .replace("sakila.", "")),
                new CorpusSchema("temporal/mysql/v8/temporal/schema.sql", script -> script));
    }

    /**
     * Real rows where the schema is known (Sakila, whose film trigger writes film_text too), then every AUTO_INCREMENT
     * counter moved far ahead: the counter in SHOW CREATE TABLE is what drowned Bytebase's users in false drift.
     */
    @Override
    protected String rowsAndCounters(TestDatabase database, CorpusSchema schema) {
        StringBuilder script = new StringBuilder();
        if (schema.path().startsWith("sakila/")) {
            script.append("INSERT INTO language (name) VALUES ('Klingon');\n")
                    .append("INSERT INTO actor (first_name, last_name) VALUES ('ANN', 'LEE');\n")
                    .append("INSERT INTO film (title, language_id) SELECT 'DRIFT', MAX(language_id) FROM language;\n");
        }
        for (String table : query(
                database,
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                        + " AND auto_increment IS NOT NULL AND table_type = 'BASE TABLE'")) {
            script.append("ALTER TABLE `").append(table).append("` AUTO_INCREMENT = 100000;\n");
        }
        return script.toString();
    }

    @Override
    protected List<String> statisticsAndRebuilds(TestDatabase database) {
        List<String> statements = new ArrayList<>();
        for (String table : query(
                database,
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                        + " AND table_type = 'BASE TABLE'")) {
            statements.add("ANALYZE TABLE `" + table + "` PERSISTENT FOR ALL");
            // InnoDB recreates the table (new create time, new counters, new statistics).
            statements.add("OPTIMIZE TABLE `" + table + "`");
        }
        return statements;
    }

    @Override
    protected TestServer startDedicatedServer() {
        return EmbeddedMariaDbServer.start();
    }

    @Override
    protected void restart(TestServer server) {
        ((EmbeddedMariaDbServer) server).restart();
    }

    private static List<String> query(TestDatabase database, String sql) {
        List<String> values = new ArrayList<>();
        try (Connection c = database.openConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }
}
