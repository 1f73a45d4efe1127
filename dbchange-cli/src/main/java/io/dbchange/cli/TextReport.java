package io.dbchange.cli;

import io.dbchange.api.review.Finding;
import io.dbchange.api.review.Level;
import java.io.PrintWriter;
import java.util.List;

/**
 * Text for people: one line per finding, {@code path:line:col: LEVEL rule-id: message}, grouped by file in
 * command-line order, then a summary line {@code N errors, M warnings in K files (S statements)}. A finding about
 * the script as a whole has no position and reads {@code path: LEVEL rule-id: message}. What review could not check
 * (a rule that needs a database connection) follows a file's findings as {@code path: note rule-id: message}. Colour (ANSI) only when
 * asked for: the caller decides from the terminal and {@code NO_COLOR}.
 */
final class TextReport implements Report {

    private static final String RED = "\u001B[31m";
    private static final String YELLOW = "\u001B[33m";
    private static final String BOLD = "\u001B[1m";
    private static final String RESET = "\u001B[0m";

    private final boolean colour;

    TextReport(boolean colour) {
        this.colour = colour;
    }

    @Override
    public void write(List<FileReview> files, PrintWriter out) {
        for (FileReview file : files) {
            for (Finding finding : file.findings()) {
                StringBuilder line = new StringBuilder(file.path());
                finding.position()
                        .ifPresent(p ->
                                line.append(':').append(p.line()).append(':').append(p.column()));
                line.append(": ")
                        .append(paint(finding.level().name(), finding.level() == Level.ERROR ? RED : YELLOW))
                        .append(' ')
                        .append(paint(finding.ruleId(), BOLD))
                        .append(": ")
                        .append(finding.message());
                out.println(line);
            }
            for (var notice : file.notices()) {
                out.println(file.path() + ": note " + notice.ruleId() + ": " + notice.message());
            }
        }
        long errors = Report.count(files, Level.ERROR);
        long warnings = Report.count(files, Level.WARNING);
        out.println(plural(errors, "error") + ", " + plural(warnings, "warning") + " in " + plural(files.size(), "file")
                + " (" + plural(Report.statements(files), "statement") + ")");
        out.flush();
    }

    private String paint(String text, String ansi) {
        return colour ? ansi + text + RESET : text;
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
