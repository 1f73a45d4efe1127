package io.dbchange.core.engine;

import io.dbchange.api.sql.SourcePosition;
import io.dbchange.api.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: statements as a splitter would cut them from a script that puts each on its own line(s), ending in
 * {@code ;} and a line break, with exact positions. Lets the engine tests run without depending on the splitter.
 */
public final class Scripts {

    private Scripts() {}

    /** The statements of the script {@code sql[0] + ";\n" + sql[1] + ";\n" + ...}. */
    public static List<SqlStatement> statements(String... sql) {
        var statements = new ArrayList<SqlStatement>();
        int offset = 0;
        int line = 1;
        for (int i = 0; i < sql.length; i++) {
            String text = sql[i];
            var start = new SourcePosition(offset, line, 1);
            int column = 1;
            for (int k = 0; k < text.length(); k++) {
                if (text.charAt(k) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            var end = new SourcePosition(offset + text.length(), line, column);
            statements.add(new SqlStatement(i, text, start, end, ";"));
            offset += text.length() + 2; // ";\n"
            line++;
        }
        return statements;
    }
}
