package io.dbchange.core.sql;

import io.dbchange.api.sql.SourcePosition;
import java.util.Objects;

/**
 * One contiguous run of a script's text. The pieces of a {@link SplitScript} cover the script without gaps or
 * overlaps, in order, so concatenating their texts gives the script back.
 *
 * @param kind what the text is
 * @param text the text exactly as written, never empty
 * @param start the position of the piece's first character in the script
 */
public record ScriptPiece(Kind kind, String text, SourcePosition start) {

    public ScriptPiece {
        Objects.requireNonNull(kind, "'kind' must not be null");
        Objects.requireNonNull(text, "'text' must not be null");
        Objects.requireNonNull(start, "'start' must not be null");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("'text' must not be empty (a " + kind + " piece at " + start + ")");
        }
    }

    /** The offset just after the piece's last character. */
    public int endOffset() {
        return start.offset() + text.length();
    }

    /** What a piece of a script is. */
    public enum Kind {
        /**
         * A statement's text from its first significant character up to, not including, its delimiter. Comments inside
         * the statement are part of it; a PostgreSQL {@code COPY ... FROM STDIN} statement also carries its inline data
         * rows (see {@link CopyFromStdin}).
         */
        STATEMENT,
        /**
         * The terminator as written: {@code ;}, a MySQL {@code DELIMITER} value such as {@code $$}, or the {@code \.}
         * line that ends PostgreSQL {@code COPY} data. A delimiter with no statement before it (as in {@code ;;}) ends an
         * empty statement, which yields no {@link io.dbchange.api.sql.SqlStatement}.
         */
        DELIMITER,
        /** White space and comments between statements (including a byte order mark at the start). */
        TRIVIA,
        /** A MySQL client {@code DELIMITER xx} line, without its line break. */
        DELIMITER_COMMAND
    }
}
