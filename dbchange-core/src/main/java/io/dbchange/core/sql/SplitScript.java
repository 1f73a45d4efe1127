package io.dbchange.core.sql;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.sql.SourcePosition;
import io.dbchange.api.sql.SqlStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A script cut into pieces by a {@link StatementSplitter}: every character of {@link #source()} belongs to exactly one
 * piece, in order, so {@link #reassemble()} returns the source unchanged.
 *
 * <pre>{@code
 * SplitScript script = StatementSplitter.forDialect(Dialect.MYSQL).split(text);
 * for (SqlStatement statement : script.statementsOrThrow()) { ... }
 * }</pre>
 *
 * @param source the script as given
 * @param pieces the pieces covering the script, in order; empty only for an empty script
 * @param problems constructs that prevented a reliable split, in order of position; empty when the split is sound
 */
public record SplitScript(String source, List<ScriptPiece> pieces, List<SplitProblem> problems) {

    public SplitScript {
        Objects.requireNonNull(source, "'source' must not be null");
        pieces = List.copyOf(Objects.requireNonNull(pieces, "'pieces' must not be null"));
        problems = List.copyOf(Objects.requireNonNull(problems, "'problems' must not be null"));
        int offset = 0;
        for (ScriptPiece piece : pieces) {
            if (piece.start().offset() != offset) {
                throw new IllegalArgumentException("pieces must cover the source without gaps: a " + piece.kind()
                        + " piece starts at offset " + piece.start().offset() + " where " + offset + " was expected");
            }
            offset = piece.endOffset();
        }
        if (offset != source.length()) {
            throw new IllegalArgumentException(
                    "pieces cover " + offset + " characters of a source of " + source.length() + " characters");
        }
    }

    /** Whether the script was split without problems. */
    public boolean isValid() {
        return problems.isEmpty();
    }

    /**
     * The statements of the script, in order, with their positions and delimiters. Empty statements (a delimiter with
     * nothing but white space or comments before it) are left out. Computed on each call.
     *
     * @return an unmodifiable list, never {@code null}
     */
    public List<SqlStatement> statements() {
        List<SqlStatement> statements = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            ScriptPiece piece = pieces.get(i);
            if (piece.kind() != ScriptPiece.Kind.STATEMENT) {
                continue;
            }
            ScriptPiece next = i + 1 < pieces.size() ? pieces.get(i + 1) : null;
            String delimiter = next != null && next.kind() == ScriptPiece.Kind.DELIMITER ? next.text() : "";
            SourcePosition end = next != null ? next.start() : endOf(piece);
            statements.add(new SqlStatement(statements.size(), piece.text(), piece.start(), end, delimiter));
        }
        return Collections.unmodifiableList(statements);
    }

    /**
     * The statements of the script, or an exception when the split found a problem.
     *
     * @throws DbChangeException with code {@link CoreErrorCode#SCRIPT_INVALID} naming the first problem and its
     *     line:column
     */
    public List<SqlStatement> statementsOrThrow() {
        if (!problems.isEmpty()) {
            SplitProblem first = problems.get(0);
            String more = problems.size() == 1
                    ? ""
                    : " (" + (problems.size() - 1) + " more problem" + (problems.size() == 2 ? "" : "s") + " after it)";
            throw new DbChangeException(
                    CoreErrorCode.SCRIPT_INVALID,
                    "script cannot be split into statements: " + first.message() + " (" + first.code()
                            + " at line:column " + first.position() + ")" + more);
        }
        return statements();
    }

    /** The concatenation of all pieces' texts; equal to {@link #source()} by construction. */
    public String reassemble() {
        StringBuilder text = new StringBuilder(source.length());
        for (ScriptPiece piece : pieces) {
            text.append(piece.text());
        }
        return text.toString();
    }

    private SourcePosition endOf(ScriptPiece piece) {
        int line = piece.start().line();
        int column = piece.start().column();
        int end = piece.endOffset();
        for (int i = piece.start().offset(); i < end; i++) {
            char c = source.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == source.length() || source.charAt(i + 1) != '\n'))) {
                line++;
                column = 1;
            } else if (c != '\r') {
                column++;
            }
        }
        return new SourcePosition(end, line, column);
    }
}
