package io.dbchange.core.review.internal;

import io.dbchange.api.sql.SourcePosition;
import io.dbchange.api.sql.SqlStatement;

/** Maps offsets inside a statement's text to positions in its script (line and column a person sees). */
final class Positions {

    private final SqlStatement statement;
    // offsets where a line after the first starts; computed on the first call, so that each position is a binary
    // search, not a scan from the statement's start (a long CREATE TABLE asks for a position per column)
    private int[] lineStarts;

    Positions(SqlStatement statement) {
        this.statement = statement;
    }

    SourcePosition at(int offsetInStatement) {
        String sql = statement.sql();
        int limit = Math.max(0, Math.min(offsetInStatement, sql.length()));
        int[] starts = lineStarts(sql);
        // the number of line starts at or before limit = the lines broken before it
        int low = 0;
        int high = starts.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (starts[mid] <= limit) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        int breaks = low;
        int lineStart = breaks == 0 ? 0 : starts[breaks - 1];
        int column = (breaks == 0 ? statement.start().column() : 1) + (limit - lineStart);
        // a '\r' just before limit is the first half of "\r\n" (any other '\r' breaks the line): no column of its own
        if (limit > lineStart && sql.charAt(limit - 1) == '\r') {
            column--;
        }
        return new SourcePosition(
                statement.start().offset() + limit, statement.start().line() + breaks, column);
    }

    private int[] lineStarts(String sql) {
        int[] starts = lineStarts;
        if (starts != null) {
            return starts;
        }
        int count = 0;
        int[] found = new int[8];
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == n || sql.charAt(i + 1) != '\n'))) {
                if (count == found.length) {
                    found = java.util.Arrays.copyOf(found, count * 2);
                }
                found[count++] = i + 1;
            }
        }
        lineStarts = java.util.Arrays.copyOf(found, count);
        return lineStarts;
    }
}
