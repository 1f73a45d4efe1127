package io.dbchange.core.sql;

import io.dbchange.api.sql.SourcePosition;
import java.util.Objects;

/**
 * Something in a script that prevents a reliable split, such as a string literal that is never closed. The splitter
 * reports problems as values and still returns every piece of the script.
 *
 * @param code a stable code, one of the constants of this record (for example {@link #UNTERMINATED_STRING})
 * @param message what is wrong and how to fix it, without the position
 * @param position where the offending construct starts
 */
public record SplitProblem(String code, String message, SourcePosition position) {

    /** A {@code '...'} or {@code "..."} string literal is not closed before the end of the script. */
    public static final String UNTERMINATED_STRING = "UNTERMINATED_STRING";
    /** A {@code `...`} (MySQL) or {@code "..."} (PostgreSQL) quoted identifier is not closed. */
    public static final String UNTERMINATED_QUOTED_IDENTIFIER = "UNTERMINATED_QUOTED_IDENTIFIER";
    /** A block comment (or a MySQL versioned comment) is not closed. */
    public static final String UNTERMINATED_COMMENT = "UNTERMINATED_COMMENT";
    /** A PostgreSQL {@code $tag$ ... $tag$} dollar-quoted string is not closed. */
    public static final String UNTERMINATED_DOLLAR_QUOTE = "UNTERMINATED_DOLLAR_QUOTE";
    /** A compound statement body ({@code BEGIN ... END}, {@code IF ... END IF}, {@code BEGIN ATOMIC ... END}) is not closed. */
    public static final String UNTERMINATED_BODY = "UNTERMINATED_BODY";
    /** A PostgreSQL statement ends the script inside parentheses after swallowing a {@code ;}. */
    public static final String UNCLOSED_PARENTHESIS = "UNCLOSED_PARENTHESIS";
    /** A MySQL {@code DELIMITER} command has no usable delimiter (missing, or containing a backslash). */
    public static final String INVALID_DELIMITER = "INVALID_DELIMITER";

    public SplitProblem {
        Objects.requireNonNull(code, "'code' must not be null");
        Objects.requireNonNull(message, "'message' must not be null");
        Objects.requireNonNull(position, "'position' must not be null");
    }

    @Override
    public String toString() {
        return code + " at " + position + ": " + message;
    }
}
