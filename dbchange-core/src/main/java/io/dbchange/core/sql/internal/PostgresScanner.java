package io.dbchange.core.sql.internal;

import io.dbchange.core.sql.SplitProblem;
import io.dbchange.core.sql.SplitScript;

/**
 * One pass over a PostgreSQL script, as {@code psql} reads it: a {@code ;} ends a statement unless it is inside a
 * string, quoted identifier, comment, dollar quote, parentheses or {@code BEGIN ATOMIC} body.
 *
 * <p>Every loop moves forward and examines each character a constant number of times. Nested comments keep a depth
 * counter rather than recursing. A dollar quote's closing tag is tried only at {@code $} characters; because a tag
 * holds no {@code $}, a failed comparison never covers a later {@code $}, so the search stays linear even for long
 * tags.
 */
final class PostgresScanner {

    private final String src;
    private final int n;
    private final boolean initialStandardConformingStrings;
    private final PieceSink sink;
    private final PostgresBlocks blocks;
    private boolean standardConformingStrings;
    private int parenDepth;
    private int parenOpenOffset = -1;
    private int swallowedSemicolon = -1;
    private boolean stopAtTerminator;
    private int terminator = -1;

    PostgresScanner(String src, boolean standardConformingStrings) {
        this.src = src;
        this.n = src.length();
        this.initialStandardConformingStrings = standardConformingStrings;
        this.standardConformingStrings = standardConformingStrings;
        this.sink = new PieceSink(src);
        this.blocks = new PostgresBlocks(src);
    }

    SplitScript run() {
        scan();
        if (sink.inStatement()) {
            if (blocks.unclosedOffset() >= 0) {
                sink.problem(
                        SplitProblem.UNTERMINATED_BODY,
                        "the BEGIN ATOMIC body is not closed before the end of the script; add its closing END",
                        blocks.unclosedOffset());
            }
            if (parenDepth > 0 && swallowedSemicolon >= 0) {
                sink.problem(
                        SplitProblem.UNCLOSED_PARENTHESIS,
                        "the parenthesis opened here is not closed, so every ; after it was read as part of this"
                                + " statement; add the closing )",
                        parenOpenOffset);
            }
        }
        return sink.finish();
    }

    /** The offset of the first {@code ;} that ends a statement, or -1; a {@code COPY}'s data is not looked at. */
    int firstTerminator() {
        stopAtTerminator = true;
        scan();
        return terminator;
    }

    private void scan() {
        int i = 0;
        while (i < n) {
            char c = src.charAt(i);
            if (Chars.isBlank(c)) {
                i++;
            } else if (c == ';') {
                if (parenDepth == 0 && !blocks.holdsDelimiter()) {
                    i = endStatement(i);
                } else {
                    if (parenDepth > 0 && swallowedSemicolon < 0) {
                        swallowedSemicolon = i;
                    }
                    sink.significant(i, i + 1);
                    blocks.punct(';');
                    i++;
                }
            } else {
                i = token(i, c);
            }
        }
    }

    private int endStatement(int i) {
        if (stopAtTerminator) {
            terminator = i;
            return n;
        }
        if (blocks.copyFromStdin()) {
            return copyData(i);
        }
        sink.delimiter(i, i + 1);
        statementEnded();
        return i + 1;
    }

    private void statementEnded() {
        standardConformingStrings =
                blocks.standardConformingStringsAfter(standardConformingStrings, initialStandardConformingStrings);
        blocks.reset();
        parenDepth = 0;
        parenOpenOffset = -1;
        swallowedSemicolon = -1;
    }

    /**
     * {@code COPY ... FROM STDIN;} is followed, from the next line on, by data rows up to a line holding only {@code
     * \.} (or the end of the script, which {@code psql} also accepts). The command, its {@code ;}, the rest of that line
     * and the rows are one statement piece; the {@code \.} is its delimiter.
     */
    private int copyData(int semicolon) {
        sink.significant(semicolon, semicolon + 1);
        int p = nextLine(semicolon + 1);
        while (p < n) {
            if (src.charAt(p) == '\\'
                    && p + 1 < n
                    && src.charAt(p + 1) == '.'
                    && (p + 2 == n || Chars.isLineBreak(src.charAt(p + 2)))) {
                sink.delimiter(p, p + 2);
                statementEnded();
                return p + 2;
            }
            p = nextLine(p);
        }
        sink.significant(semicolon, n);
        statementEnded();
        return n;
    }

    /** The offset of the start of the line after the one containing {@code p}, or the end of the script. */
    private int nextLine(int p) {
        while (p < n && !Chars.isLineBreak(src.charAt(p))) {
            p++;
        }
        if (p < n && src.charAt(p) == '\r' && p + 1 < n && src.charAt(p + 1) == '\n') {
            return p + 2;
        }
        return Math.min(p + 1, n);
    }

