package io.dbchange.core.review.internal;

import io.dbchange.api.sql.SourcePosition;
import io.dbchange.api.sql.SqlStatement;

/** Maps offsets inside a statement's text to positions in its script (line and column a person sees). */
final class Positions {

    private final SqlStatement statement;

    Positions(SqlStatement statement) {
        this.statement = statement;
    }

    SourcePosition at(int offsetInStatement) {
        String sql = statement.sql();
        int limit = Math.max(0, Math.min(offsetInStatement, sql.length()));
        int line = statement.start().line();
        int column = statement.start().column();
        for (int i = 0; i < limit; i++) {
            char c = sql.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == sql.length() || sql.charAt(i + 1) != '\n'))) {
                line++;
                column = 1;
            } else if (c != '\r') {
                column++;
            }
        }
        return new SourcePosition(statement.start().offset() + limit, line, column);
    }
}
