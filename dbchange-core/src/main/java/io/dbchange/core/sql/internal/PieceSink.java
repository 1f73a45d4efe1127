package io.dbchange.core.sql.internal;

import io.dbchange.core.sql.ScriptPiece;
import io.dbchange.core.sql.ScriptPiece.Kind;
import io.dbchange.core.sql.SplitProblem;
import io.dbchange.core.sql.SplitScript;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the pieces a scanner cuts. The scanner reports significant tokens, delimiters and client commands by offset;
 * everything between them that is not part of a statement becomes trivia, so the pieces always cover the script.
 */
final class PieceSink {

    private final String source;
    private final LineTracker lines;
    private final List<ScriptPiece> pieces = new ArrayList<>();
    private final List<RawProblem> problems = new ArrayList<>(0);

    /** Start of the text not yet emitted as a piece. */
    private int gapStart;
    /** Start of the statement in progress, or -1 between statements. */
    private int statementStart = -1;
    /** End of the last significant token of the statement in progress. */
    private int significantEnd = -1;

    PieceSink(String source) {
        this.source = source;
        this.lines = new LineTracker(source);
    }

    boolean inStatement() {
        return statementStart >= 0;
    }

    /** A token that belongs to a statement (anything but white space and plain comments) spans {@code [start, end)}. */
    void significant(int start, int end) {
        if (statementStart < 0) {
            emit(Kind.TRIVIA, gapStart, start);
            statementStart = start;
        }
        significantEnd = end;
    }

    /** A delimiter spans {@code [start, end)}; it ends the statement in progress, or an empty one. */
    void delimiter(int start, int end) {
        if (statementStart >= 0) {
            emit(Kind.STATEMENT, statementStart, start);
            statementStart = -1;
        } else {
            emit(Kind.TRIVIA, gapStart, start);
        }
        emit(Kind.DELIMITER, start, end);
        gapStart = end;
    }

    /** A client command line spans {@code [start, end)}; it may only come between statements. */
    void delimiterCommand(int start, int end) {
        emit(Kind.TRIVIA, gapStart, start);
        emit(Kind.DELIMITER_COMMAND, start, end);
        gapStart = end;
    }

    void problem(String code, String message, int offset) {
        problems.add(new RawProblem(code, message, offset));
    }

    int problemCount() {
        return problems.size();
    }

    /** Ends the script: a statement in progress ends after its last significant token, without a delimiter. */
    SplitScript finish() {
        if (statementStart >= 0) {
            emit(Kind.STATEMENT, statementStart, significantEnd);
            gapStart = significantEnd;
            statementStart = -1;
        }
        emit(Kind.TRIVIA, gapStart, source.length());
        List<SplitProblem> resolved = new ArrayList<>(problems.size());
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(RawProblem::offset));
            LineTracker problemLines = new LineTracker(source);
            for (RawProblem problem : problems) {
                resolved.add(new SplitProblem(problem.code(), problem.message(), problemLines.at(problem.offset())));
            }
        }
        return new SplitScript(source, pieces, resolved);
    }

    private void emit(Kind kind, int start, int end) {
        if (end > start) {
            pieces.add(new ScriptPiece(kind, source.substring(start, end), lines.at(start)));
            gapStart = end;
        }
    }

    private record RawProblem(String code, String message, int offset) {}
}
