package io.dbchange.examples.tutorial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command must keep telling the truth: the tutorial runs in a JVM of its own, as the command runs
 * it, every step goes as told, and the JVM ends by itself (no server or thread left behind) with status 0.
 */
class TutorialIT {

    @TempDir
    Path logs;

    record Run(int status, String out, String err) {}

    private Run tutorial(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dfile.encoding=UTF-8",
                "-Dstdout.encoding=UTF-8",
                Tutorial.class.getName()));
        command.addAll(List.of(args));
        Path out = logs.resolve("out.txt");
        Path err = logs.resolve("err.txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        // A JVM that does not end by itself has something left running; the tutorial takes about a minute.
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        Run run = new Run(
                ended ? process.exitValue() : -1,
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        assertThat(ended)
                .as("the tutorial's JVM ends by itself within 5 minutes; output so far:%n%s%n%s", run.out, run.err)
                .isTrue();
        return run;
    }

    @Test
    void tellsTheThreeStoriesStepByStepAndExitsZero() throws Exception {
        Run run = tutorial();

        assertThat(run.status())
                .as("exit status; output:%n%s%n%s", run.out(), run.err())
                .isZero();
        List<String> stepLines =
                run.out().lines().filter(l -> l.matches("^[✔✘–] \\d+\\. .*")).toList();
        assertThat(stepLines)
                .extracting(l -> l.substring(0, l.indexOf(':')))
                .containsExactly(
                        "✔ 1. Project TestAurora",
                        "✔ 2. Create database db_demo and table t1",
                        "✔ 3. Data change with rollback",
                        "✔ 4. Drift",
                        "✔ 5. Without custom approval flows",
                        "✔ 6. Prod DDL is HIGH risk",
                        "✔ 7. Custom role TESTER",
                        "✔ 8. Create database db_demo and table t1 on PostgreSQL",
                        "✔ 9. CREATE INDEX without CONCURRENTLY, then fixed",
                        "✔ 10. Data change with rollback on PostgreSQL");
        assertThat(run.out())
                .contains(
                        "WARNING column.no-null at 1:38",
                        "+ table t1",
                        "DELETE FROM `t1` WHERE `id` = 2",
                        "approved by dana",
                        "+ column t1.age",
                        "ALTER TABLE `t1` DROP COLUMN `age`;",
                        "HIGH from rule prod-ddl",
                        "APPROVAL_FORBIDDEN: request",
                        "step 1 of 3 waits for role TESTER",
                        "ERROR pg.require-concurrent-index at 1:1",
                        "⋯ 2. aurora-test/db_demo running (0/2 done)",
                        "✔ servers stopped",
                        "✔ no threads left running")
                .containsPattern("10 steps, 0 failed, in \\d+\\.\\d s");
    }

    @Test
    void jsonHasEveryStepOkForTooling() throws Exception {
        Run run = tutorial("--json");

        assertThat(run.status()).as("exit status; stderr:%n%s", run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("ok").asBoolean()).isTrue();
        assertThat(report.path("failed").asInt()).isZero();
        List<JsonNode> steps = new ArrayList<>();
        report.path("stories").forEach(story -> story.path("steps").forEach(steps::add));
        assertThat(steps).extracting(s -> s.path("number").asInt()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(steps).allSatisfy(s -> {
            assertThat(s.path("status").asText())
                    .as("step %s", s.path("number"))
                    .isEqualTo("ok");
            assertThat(s.path("result").asText()).isNotBlank();
        });
        assertThat(steps.get(8).path("details").findValuesAsText("text"))
                .anySatisfy(t -> assertThat(t).startsWith("ERROR pg.require-concurrent-index"));
        assertThat(steps.get(1).path("progress")).isNotEmpty();
        assertThat(report.path("cleanup").findValuesAsText("label")).containsOnly("ok");
    }
}
