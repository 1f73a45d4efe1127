package io.dbchange.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What happens when a test JVM ends, observed from outside: {@link ChildJvmProbe} runs in a child JVM whose class
 * path lacks Testcontainers, starts both embedded servers and exits.
 */
class JvmExitIT {

    private static Map<String, String> report;
    private static String output;

    @BeforeAll
    static void runChildJvm() throws IOException, InterruptedException {
        // Failsafe puts the real test class path here (java.class.path is only its booter jar).
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String withoutTestcontainers = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.contains("testcontainers") && !entry.contains("docker-java"))
                .collect(Collectors.joining(File.pathSeparator));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", withoutTestcontainers, ChildJvmProbe.class.getName()))
                .redirectErrorStream(true)
                .start();
        output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        report = new LinkedHashMap<>();
        output.lines()
                .filter(line -> line.matches("[a-z]+-(dir|pid|error)=.*"))
                .forEach(line ->
                        report.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
    }

    @Test
    void stopsBothServersWhenTheJvmExits() throws InterruptedException {
        for (String server : List.of("mysql", "postgres")) {
            assertThat(report).as(output).containsKey(server + "-pid");
            long pid = Long.parseLong(report.get(server + "-pid"));
            assertThat(waitUntilGone(pid))
                    .as("%s server process %d after the JVM exited", server, pid)
                    .isTrue();
        }
    }

    @Test
    void deletesTheServerDirectoriesWhenTheJvmExits() {
        for (String server : List.of("mysql", "postgres")) {
            assertThat(report).as(output).containsKey(server + "-dir");
            assertThat(Path.of(report.get(server + "-dir"))).as(output).doesNotExist();
        }
    }

    @Test
    void startsEmbeddedServersWithoutTestcontainersOnTheClassPath() {
        assertThat(report.get("testcontainers-error"))
                .as(output)
                .startsWith("TEST_SERVER_UNAVAILABLE: DBCHANGE_TEST_MYSQL=testcontainers selects a MySQL container,"
                        + " but Testcontainers is not on the test class path");
    }

    private static boolean waitUntilGone(long pid) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                Thread.sleep(100);
            } else {
                return true;
            }
        }
        return false;
    }
}
