package io.dbchange.testing;

import io.dbchange.testing.internal.EmbeddedMariaDbServer;
import io.dbchange.testing.internal.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Main class run in a child JVM by {@link JvmExitIT}: starts both embedded servers, selects Testcontainers, prints
 * what the parent checks after this JVM has exited, and exits normally (running the shutdown hooks).
 */
public final class ChildJvmProbe {

    private ChildJvmProbe() {}

    public static void main(String[] args) {
        CompletableFuture<TestServer> mysql = CompletableFuture.supplyAsync(TestServers::mysql);
        TestServer postgres = TestServers.postgres();
        report("mysql", ((EmbeddedMariaDbServer) mysql.join()).directory());
        report("postgres", ((EmbeddedPostgresServer) postgres).directory());
        try {
            TestServers.start(TestServerSettings.testcontainers());
            System.out.println("testcontainers-error=none");
        } catch (RuntimeException e) {
            System.out.println("testcontainers-error=" + e.getMessage());
        }
        System.exit(0);
    }

    private static void report(String name, Path directory) {
        System.out.println(name + "-dir=" + directory);
        ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .commandLine()
                        .map(c -> c.contains(directory.resolve("data").toString()))
                        .orElse(false))
                .forEach(p -> System.out.println(name + "-pid=" + p.pid()));
    }
}
