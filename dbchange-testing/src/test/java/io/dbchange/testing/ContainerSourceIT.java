package io.dbchange.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The opt-in Testcontainers source. Where Docker runs, it must start MySQL 8.4 with the binlog settings; where it
 * does not (as on the project's build machines), selecting it must fail at once with a message naming the fix.
 */
class ContainerSourceIT {

    @Test
    void startsMySql84WithRowBinlogOrExplainsThatDockerIsMissing() throws SQLException {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            assertThatThrownBy(() -> TestServers.start(TestServerSettings.testcontainers()))
                    .isInstanceOf(DbChangeException.class)
                    .hasMessage("TEST_SERVER_UNAVAILABLE: DBCHANGE_TEST_MYSQL=testcontainers selects a MySQL container,"
                            + " but Testcontainers found no Docker environment; start Docker (or set DOCKER_HOST), or"
                            + " unset DBCHANGE_TEST_MYSQL to use the embedded MariaDB")
                    .extracting(e -> ((DbChangeException) e).code())
                    .isEqualTo(CoreErrorCode.TEST_SERVER_UNAVAILABLE);
            return;
        }
        TestServer server = TestServers.start(TestServerSettings.testcontainers());
        assertThat(server.source()).isEqualTo(TestServerSource.TESTCONTAINERS);
        try (TestDatabase db = server.createDatabase();
                Connection c = db.openConnection()) {
            assertThat(SharedServersIT.single(c, "SELECT VERSION()")).startsWith("8.4.");
            assertThat(SharedServersIT.single(c, "SELECT @@binlog_format")).isEqualTo("ROW");
            assertThat(SharedServersIT.single(c, "SELECT @@binlog_row_image")).isEqualTo("FULL");
            assertThat(SharedServersIT.single(c, "SELECT @@binlog_row_metadata"))
                    .isEqualTo("FULL");
        }
    }
}
