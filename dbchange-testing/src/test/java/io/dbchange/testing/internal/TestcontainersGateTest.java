package io.dbchange.testing.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class TestcontainersGateTest {

    @Test
    void explainsHowToAddTestcontainersWhenItIsMissing() throws Exception {
        // A loader that sees only the JDK, as a user's test class path without org.testcontainers:mysql would.
        try (URLClassLoader withoutTestcontainers =
                new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> TestcontainersGate.requireTestcontainers(withoutTestcontainers))
                    .isInstanceOf(DbChangeException.class)
                    .hasMessage("TEST_SERVER_UNAVAILABLE: DBCHANGE_TEST_MYSQL=testcontainers selects a MySQL container,"
                            + " but Testcontainers is not on the test class path"
                            + " (org.testcontainers.containers.MySQLContainer not found); add the test dependency"
                            + " org.testcontainers:mysql, or unset DBCHANGE_TEST_MYSQL to use the embedded MariaDB")
                    .extracting(e -> ((DbChangeException) e).code())
                    .isEqualTo(CoreErrorCode.TEST_SERVER_UNAVAILABLE);
        }
    }

    @Test
    void acceptsAClassPathWithTestcontainers() {
        assertThatCode(() -> TestcontainersGate.requireTestcontainers(getClass().getClassLoader()))
                .doesNotThrowAnyException();
    }
}
