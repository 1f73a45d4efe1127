package io.dbchange.core.engine.internal;

import io.dbchange.api.sql.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A lexer that reads a statement's tokens just far enough to classify it by its keywords, for decisions such as
 * "this statement cannot run inside a transaction block" or "this statement ends a transaction".
 *
 * <p>It skips white space and comments ({@code --}, {@code /* *&#47;} nested in PostgreSQL, and {@code #} in
 * MySQL) and steps over string literals, quoted identifiers and PostgreSQL dollar-quoted bodies as single
 * tokens, so that a keyword inside a literal or comment is never taken for one in the statement. It is not a
 * parser: it does not validate, and an unterminated literal simply ends the token stream.
 *
 * <p>Tokens are: bare words (returned upper case), quoted names and literals (returned as {@link #QUOTED}), numbers
 * (as {@link #NUMBER}) and single punctuation characters (as themselves). MySQL executable comments
 * ({@code /*!50100 ...*&#47;}) are skipped like any comment.
 *
 * <pre>{@code
 * SqlWords.leading("-- why\ncreate index concurrently i on t (c)", Dialect.POSTGRESQL, 3)
 *     // -> [CREATE, INDEX, CONCURRENTLY]
 * }</pre>
 */
public final class SqlWords {

    /** The token that stands for any string literal, quoted identifier or dollar-quoted body. */
    public static final String QUOTED = "'…'";

    /** The token that stands for any number. */
    public static final String NUMBER = "0";

    private final String sql;
    private final Dialect dialect;
    private int pos;

    private SqlWords(String sql, Dialect dialect) {
        this.sql = sql;
        this.dialect = dialect;
    }

    /** The first {@code max} tokens of a statement (fewer if it is shorter). */
    public static List<String> leading(String sql, Dialect dialect, int max) {
        Objects.requireNonNull(sql, "'sql' must not be null");
        Objects.requireNonNull(dialect, "'dialect' must not be null");
        var lexer = new SqlWords(sql, dialect);
        var tokens = new ArrayList<String>();
        String token;
        while (tokens.size() < max && (token = lexer.next()) != null) {
            tokens.add(token);
        }
        return tokens;
    }

    /** Every token of a statement. */
    public static List<String> all(String sql, Dialect dialect) {
        return leading(sql, dialect, Integer.MAX_VALUE);
    }

    /** The next token, or {@code null} at the end of the text. */
    private String next() {
        skipBlanksAndComments();
        if (pos >= sql.length()) {
            return null;
        }
        char c = sql.charAt(pos);
        if (isWordStart(c)) {
            return word();
        }
        if (Character.isDigit(c)) {
            while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
                pos++;
            }
            return NUMBER;
        }
        if (c == '\'' || c == '"' || (c == '`' && dialect == Dialect.MYSQL)) {
            skipQuoted(c, dialect == Dialect.MYSQL && c != '`');
            return QUOTED;
        }
        if (c == '$' && dialect == Dialect.POSTGRESQL && dollarQuote()) {
            return QUOTED;
        }
        pos++;
        return String.valueOf(c);
    }

    private String word() {
        int start = pos;
        while (pos < sql.length() && isWordPart(sql.charAt(pos))) {
            pos++;
        }
        // E'...', B'...', X'...', N'...' and U&'...' prefixes make the word part of a literal.
        if (pos < sql.length() && sql.charAt(pos) == '\'' && pos - start <= 2) {
            String prefix = sql.substring(start, pos).toUpperCase(Locale.ROOT);
            if (prefix.equals("E") || prefix.equals("B") || prefix.equals("X") || prefix.equals("N")) {
                skipQuoted('\'', dialect == Dialect.MYSQL || prefix.equals("E"));
                return QUOTED;
            }
        }
        if (pos + 1 < sql.length()
                && dialect == Dialect.POSTGRESQL
                && sql.charAt(pos) == '&'
                && sql.charAt(pos + 1) == '\''
                && pos - start == 1
                && Character.toUpperCase(sql.charAt(start)) == 'U') {
            pos++;
            skipQuoted('\'', false);
            return QUOTED;
        }
        return sql.substring(start, pos).toUpperCase(Locale.ROOT);
    }

    private void skipBlanksAndComments() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                skipLine();
            } else if (c == '#' && dialect == Dialect.MYSQL) {
                skipLine();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void skipLine() {
        while (pos < sql.length() && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
            pos++;
        }
    }

    private void skipBlockComment() {
        pos += 2;
        int depth = 1;
        while (pos < sql.length() && depth > 0) {
            if (sql.charAt(pos) == '*' && peek(1) == '/') {
                depth--;
                pos += 2;
            } else if (dialect == Dialect.POSTGRESQL && sql.charAt(pos) == '/' && peek(1) == '*') {
                depth++;
                pos += 2;
            } else {
                pos++;
            }
        }
    }

    /** Skips a literal or identifier quoted by {@code quote}; a doubled quote stands for itself. */
    private void skipQuoted(char quote, boolean backslashEscapes) {
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos += 2;
            } else if (c == quote) {
                if (peek(1) == quote) {
                    pos += 2;
                } else {
                    pos++;
                    return;
                }
            } else {
                pos++;
            }
        }
    }

    /** Skips a {@code $tag$ ... $tag$} body if one starts here; false (nothing consumed) if this is no tag. */
    private boolean dollarQuote() {
        int end = pos + 1;
        while (end < sql.length() && isWordPart(sql.charAt(end)) && sql.charAt(end) != '$') {
            end++;
        }
        if (end >= sql.length()
                || sql.charAt(end) != '$'
                || (end > pos + 1 && Character.isDigit(sql.charAt(pos + 1)))) {
            return false;
        }
        String tag = sql.substring(pos, end + 1);
        int close = sql.indexOf(tag, end + 1);
        pos = close < 0 ? sql.length() : close + tag.length();
        return true;
    }

    private char peek(int ahead) {
        int at = pos + ahead;
        return at < sql.length() ? sql.charAt(at) : '\0';
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
