package io.dbchange.core.review.internal;

import io.dbchange.api.sql.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one statement into {@link Token}s, skipping comments and white space. Follows the splitter's lexical rules:
 * MySQL back-tick identifiers, {@code #} comments and backslash escapes in strings; PostgreSQL double-quoted
 * identifiers, {@code E'...'} strings and dollar quotes. It never fails: an unterminated quote ends at the end of the
 * text (the splitter has already reported it).
 */
final class Tokenizer {

    private Tokenizer() {}

    static List<Token> tokenize(String sql, Dialect dialect) {
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        boolean mysql = dialect == Dialect.MYSQL;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = lineEnd(sql, i);
            } else if (c == '#' && mysql) {
                i = lineEnd(sql, i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                if (mysql && i + 2 < n && sql.charAt(i + 2) == '!') {
                    // MySQL executable comment /*!40101 ... */: its content is SQL; skip the marker and version.
                    int j = i + 3;
                    while (j < n && Character.isDigit(sql.charAt(j))) {
                        j++;
                    }
                    i = j;
                    continue;
                }
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '*' && mysql && i + 1 < n && sql.charAt(i + 1) == '/') {
                i += 2; // end of an executable comment
            } else if (c == '\'' || ((c == 'E' || c == 'e') && !mysql && i + 1 < n && sql.charAt(i + 1) == '\'')) {
                int open = c == '\'' ? i : i + 1;
                boolean backslash = mysql || open != i;
                int j = open + 1;
                StringBuilder value = new StringBuilder();
                while (j < n) {
                    char d = sql.charAt(j);
                    if (backslash && d == '\\' && j + 1 < n) {
                        value.append(sql.charAt(j + 1));
                        j += 2;
                    } else if (d == '\'') {
                        if (j + 1 < n && sql.charAt(j + 1) == '\'') {
                            value.append('\'');
                            j += 2;
                        } else {
                            j++;
                            break;
                        }
                    } else {
                        value.append(d);
                        j++;
                    }
                }
                tokens.add(new Token(Token.Kind.STRING, sql.substring(i, j), value.toString(), i, j));
                i = j;
            } else if (c == '"' && mysql) {
                int j = quotedEnd(sql, i, '"');
                tokens.add(new Token(Token.Kind.STRING, sql.substring(i, j), unquote(sql, i, j, '"'), i, j));
                i = j;
            } else if (c == '`' || c == '"') {
                int j = quotedEnd(sql, i, c);
                tokens.add(new Token(Token.Kind.QUOTED, sql.substring(i, j), unquote(sql, i, j, c), i, j));
                i = j;
            } else if (c == '$' && !mysql && dollarTag(sql, i) > 0) {
                int tagEnd = dollarTag(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                int j = close < 0 ? n : close + tag.length();
                String body = sql.substring(tagEnd, close < 0 ? n : close);
                tokens.add(new Token(Token.Kind.STRING, sql.substring(i, j), body, i, j));
                i = j;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
                    j++;
                }
                tokens.add(new Token(Token.Kind.NUMBER, sql.substring(i, j), sql.substring(i, j), i, j));
                i = j;
            } else if (Character.isLetter(c) || c == '_' || c == '@' || (c == '$' && mysql)) {
                int j = i + 1;
                while (j < n && isWordPart(sql.charAt(j))) {
                    j++;
                }
                String word = sql.substring(i, j);
                tokens.add(new Token(Token.Kind.WORD, word, word, i, j));
                i = j;
            } else {
                int j = i + 1;
                if (i + 1 < n) {
                    String two = sql.substring(i, i + 2);
                    if (two.equals("::")
                            || two.equals("<=")
                            || two.equals(">=")
                            || two.equals("<>")
                            || two.equals("!=")
                            || two.equals("||")
                            || two.equals(":=")) {
                        j = i + 2;
                    }
                }
                String symbol = sql.substring(i, j);
                tokens.add(new Token(Token.Kind.SYMBOL, symbol, symbol, i, j));
                i = j;
            }
        }
        return tokens;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@';
    }

    private static int lineEnd(String sql, int from) {
        int j = from;
        while (j < sql.length() && sql.charAt(j) != '\n' && sql.charAt(j) != '\r') {
            j++;
        }
        return j;
    }

    private static int quotedEnd(String sql, int open, char quote) {
        int j = open + 1;
        while (j < sql.length()) {
            if (sql.charAt(j) == quote) {
                if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return sql.length();
    }

    private static String unquote(String sql, int start, int end, char quote) {
        int close = end > start + 1 && sql.charAt(end - 1) == quote ? end - 1 : end;
        String q = String.valueOf(quote);
        return sql.substring(start + 1, close).replace(q + q, q);
    }

    /** The end of a dollar-quote opening tag ({@code $$} or {@code $tag$}) at {@code i}, or -1. */
    private static int dollarTag(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            if (j == i + 1 && Character.isDigit(sql.charAt(j))) {
                return -1; // $1 is a parameter
            }
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? j + 1 : -1;
    }
}
