package io.dbchange.examples.tutorial;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.pipeline.PipelineEvent;
import io.dbchange.api.pipeline.PipelineListener;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Tells the tutorial: one line per step with its result and indented details, live progress lines while a rollout
 * runs, and a summary; or, with {@code --json}, the same as one JSON document for tooling. It also keeps the score:
 * a step whose body throws (a {@link Expect.Mismatch} or anything else) fails, and the rest of its story is skipped.
 *
 * <p>Progress arrives from pipeline worker threads, so the methods that record are synchronized.
 */
final class Narrator {

    /** What a step's body does; returns its result in a few words. */
    @FunctionalInterface
    interface StepBody {
        String run(Step step) throws Exception;
    }

    /** The step being told: its body adds details with {@link #detail}; pipeline events add progress lines. */
    final class Step {
        private final int number;
        private final String title;
        private final List<Detail> details = new ArrayList<>();
        private final List<String> progress = new ArrayList<>();

        private Step(int number, String title) {
            this.number = number;
            this.title = title;
        }

        /** A detail shown indented under the step, e.g. {@code detail("review", "WARNING column.no-null at 1:35")}. */
        void detail(String label, String text) {
            synchronized (Narrator.this) {
                details.add(new Detail(label, text.strip()));
            }
        }

        private StepReport report(String status, String result, double seconds) {
            return new StepReport(number, title, status, result, seconds, List.copyOf(details), List.copyOf(progress));
        }
    }

    /** A labelled line (or lines) of text under a step, the setup or the cleanup. */
    record Detail(String label, String text) {}

    /** How a step went; {@code status} is {@code ok}, {@code failed} or {@code skipped}. Also its JSON shape. */
    record StepReport(
            int number,
            String title,
            String status,
            String result,
            double seconds,
            List<Detail> details,
            List<String> progress) {}

    /** A story and its steps so far (the list grows while the story is told). Also its JSON shape. */
    record StoryReport(int number, String title, List<StepReport> steps) {}

    /** The JSON document of a whole run. */
    record Report(
            String title,
            boolean ok,
            int steps,
            int failed,
            double seconds,
            List<Detail> setup,
            List<StoryReport> stories,
            List<Detail> cleanup) {}

    private final PrintStream out;
    private final boolean json;
    private final Style style;
    private String title = "";
    private final List<Detail> setup = new ArrayList<>();
    private final List<StoryReport> stories = new ArrayList<>();
    private final List<Detail> cleanup = new ArrayList<>();
    private int steps;
    private int failed;
    private StoryReport story;
    private Step step;
    private String storyFailure;

    private Narrator(PrintStream out, boolean json, Style style) {
        this.out = out;
        this.json = json;
        this.style = style;
    }

    /** Text for people; {@code unicode} picks ✔/✘ over ok/FAIL, {@code color} adds ANSI colours. */
    static Narrator text(PrintStream out, boolean unicode, boolean color) {
        return new Narrator(out, false, new Style(unicode, color));
    }

    /** One JSON document on {@code out}, written by {@link #finish}. */
    static Narrator json(PrintStream out) {
        return new Narrator(out, true, new Style(false, false));
    }

    /** Whether stdout can show ✔ and friends: its encoding is UTF-8 (JDK 19+ says so in {@code stdout.encoding}). */
    static boolean unicodeStdout() {
        String encoding = System.getProperty(
                "stdout.encoding",
                System.getProperty(
                        "sun.stdout.encoding", Charset.defaultCharset().name()));
        return encoding.toUpperCase(Locale.ROOT).replace("-", "").equals("UTF8");
    }

    synchronized void title(String title) {
        this.title = title;
        if (!json) {
            line(style.bold(title));
        }
    }

    /** A setup line (servers, accounts), before the stories. */
    synchronized void setup(String label, String text) {
        setup.add(new Detail(label, text));
        if (!json) {
            printDetail(new Detail(label, text), "  ");
        }
    }

    synchronized void story(int number, String title) {
        story = new StoryReport(number, title, new ArrayList<>());
        storyFailure = null;
        stories.add(story);
        if (!json) {
            blankLine();
            line(style.bold("Story " + number + " " + style.dash + " " + title));
            blankLine();
        }
    }

    /**
     * Runs one step: its body's result (or failure) becomes the step's line. After a failed step the story's later
     * steps are skipped: they build on it.
     */
    void step(int number, String title, StepBody body) {
        Step current;
        synchronized (this) {
            steps++;
            if (storyFailure != null) {
                record(new StepReport(number, title, "skipped", "skipped: " + storyFailure, 0, List.of(), List.of()));
                return;
            }
            current = new Step(number, title);
            step = current;
        }
        long started = System.nanoTime();
        String result;
        String status;
        try {
            result = body.run(current);
            status = "ok";
        } catch (Expect.Mismatch e) {
            result = e.getMessage();
            status = "failed";
        } catch (Exception e) {
            result = "unexpected " + e;
            status = "failed";
        }
        synchronized (this) {
            step = null;
            if (!status.equals("ok")) {
                failed++;
                storyFailure = "step " + number + " failed";
            }
            record(current.report(status, result, (System.nanoTime() - started) / 1e9));
        }
    }

