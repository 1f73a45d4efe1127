package io.dbchange.core.sql.internal;

import io.dbchange.core.sql.SplitProblem;
import io.dbchange.core.sql.SplitScript;

/**
 * One pass over a MySQL/MariaDB script, as the {@code mysql} client reads it.
 *
 * <p>At each position outside strings and comments the current delimiter is tried first (so {@code END$$} ends at
 * {@code $$} even though {@code $} is an identifier character), then comments, quotes and words. Every loop moves
 * forward by at least one character and no character is examined more than a constant number of times (block comments
 * end at the first {@code *}{@code /}, which {@link String#indexOf(String, int)} finds without backtracking), so the
 * scan is linear in the script's length whatever its content.
 */
final class MySqlScanner {

    private final String src;
    private final int n;
    private final boolean backslashEscapes;
    private final PieceSink sink;
    private final MySqlBlocks blocks;
    private String delimiter = ";";
    /** Whether the delimiter can start inside a word, so words must stop where it begins. */
    private boolean delimiterStartsLikeWord;

    MySqlScanner(String src, boolean backslashEscapes) {
        this.src = src;
        this.n = src.length();
        this.backslashEscapes = backslashEscapes;
        this.sink = new PieceSink(src);
        this.blocks = new MySqlBlocks(src);
    }

    SplitScript run() {
        int i = 0;
        boolean lineStart = true;
        while (i < n) {
            char c = src.charAt(i);
            if (Chars.isLineBreak(c)) {
                lineStart = true;
                i++;
                continue;
            }
            if (Chars.isBlank(c)) {
                i++;
                continue;
            }
            if (lineStart) {
                lineStart = false;
                if ((c == 'd' || c == 'D') && !sink.inStatement()) {
                    int end = delimiterCommand(i);
                    if (end >= 0) {
                        i = end;
                        continue;
                    }
                }
            }
            if (src.startsWith(delimiter, i)) {
                if (delimiter.equals(";") && blocks.holdsDelimiter()) {
                    sink.significant(i, i + 1);
                    blocks.punct(';');
                    i++;
                } else {
                    sink.delimiter(i, i + delimiter.length());
                    blocks.reset();
                    i += delimiter.length();
                }
                continue;
            }
            i = token(i, c);
        }
        if (delimiter.equals(";") && blocks.unclosedOffset() >= 0) {
            sink.problem(
                    SplitProblem.UNTERMINATED_BODY,
                    "the compound statement body " + blocks.unclosedShape()
                            + " is not closed before the end of the script; add its closing END, or put the statement"
                            + " between DELIMITER commands",
                    blocks.unclosedOffset());
        }
        return sink.finish();
    }

    /** Scans the token starting at {@code i} (not white space, not the delimiter) and returns the offset after it. */
    private int token(int i, char c) {
        switch (c) {
            case '\'', '"' -> {
                int end = quoted(i, c, backslashEscapes);
                sink.significant(i, end);
                blocks.quoted(true);
                return end;
            }
            case '`' -> {
                int end = quoted(i, c, false);
                sink.significant(i, end);
                blocks.quoted(false);
                return end;
            }
            case '#' -> {
                return lineEnd(i);
            }
            case '-' -> {
                // MySQL needs white space or a control character after "--": SELECT 1--1 is arithmetic.
                if (i + 1 < n && src.charAt(i + 1) == '-' && (i + 2 == n || src.charAt(i + 2) <= ' ')) {
                    return lineEnd(i);
                }
            }
            case '/' -> {
                if (i + 1 < n && src.charAt(i + 1) == '*') {
                    int versionedPrefix = versionedPrefix(i);
                    return versionedPrefix > 0 ? versioned(i, versionedPrefix) : blockComment(i);
                }
            }
            default -> {
                if (Chars.isMySqlWordChar(c)) {
                    return word(i);
                }
            }
        }
        sink.significant(i, i + 1);
        blocks.punct(c);
        return i + 1;
    }

    private int word(int i) {
        int j = i + 1;
        while (j < n
                && Chars.isMySqlWordChar(src.charAt(j))
                && !(delimiterStartsLikeWord && src.startsWith(delimiter, j))) {
            j++;
        }
        sink.significant(i, j);
        blocks.word(i, j);
        return j;
    }

