package io.dbchange.core.sql.internal;

import io.dbchange.api.sql.SourcePosition;

/**
 * Turns offsets into line and column, moving forward only, so that resolving all pieces of a script costs one pass.
 * Line breaks are {@code \n}, {@code \r\n} and a lone {@code \r}, counted as {@link
 * io.dbchange.api.sql.SqlStatement#of(String)} counts them.
 */
final class LineTracker {

    private final String source;
    private int offset;
    private int line = 1;
    private int column = 1;

    LineTracker(String source) {
        this.source = source;
    }

    /** The position of {@code target}, which must not be before the previous target. */
    SourcePosition at(int target) {
        if (target < offset) {
            throw new IllegalStateException("line tracker moves forward only: " + target + " < " + offset);
        }
        String s = source;
        int n = s.length();
        for (int i = offset; i < target; i++) {
            char c = s.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == n || s.charAt(i + 1) != '\n'))) {
                line++;
                column = 1;
            } else if (c != '\r') {
                column++;
            }
        }
        offset = target;
        return new SourcePosition(target, line, column);
    }
}