    private int token(int i, char c) {
        switch (c) {
            case '\'' -> {
                int end = string(i);
                sink.significant(i, end);
                blocks.quoted(i, end, true);
                return end;
            }
            case '"' -> {
                int end = quotedIdentifier(i);
                sink.significant(i, end);
                blocks.quoted(i, end, false);
                return end;
            }
            case '-' -> {
                if (i + 1 < n && src.charAt(i + 1) == '-') {
                    int j = i + 2;
                    while (j < n && !Chars.isLineBreak(src.charAt(j))) {
                        j++;
                    }
                    return j;
                }
            }
            case '/' -> {
                if (i + 1 < n && src.charAt(i + 1) == '*') {
                    return nestedComment(i);
                }
            }
            case '$' -> {
                return dollar(i);
            }
            case '(' -> {
                if (parenDepth++ == 0) {
                    parenOpenOffset = i;
                }
            }
            case ')' -> {
                if (parenDepth > 0) {
                    parenDepth--;
                }
            }
            default -> {
                if (Chars.isPostgresWordStart(c)) {
                    int j = i + 1;
                    while (j < n && Chars.isPostgresWordPart(src.charAt(j))) {
                        j++;
                    }
                    sink.significant(i, j);
                    blocks.word(i, j, parenDepth);
                    return j;
                }
            }
        }
        sink.significant(i, i + 1);
        blocks.punct(c);
        return i + 1;
    }

    /**
     * A string literal from its quote at {@code i}. {@code E'...'} always takes backslash escapes, {@code U&'...'}
     * never, and a plain string when {@code standard_conforming_strings} is off; a doubled quote always stands for one.
     */
    private int string(int i) {
        boolean escapeString = i >= 1
                && (src.charAt(i - 1) == 'E' || src.charAt(i - 1) == 'e')
                && (i == 1 || !Chars.isPostgresWordPart(src.charAt(i - 2)));
        boolean unicodeString = i >= 2
                && src.charAt(i - 1) == '&'
                && (src.charAt(i - 2) == 'U' || src.charAt(i - 2) == 'u')
                && (i == 2 || !Chars.isPostgresWordPart(src.charAt(i - 3)));
        boolean escapes = escapeString || (!unicodeString && !standardConformingStrings);
        int j = i + 1;
        while (j < n) {
            char c = src.charAt(j);
            if (c == '\'') {
                if (j + 1 < n && src.charAt(j + 1) == '\'') {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j += escapes && c == '\\' ? 2 : 1;
        }
        sink.problem(
                SplitProblem.UNTERMINATED_STRING,
                "the string literal opened with ' is not closed; add the closing ' (write '' for a quote inside it"
                        + (escapes ? ", and note that a backslash escapes the next character here" : "")
                        + ")",
                i);
        return n;
    }

    private int quotedIdentifier(int i) {
        int j = i + 1;
        while (j < n) {
            if (src.charAt(j) == '"') {
                if (j + 1 < n && src.charAt(j + 1) == '"') {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        sink.problem(
                SplitProblem.UNTERMINATED_QUOTED_IDENTIFIER,
                "the identifier quoted with \" is not closed; add the closing \" (write \"\" for a quote inside it)",
                i);
        return n;
    }

    private int nestedComment(int i) {
        int depth = 1;
        int j = i + 2;
        while (j < n) {
            char c = src.charAt(j);
            if (c == '/' && j + 1 < n && src.charAt(j + 1) == '*') {
                depth++;
                j += 2;
            } else if (c == '*' && j + 1 < n && src.charAt(j + 1) == '/') {
                j += 2;
                if (--depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        sink.problem(
                SplitProblem.UNTERMINATED_COMMENT,
                "the comment opened with /* is not closed (PostgreSQL comments nest, so each /* inside it needs its"
                        + " own */); add the missing */",
                i);
        return n;
    }

    /** A positional parameter {@code $1}, a dollar-quoted string {@code $tag$...$tag$}, or a lone {@code $}. */
    private int dollar(int i) {
        int j = i + 1;
        if (j < n && src.charAt(j) >= '0' && src.charAt(j) <= '9') {
            while (j < n && src.charAt(j) >= '0' && src.charAt(j) <= '9') {
                j++;
            }
            sink.significant(i, j);
            blocks.quoted(i, j, false);
            return j;
        }
        if (j < n && Chars.isDollarTagStart(src.charAt(j))) {
            j++;
            while (j < n && Chars.isDollarTagPart(src.charAt(j))) {
                j++;
            }
        }
        if (j >= n || src.charAt(j) != '$') {
            sink.significant(i, i + 1);
            blocks.punct('$');
            return i + 1;
        }
        int tagLength = j + 1 - i;
        for (int p = src.indexOf('$', j + 1); p >= 0; p = src.indexOf('$', p + 1)) {
            if (src.regionMatches(p, src, i, tagLength)) {
                int end = p + tagLength;
                sink.significant(i, end);
                blocks.quoted(i, end, true);
                return end;
            }
        }
        String tag = tagLength <= 40 ? src.substring(i, j + 1) : src.substring(i, i + 37) + "...";
        sink.problem(
                SplitProblem.UNTERMINATED_DOLLAR_QUOTE,
                "the dollar-quoted string opened with " + tag + " is not closed; add the closing " + tag,
                i);
        sink.significant(i, n);
        return n;
    }
}