    /**
     * A quoted string or identifier from its opening quote at {@code i}: a doubled quote stands for one, and with
     * {@code escapes} a backslash takes the next character literally. Returns the offset after the closing quote, or the
     * end of the script (reporting a problem).
     */
    private int quoted(int i, char quote, boolean escapes) {
        int j = i + 1;
        while (j < n) {
            char c = src.charAt(j);
            if (c == quote) {
                if (j + 1 < n && src.charAt(j + 1) == quote) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j += escapes && c == '\\' ? 2 : 1;
        }
        if (quote == '`') {
            sink.problem(
                    SplitProblem.UNTERMINATED_QUOTED_IDENTIFIER,
                    "the identifier quoted with ` is not closed; add the closing ` (write `` for a backtick inside it)",
                    i);
        } else {
            sink.problem(
                    SplitProblem.UNTERMINATED_STRING,
                    "the string literal opened with " + quote + " is not closed; add the closing " + quote
                            + (escapes ? " (a backslash before a quote escapes it)" : ""),
                    i);
        }
        return n;
    }

    private int lineEnd(int i) {
        int j = i;
        while (j < n && !Chars.isLineBreak(src.charAt(j))) {
            j++;
        }
        return j;
    }

    private int blockComment(int i) {
        int close = src.indexOf("*/", i + 2);
        if (close < 0) {
            sink.problem(
                    SplitProblem.UNTERMINATED_COMMENT,
                    "the comment opened with /* is not closed; add the closing */",
                    i);
            return n;
        }
        return close + 2;
    }

    /**
     * The length of a versioned-comment prefix at {@code i} ({@code /*!} or MariaDB's {@code /*M!}, each optionally
     * followed by a version number), or 0 for a plain comment.
     */
    private int versionedPrefix(int i) {
        int j = i + 2;
        if (j < n && src.charAt(j) == 'M' && j + 1 < n && src.charAt(j + 1) == '!') {
            j += 2;
        } else if (j < n && src.charAt(j) == '!') {
            j++;
        } else {
            return 0;
        }
        while (j < n && src.charAt(j) >= '0' && src.charAt(j) <= '9') {
            j++;
        }
        return j - i;
    }

    /**
     * A versioned comment is code that the server runs: its words count for compound bodies, quotes inside it are
     * honoured, and it ends at the first {@code *}{@code /} outside quotes. Nothing inside it ends the statement, as
     * the comment is closed before the delimiter that follows it.
     */
    private int versioned(int i, int prefixLength) {
        int problemsBefore = sink.problemCount();
        int j = i + prefixLength;
        while (j < n) {
            char c = src.charAt(j);
            if (c == '*' && j + 1 < n && src.charAt(j + 1) == '/') {
                sink.significant(i, j + 2);
                return j + 2;
            }
            if (c == '\'' || c == '"' || c == '`') {
                j = quoted(j, c, c != '`' && backslashEscapes);
                blocks.quoted(c != '`');
            } else if (Chars.isMySqlWordChar(c)) {
                int k = j + 1;
                while (k < n && Chars.isMySqlWordChar(src.charAt(k))) {
                    k++;
                }
                blocks.word(j, k);
                j = k;
            } else {
                if (!Chars.isBlank(c)) {
                    blocks.punct(c);
                }
                j++;
            }
        }
        if (sink.problemCount() == problemsBefore) {
            sink.problem(
                    SplitProblem.UNTERMINATED_COMMENT,
                    "the versioned comment opened with " + src.substring(i, i + Math.min(prefixLength, 3))
                            + " is not closed; add the closing */",
                    i);
        }
        sink.significant(i, n);
        return n;
    }

    /**
     * A {@code DELIMITER xx} client command at {@code i} (the start of a line, between statements): returns the offset
     * of its line's end, or -1 when the line is not such a command. The new delimiter is the first word of the
     * argument, or the text between quotes when quoted, as the {@code mysql} client reads it.
     */
    private int delimiterCommand(int i) {
        if (i + 9 >= n || !src.regionMatches(true, i, "DELIMITER", 0, 9)) {
            return -1;
        }
        char after = src.charAt(i + 9);
        if (after != ' ' && after != '\t') {
            return -1;
        }
        int end = lineEnd(i);
        int a = i + 10;
        while (a < end && Chars.isBlank(src.charAt(a))) {
            a++;
        }
        String value;
        char first = a < end ? src.charAt(a) : 0;
        if (first == '\'' || first == '"' || first == '`') {
            int close = a + 1;
            while (close < end && src.charAt(close) != first) {
                close++;
            }
            value = src.substring(a + 1, close);
        } else {
            int b = a;
            while (b < end && !Chars.isBlank(src.charAt(b))) {
                b++;
            }
            value = src.substring(a, b);
        }
        if (value.isEmpty()) {
            sink.problem(
                    SplitProblem.INVALID_DELIMITER,
                    "DELIMITER must be followed by the new delimiter, for example DELIMITER $$; the delimiter stays "
                            + delimiter,
                    i);
        } else if (value.indexOf('\\') >= 0) {
            sink.problem(
                    SplitProblem.INVALID_DELIMITER,
                    "the delimiter " + value + " contains a backslash, which the mysql client rejects; choose another"
                            + " such as $$ or //",
                    i);
        } else {
            delimiter = value;
            delimiterStartsLikeWord = Chars.isMySqlWordChar(value.charAt(0));
        }
        sink.delimiterCommand(i, end);
        return end;
    }
}
