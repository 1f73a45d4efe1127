package io.dbchange.testing.internal;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.testing.TestServer;

/**
 * The only way to {@link TestcontainersMySqlServer}: checks that Testcontainers is on the class path before that
 * class (which links against it) is loaded, so that {@code org.testcontainers:mysql} stays an optional dependency.
 */
public final class TestcontainersGate {

    /** A class of {@code org.testcontainers:mysql}, the artifact users add to opt in. */
    static final String MYSQL_CONTAINER_CLASS = "org.testcontainers.containers.MySQLContainer";

    private TestcontainersGate() {}

    /**
     * Starts a MySQL 8.4 container.
     *
     * @throws DbChangeException with {@code TEST_SERVER_UNAVAILABLE} if Testcontainers is missing from the class
     *     path or finds no Docker environment
     */
    public static TestServer startMySql() {
        requireTestcontainers(TestcontainersGate.class.getClassLoader());
        return TestcontainersMySqlServer.start();
    }

    /** Throws a {@code TEST_SERVER_UNAVAILABLE} error naming the missing artifact if the loader cannot see it. */
    static void requireTestcontainers(ClassLoader loader) {
        try {
            Class.forName(MYSQL_CONTAINER_CLASS, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new DbChangeException(
                    CoreErrorCode.TEST_SERVER_UNAVAILABLE,
                    "DBCHANGE_TEST_MYSQL=testcontainers selects a MySQL container, but Testcontainers is not on the"
                            + " test class path (" + MYSQL_CONTAINER_CLASS + " not found); add the test dependency"
                            + " org.testcontainers:mysql, or unset DBCHANGE_TEST_MYSQL to use the embedded MariaDB",
                    e);
        }
    }
}
