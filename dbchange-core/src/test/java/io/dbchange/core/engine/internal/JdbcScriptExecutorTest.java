package io.dbchange.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcScriptExecutorTest {

    @ParameterizedTest(name = "{0} -> {1} s")
    @CsvSource({"PT0S, 0", "PT0.001S, 1", "PT1S, 1", "PT1.5S, 2", "PT2S, 2", "PT2.000000001S, 3", "PT10M, 600"})
    void roundsTheStatementTimeoutUpToWholeSeconds(Duration timeout, int seconds) {
        assertThat(JdbcScriptExecutor.timeoutSeconds(timeout)).isEqualTo(seconds);
    }
}
