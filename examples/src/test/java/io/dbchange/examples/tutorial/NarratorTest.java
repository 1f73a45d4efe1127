package io.dbchange.examples.tutorial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the tutorial keeps score: a step that does not go as told fails the run, and its story stops there. */
class NarratorTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private void twoStoriesWithAMismatchInTheFirst(Narrator narrator) {
        narrator.story(1, "first");
        narrator.step(1, "works", step -> {
            step.detail("review", "WARNING column.no-null at 1:38");
            return "as told";
        });
        narrator.step(2, "breaks", step -> {
            Expect.equal("task on test/db", "DONE", "WAITING CHECKS");
            return "never";
        });
        narrator.step(3, "builds on 2", step -> "never runs");
        narrator.story(2, "second");
        narrator.step(4, "independent", step -> "as told");
    }

    @Test
    void aMismatchFailsItsStepSkipsTheRestOfItsStoryAndFailsTheRun() {
        Narrator narrator = Narrator.text(out, false, false);
        twoStoriesWithAMismatchInTheFirst(narrator);

        assertThat(narrator.finish(Duration.ofSeconds(3))).isFalse();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .contains("ok 1. works: as told")
                .contains("     review    WARNING column.no-null at 1:38")
                .contains("FAIL 2. breaks: task on test/db: expected DONE but saw WAITING CHECKS")
                .contains("skip 3. builds on 2: skipped: step 2 failed")
                .contains("ok 4. independent: as told")
                .contains("4 steps, 1 failed, in 3.0 s: the tutorial did not go as told");
    }

    @Test
    void jsonSaysTheSameForTooling() throws Exception {
        Narrator narrator = Narrator.json(out);
        twoStoriesWithAMismatchInTheFirst(narrator);
        narrator.finish(Duration.ofSeconds(3));

        JsonNode report = new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8));
        assertThat(report.path("ok").asBoolean()).isFalse();
        assertThat(report.path("failed").asInt()).isEqualTo(1);
        assertThat(report.path("stories").get(0).path("steps"))
                .extracting(s -> s.path("status").asText())
                .containsExactly("ok", "failed", "skipped");
        assertThat(report.path("stories")
                        .get(0)
                        .path("steps")
                        .get(1)
                        .path("result")
                        .asText())
                .isEqualTo("task on test/db: expected DONE but saw WAITING CHECKS");
    }

    @Test
    void anUnexpectedExceptionFailsTheStepToo() {
        Narrator narrator = Narrator.text(out, true, false);
        narrator.story(1, "only");
        narrator.step(1, "throws", step -> {
            throw new IllegalStateException("server gone");
        });

        assertThat(narrator.finish(Duration.ZERO)).isFalse();
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("✘ 1. throws: unexpected java.lang.IllegalStateException: server gone");
    }
}
