package io.dbchange.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbchange.testing.internal.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL: logical decoding, its role, and where it keeps its files. */
class EmbeddedPostgresIT {

    private static TestServer server;

    @BeforeAll
    static void embeddedServer() {
        server = TestServers.postgres();
        assumeTrue(
                server.source() == TestServerSource.EMBEDDED,
                "the shared PostgreSQL server is " + server.description());
    }

    @Test
    void hasLogicalWalAndReplicationSlots() throws SQLException {
        try (TestDatabase db = server.createDatabase();
                Connection c = db.openConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('wal_level'),"
                        + " current_setting('max_replication_slots')::int, current_setting('max_wal_senders')::int")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("wal_level").isEqualTo("logical");
            assertThat(rs.getInt(2)).as("max_replication_slots").isPositive();
            assertThat(rs.getInt(3)).as("max_wal_senders").isPositive();
        }
    }

    @Test
    void testRoleMayCreateLogicalReplicationSlots() throws SQLException {
        try (TestDatabase db = server.createDatabase();
                Connection c = db.openConnection();
                Statement s = c.createStatement()) {
            assertThat(db.user()).isEqualTo(EmbeddedPostgresServer.USER);
            String slot = "slot_" + db.name();
            try (ResultSet rs = s.executeQuery(
                    "SELECT slot_name FROM pg_create_logical_replication_slot('" + slot + "', 'pgoutput')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(slot);
            }
            s.execute("SELECT pg_drop_replication_slot('" + slot + "')");
        }
    }

    @Test
    void describesItselfAsEmbeddedPostgres17() {
        assertThat(server.description()).matches("embedded PostgreSQL 17\\.\\d+ on port \\d+");
    }

    @Test
    void keepsItsFilesInADirectoryOfThisJvm() throws SQLException {
        Path directory = ((EmbeddedPostgresServer) server).directory();
        try (TestDatabase db = server.createDatabase();
                Connection c = db.openConnection()) {
            assertThat(Path.of(SharedServersIT.single(c, "SHOW data_directory")))
                    .startsWith(directory);
        }
        assertThat(directory.getFileName().toString()).startsWith("dbchange-postgres-");
    }
}