    private void record(StepReport report) {
        story.steps().add(report);
        printStep(report);
    }

    /** A progress line of the running step, shown at once (text) and kept with the step (JSON). */
    synchronized void progress(String line) {
        if (step != null) {
            step.progress.add(line);
        }
        if (!json) {
            String prefix = step == null ? "" : step.number + ". ";
            line(style.dim("     " + style.progress + " " + prefix + line));
        }
    }

    /** Turns pipeline events into progress lines: tasks starting and ending, checks that block. */
    PipelineListener listener() {
        return event -> {
            if (event instanceof PipelineEvent.TaskStarted e) {
                progress(e.database() + " running (" + e.progress() + " done)");
            } else if (event instanceof PipelineEvent.TaskFinished e) {
                progress(e.database() + " " + e.status() + " (" + e.progress() + " done)");
            } else if (event instanceof PipelineEvent.TaskFailed e) {
                progress(e.database() + " FAILED (" + e.progress() + " done): " + e.error());
            } else if (event instanceof PipelineEvent.CheckFinished e && e.blocked()) {
                progress(e.database() + " blocked by checks: "
                        + e.results().stream()
                                .filter(CheckResult::blocks)
                                .map(CheckResult::code)
                                .collect(Collectors.joining(", ")));
            }
        };
    }

    /** A cleanup line; {@code ok} false counts as a failure. */
    synchronized void cleanup(boolean ok, String text) {
        cleanup.add(new Detail(ok ? "ok" : "failed", text));
        if (!ok) {
            failed++;
        }
        if (!json) {
            line("  " + (ok ? style.ok() : style.fail()) + " " + text);
        }
    }

    /** Prints the summary (text) or the document (JSON); returns whether every step and cleanup check passed. */
    synchronized boolean finish(Duration elapsed) {
        double seconds = elapsed.toMillis() / 1000.0;
        boolean ok = failed == 0;
        if (json) {
            try {
                line(new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(new Report(title, ok, steps, failed, seconds, setup, stories, cleanup)));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            blankLine();
            String summary = String.format(Locale.ROOT, "%d steps, %d failed, in %.1f s", steps, failed, seconds);
            line(ok ? style.green(summary) : style.red(summary + ": the tutorial did not go as told"));
        }
        out.flush();
        return ok;
    }

    private boolean atBlankLine = true;

    private void line(String text) {
        out.println(text);
        atBlankLine = false;
    }

    /** One empty line, however many callers ask in a row. */
    private void blankLine() {
        if (!atBlankLine) {
            out.println();
            atBlankLine = true;
        }
    }

    private void printStep(StepReport s) {
        if (json) {
            return;
        }
        String glyph = switch (s.status()) {
            case "ok" -> style.ok();
            case "skipped" -> style.skip();
            default -> style.fail();
        };
        String time =
                s.status().equals("skipped") ? "" : style.dim(String.format(Locale.ROOT, "  (%.1f s)", s.seconds()));
        line(glyph + " " + s.number() + ". " + s.title() + ": " + s.result() + time);
        for (Detail d : s.details()) {
            printDetail(d, "     ");
        }
        if (!s.details().isEmpty()) {
            blankLine();
        }
    }

    private void printDetail(Detail d, String indent) {
        String pad = " ".repeat(Math.max(1, 10 - d.label().length()));
        String continuation = indent + " ".repeat(Math.max(d.label().length() + pad.length(), 11));
        List<String> lines = d.text().lines().toList();
        line(indent + style.dim(d.label()) + pad + (lines.isEmpty() ? "" : lines.get(0)));
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            line(continuation + line);
        }
    }

    /** Glyphs and colours of the text output. */
    private static final class Style {
        final boolean color;
        final String okGlyph;
        final String failGlyph;
        final String skipGlyph;
        final String progress;
        final String dash;

        Style(boolean unicode, boolean color) {
            this.color = color;
            this.okGlyph = unicode ? "✔" : "ok";
            this.failGlyph = unicode ? "✘" : "FAIL";
            this.skipGlyph = unicode ? "–" : "skip";
            this.progress = unicode ? "⋯" : "..";
            this.dash = unicode ? "—" : "-";
        }

        String ok() {
            return green(okGlyph);
        }

        String fail() {
            return red(failGlyph);
        }

        String skip() {
            return dim(skipGlyph);
        }

        String green(String s) {
            return ansi("32", s);
        }

        String red(String s) {
            return ansi("31", s);
        }

        String dim(String s) {
            return ansi("2", s);
        }

        String bold(String s) {
            return ansi("1", s);
        }

        private String ansi(String code, String s) {
            return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
        }
    }
}
