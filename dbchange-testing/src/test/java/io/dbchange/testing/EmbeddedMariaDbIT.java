package io.dbchange.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedMariaDbIT {

    @Test
    void serverWritesRowBasedBinlogWithFullImagesAndMetadata() throws SQLException {
        try (TestDatabase db = TestServers.mysql().createDatabase();
                Connection c = db.openConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@log_bin, @@binlog_format, @@binlog_row_image, @@server_id,"
                        + " @@binlog_row_metadata")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("1");
            assertThat(rs.getString(2)).isEqualTo("ROW");
            assertThat(rs.getString(3)).isEqualTo("FULL");
            assertThat(rs.getInt(4)).isEqualTo(1);
            assertThat(rs.getString(5)).isEqualTo("FULL");
        }
    }

    @Test
    void describesItselfAsEmbeddedMariaDb() {
        assertThat(TestServers.mysql().description()).matches("embedded MariaDB 11\\.4\\.\\d+ on port \\d+");
        assertThat(TestServers.mysql().source()).isEqualTo(TestServerSource.EMBEDDED);
    }
}
