package io.dbchange.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresIT {

    @Test
    void serverHasLogicalWalAndReplicationSlots() throws SQLException {
        try (TestDatabase db = TestServers.postgres().createDatabase();
                Connection c = db.openConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('wal_level'),"
                        + " current_setting('max_replication_slots')::int, current_setting('max_wal_senders')::int")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("logical");
            assertThat(rs.getInt(2)).isPositive();
            assertThat(rs.getInt(3)).isPositive();
        }
    }

    @Test
    void describesItselfAsEmbeddedPostgres17() {
        assertThat(TestServers.postgres().description()).matches("embedded PostgreSQL 17\\.\\d+ on port \\d+");
        assertThat(TestServers.postgres().source()).isEqualTo(TestServerSource.EMBEDDED);
    }
}
