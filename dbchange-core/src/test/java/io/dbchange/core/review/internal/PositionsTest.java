package io.dbchange.core.review.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.sql.SourcePosition;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.testing.PropertySeeds;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Positions} finds lines by binary search; it must agree with a plain scan for every offset and line break. */
class PositionsTest {

    static LongStream seeds() {
        return PropertySeeds.seeds(200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void every_offset_maps_as_a_scan_from_the_statement_start_does(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String alphabet = "ab \n\r\t;é";
        StringBuilder sql = new StringBuilder();
        int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            sql.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        SourcePosition start = new SourcePosition(random.nextInt(100), 1 + random.nextInt(9), 1 + random.nextInt(9));
        SourcePosition end = new SourcePosition(start.offset() + sql.length(), start.line(), start.column());
        SqlStatement statement = new SqlStatement(0, sql.toString(), start, end, ";");
        Positions positions = new Positions(statement);
        for (int offset = -1; offset <= sql.length() + 1; offset++) {
            assertThat(positions.at(offset)).as("offset %d of %s", offset, sql).isEqualTo(scan(statement, offset));
        }
    }

    /** The reference: walk from the statement's start, "\r\n" and a lone '\r' or '\n' each end a line. */
    private static SourcePosition scan(SqlStatement statement, int offset) {
        String sql = statement.sql();
        int limit = Math.max(0, Math.min(offset, sql.length()));
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
