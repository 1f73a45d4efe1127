package io.dbchange.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresEngine#schemaChangeMarker}: equal while nothing changes, different after every kind of change to
 * what the schema reader reads, whoever makes it (here another connection, as a person with a client would).
 */
class PostgresChangeMarkerIT {

    private static final List<String> CHANGES = List.of(
            "CREATE TABLE a (id int PRIMARY KEY, note text)",
            "ALTER TABLE a ADD COLUMN n int",
            "ALTER TABLE a ALTER COLUMN n TYPE bigint",
            "ALTER TABLE a ALTER COLUMN n SET DEFAULT 7",
            "ALTER TABLE a ALTER COLUMN note SET NOT NULL",
            "CREATE INDEX a_n ON a (n)",
            "ALTER TABLE a ADD CONSTRAINT a_n_positive CHECK (n > 0)",
            "CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id))",
            "COMMENT ON TABLE a IS 'the a table'",
            "COMMENT ON COLUMN a.note IS 'a note'",
            "CREATE VIEW v AS SELECT id FROM a",
            "CREATE OR REPLACE VIEW v AS SELECT id, n FROM a",
            "CREATE TYPE mood AS ENUM ('sad', 'ok')",
            "ALTER TYPE mood ADD VALUE 'happy'",
            "CREATE SEQUENCE s",
            "ALTER SEQUENCE s INCREMENT BY 5",
            "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
            "CREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$",
            "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW EXECUTE FUNCTION f()",
            "ALTER TABLE a RENAME COLUMN note TO remark",
            "DROP TRIGGER t ON a",
            "DROP VIEW v",
            "ALTER TABLE a DROP COLUMN n",
            "DROP TABLE b");

    private final PostgresEngine engine = new PostgresEngine();

    @Test
    void theMarkerStaysWhileNothingChangesAndMovesWithEveryKindOfSchemaChange() throws Exception {
        try (TestDatabase db = TestServers.postgres().createDatabase();
                Connection reader = db.openConnection();
                Connection other = db.openConnection();
                Statement s = other.createStatement()) {
            String marker = marker(reader);
            engine.readSchema(reader, SnapshotOptions.DEFAULTS);
            // reading does not move it
            assertThat(marker(reader)).isEqualTo(marker);
            for (String change : CHANGES) {
                s.execute(change);
                String next = marker(reader);
                assertThat(next).as("the marker after [%s]", change).isNotEqualTo(marker);
                assertThat(marker(reader))
                        .as("the marker read twice after [%s]", change)
                        .isEqualTo(next);
                marker = next;
            }
            s.execute("INSERT INTO a (id, remark) VALUES (1, 'x')");
            s.execute("VACUUM FREEZE a");
            assertThat(marker(reader)).as("after rows and a vacuum").isEqualTo(marker);
        }
    }

    private String marker(Connection c) {
        return engine.schemaChangeMarker(c, SnapshotOptions.DEFAULTS).orElseThrow();
    }
}
