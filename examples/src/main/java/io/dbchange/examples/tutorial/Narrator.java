package io.dbchange.examples.tutorial;

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

    /** The step being told: its body adds details with {@link #detail}. */
    final class Step {
        private final StepReport report;

        private Step(StepReport report) {
            this.report = report;
        }

        /** A detail shown indented under the step, e.g. {@code detail("review", "WARNING column.no-null at 1:35")}. */
        void detail(String label, String text) {
            synchronized (Narrator.this) {
                report.details.add(new Detail(label, text.strip()));
            }
        }
    }

    record Detail(String label, String text) {}

    /** A step as reported, also the JSON shape of a step. */
    static final class StepReport {
        public final int number;
        public final String title;
        public String status = "running";
        public String result = "";
        public double seconds;
        public final List<Detail> details = new ArrayList<>();
        public final List<String> progress = new ArrayList<>();

        StepReport(int number, String title) {
            this.number = number;
            this.title = title;
        }
    }

    /** A story as reported, also the JSON shape of a story. */
    static final class StoryReport {
        public final int number;
        public final String title;
        public final List<StepReport> steps = new ArrayList<>();

        StoryReport(int number, String title) {
            this.number = number;
            this.title = title;
        }
    }

    /** The whole run, the JSON document. */
    static final class Report {
        public String title;
        public final List<Detail> setup = new ArrayList<>();
        public final List<StoryReport> stories = new ArrayList<>();
        public final List<Detail> cleanup = new ArrayList<>();
        public boolean ok;
        public int steps;
        public int failed;
        public double seconds;
    }

    private final PrintStream out;
    private final boolean json;
    private final Style style;
    private final Report report = new Report();
    private StoryReport story;
    private StepReport step;
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
        report.title = title;
        if (!json) {
            line(style.bold(title));
        }
    }

    /** A setup line (servers, accounts), before the stories. */
    synchronized void setup(String label, String text) {
        report.setup.add(new Detail(label, text));
        if (!json) {
            printDetail(new Detail(label, text), "  ");
        }
    }

    synchronized void story(int number, String title) {
        story = new StoryReport(number, title);
        storyFailure = null;
        report.stories.add(story);
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
        StepReport current;
        synchronized (this) {
            current = new StepReport(number, title);
            story.steps.add(current);
            report.steps++;
            if (storyFailure != null) {
                current.status = "skipped";
                current.result = "skipped: " + storyFailure;
                printStep(current);
                return;
            }
            step = current;
        }
        long started = System.nanoTime();
        String result;
        String status;
        try {
            result = body.run(new Step(current));
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
            current.seconds = (System.nanoTime() - started) / 1e9;
            current.status = status;
            current.result = result;
            if (!status.equals("ok")) {
                report.failed++;
                storyFailure = "step " + number + " failed";
            }
            printStep(current);
        }
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
        report.cleanup.add(new Detail(ok ? "ok" : "failed", text));
        if (!ok) {
            report.failed++;
        }
        if (!json) {
            line("  " + (ok ? style.ok() : style.fail()) + " " + text);
        }
    }

    /** Prints the summary (text) or the document (JSON); returns whether every step and cleanup check passed. */
    synchronized boolean finish(Duration elapsed) {
        report.seconds = elapsed.toMillis() / 1000.0;
        report.ok = report.failed == 0;
        if (json) {
            try {
                line(new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(report));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            blankLine();
            String summary = String.format(
                    Locale.ROOT, "%d steps, %d failed, in %.1f s", report.steps, report.failed, report.seconds);
            line(report.ok ? style.green(summary) : style.red(summary + ": the tutorial did not go as told"));
        }
        out.flush();
        return report.ok;
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
        String glyph = switch (s.status) {
            case "ok" -> style.ok();
            case "skipped" -> style.skip();
            default -> style.fail();
        };
        String time = s.status.equals("skipped") ? "" : style.dim(String.format(Locale.ROOT, "  (%.1f s)", s.seconds));
        line(glyph + " " + s.number + ". " + s.title + ": " + s.result + time);
        for (Detail d : s.details) {
            printDetail(d, "     ");
        }
        if (!s.details.isEmpty()) {
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
