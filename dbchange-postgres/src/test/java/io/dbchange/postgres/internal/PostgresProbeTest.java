package io.dbchange.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresProbeTest {

    @ParameterizedTest(name = "{0} is {1}.{2}")
    @CsvSource({"170006, 17, 6", "100023, 10, 23", "90624, 9, 6", "90500, 9, 5"})
    void readsMajorAndMinorFromServerVersionNum(int versionNum, int major, int minor) {
        assertThat(PostgresProbe.major(versionNum)).isEqualTo(major);
        assertThat(PostgresProbe.minor(versionNum)).isEqualTo(minor);
    }
}
