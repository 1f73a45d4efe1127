package io.dbchange.postgres.rollback.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A PostgreSQL lexer just precise enough to find a DML statement's top-level clauses: it skips strings ({@code ''},
 * {@code E''}, {@code U&''}, {@code B''}, {@code X''}), dollar-quoted bodies, quoted identifiers and nested comments,
 * so that a keyword inside any of them is never mistaken for a clause. Standard-conforming strings are assumed (the
 * PostgreSQL default since 9.1); a script that turns them off is refused before it gets here.
 */
final class Lexer {

    enum Kind {
        WORD,
        QUOTED_IDENT,
        STRING,
        NUMBER,
        PUNCT,
        OPERATOR
    }

    /** One token; {@code depth} is the parenthesis depth at which it starts. */
    record Token(Kind kind, String text, int start, int end, int depth) {

        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isPunct(String p) {
            return kind == Kind.PUNCT && text.equals(p);
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    private Lexer() {}

    static List<Token> tokens(String sql) {
        List<Token> out = new ArrayList<>();
        int depth = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int level = 0;
                do {
                    if (sql.startsWith("/*", i)) {
                        level++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        level--;
                        i += 2;
                    } else {
                        i++;
                    }
                } while (level > 0 && i < n);
            } else if (c == '\'') {
                int end = quoted(sql, i, '\'', false);
                out.add(new Token(Kind.STRING, sql.substring(i, end), i, end, depth));
                i = end;
            } else if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                int end = quoted(sql, i + 1, '\'', true);
                out.add(new Token(Kind.STRING, sql.substring(i, end), i, end, depth));
                i = end;
            } else if ((c == 'B' || c == 'b' || c == 'X' || c == 'x' || c == 'N' || c == 'n')
                    && i + 1 < n
                    && sql.charAt(i + 1) == '\'') {
                int end = quoted(sql, i + 1, '\'', false);
                out.add(new Token(Kind.STRING, sql.substring(i, end), i, end, depth));
                i = end;
            } else if ((c == 'U' || c == 'u') && sql.startsWith("&'", i + 1)) {
                int end = quoted(sql, i + 2, '\'', false);
                out.add(new Token(Kind.STRING, sql.substring(i, end), i, end, depth));
                i = end;
            } else if ((c == 'U' || c == 'u') && sql.startsWith("&\"", i + 1)) {
                int end = quoted(sql, i + 2, '"', false);
                out.add(new Token(Kind.QUOTED_IDENT, sql.substring(i, end), i, end, depth));
                i = end;
            } else if (c == '"') {
                int end = quoted(sql, i, '"', false);
                out.add(new Token(Kind.QUOTED_IDENT, sql.substring(i, end), i, end, depth));
                i = end;
            } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                int end = close < 0 ? n : close + tag.length();
                out.add(new Token(Kind.STRING, sql.substring(i, end), i, end, depth));
                i = end;
            } else if (Character.isLetter(c) || c == '_' || c > 127) {
                int start = i;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (Character.isLetterOrDigit(d) || d == '_' || d == '$' || d > 127) {
                        i++;
                    } else {
                        break;
                    }
                }
                out.add(new Token(Kind.WORD, sql.substring(start, i), start, i, depth));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                int start = i;
                while (i < n
                        && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.' || sql.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, sql.substring(start, i), start, i, depth));
            } else if (c == '(' || c == '[') {
                out.add(new Token(Kind.PUNCT, String.valueOf(c), i, i + 1, depth));
                depth++;
                i++;
            } else if (c == ')' || c == ']') {
                depth = Math.max(0, depth - 1);
                out.add(new Token(Kind.PUNCT, String.valueOf(c), i, i + 1, depth));
                i++;
            } else if (c == ',' || c == ';' || c == '.') {
                out.add(new Token(Kind.PUNCT, String.valueOf(c), i, i + 1, depth));
                i++;
            } else {
                int start = i;
                while (i < n && "+-*/<>=~!@#%^&|`?:".indexOf(sql.charAt(i)) >= 0) {
                    if (sql.startsWith("--", i) || sql.startsWith("/*", i)) {
                        break;
                    }
                    i++;
                }
                if (i == start) {
                    i++;
                }
                out.add(new Token(Kind.OPERATOR, sql.substring(start, i), start, i, depth));
            }
        }
        return out;
    }

    private static int quoted(String sql, int open, char quote, boolean backslashEscapes) {
        int i = open + 1;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /** The end of a {@code $tag$} opening at {@code i}, or -1 when {@code i} does not open one. */
    private static int dollarTagEnd(String sql, int i) {
        int j = i + 1;
        while (j < sql.length()) {
            char c = sql.charAt(j);
            if (c == '$') {
                return j + 1;
            }
            if (!(Character.isLetterOrDigit(c) || c == '_') || (j == i + 1 && Character.isDigit(c))) {
                return -1;
            }
            j++;
        }
        return -1;
    }
}
