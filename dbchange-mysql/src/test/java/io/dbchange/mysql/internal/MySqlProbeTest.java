package io.dbchange.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.engine.Product;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MySqlProbeTest {

    @ParameterizedTest(name = "{0} / {1} is {2}")
    @CsvSource({
        "11.4.5-MariaDB-log, mariadb.org binary distribution, MARIADB",
        "10.6.16, MariaDB Server, MARIADB",
        "8.0.36, MySQL Community Server - GPL, MYSQL",
        "8.0.mysql_aurora.3.05.2, Source distribution, MYSQL"
    })
    void tellsMariaDbFromMySqlByVersionAndComment(String version, String comment, Product product) {
        assertThat(MySqlProbe.product(version, comment)).isEqualTo(product);
    }

    @ParameterizedTest(name = "{0} is {1}.{2}")
    @CsvSource({"11.4.5-MariaDB-log, 11, 4", "8.0.36, 8, 0", "17.6, 17, 6", "9, 9, 0", "'', 0, 0", "x.1, 0, 0"})
    void readsMajorAndMinorFromTheVersion(String version, int major, int minor) {
        assertThat(MySqlProbe.majorMinor(version)).containsExactly(major, minor);
    }
}
