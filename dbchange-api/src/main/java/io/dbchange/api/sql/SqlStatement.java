package io.dbchange.api.sql;

import java.util.Objects;

/**
 * One statement cut from a script.
 *
 * @param index zero-based ordinal of the statement within its script
 * @param sql the statement's text exactly as written, from its first character up to (not including) its
 *     delimiter; leading comments and white space between statements are not part of it
 * @param start position of the statement's first character in the script
 * @param end position just after the statement's last character (exclusive), before its delimiter
 * @param delimiter the delimiter that ended the statement as written ({@code ";"}, a MySQL {@code DELIMITER}
 *     value such as {@code "$$"}), or {@code ""} when the script ended without one
 */
public record SqlStatement(int index, String sql, SourcePosition start, SourcePosition end, String delimiter) {

    public SqlStatement {
        Objects.requireNonNull(sql, "'sql' must not be null");
        Objects.requireNonNull(start, "'start' must not be null");
        Objects.requireNonNull(end, "'end' must not be null");
        Objects.requireNonNull(delimiter, "'delimiter' must not be null");
        if (index < 0) {
            throw new IllegalArgumentException("'index' must not be negative: " + index);
        }
        if (end.offset() - start.offset() != sql.length()) {
            throw new IllegalArgumentException("statement text length " + sql.length() + " does not match its span "
                    + start.offset() + ".." + end.offset());
        }
    }

    /** A statement that did not come from a script file: index 0, starting at line 1, column 1. */
    public static SqlStatement of(String sql) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == sql.length() || sql.charAt(i + 1) != '\n'))) {
                line++;
                column = 1;
            } else if (c != '\r') {
                column++;
            }
        }
        return new SqlStatement(0, sql, SourcePosition.START, new SourcePosition(sql.length(), line, column), "");
    }

    /** A short form for logs and messages: the position and the first line, at most 80 characters. */
    public String summary() {
        String firstLine = sql.strip().lines().findFirst().orElse("");
        if (firstLine.length() > 80) {
            firstLine = firstLine.substring(0, 77) + "...";
        }
        return "#" + (index + 1) + " at " + start + ": " + firstLine;
    }
}
