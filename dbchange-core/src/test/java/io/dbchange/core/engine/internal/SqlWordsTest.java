package io.dbchange.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.sql.Dialect;
import io.dbchange.testing.PropertySeeds;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SqlWordsTest {

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            POSTGRESQL | create index concurrently i on t (c)                 | CREATE INDEX CONCURRENTLY
            POSTGRESQL | ~  -- why\n  /* outer /* nested */ still */ VACUUM~  | VACUUM
            POSTGRESQL | $$ CREATE INDEX CONCURRENTLY $$ select               | '…' SELECT
            POSTGRESQL | $body$ x $body$ then                                 | '…' THEN
            POSTGRESQL | E'it\\'s' done                                       | '…' DONE
            POSTGRESQL | U&'d\\0061t' done                                    | '…' DONE
            POSTGRESQL | 'it''s' done                                         | '…' DONE
            POSTGRESQL | "Quoted Name".col                                    | '…' . COL
            POSTGRESQL | select $1 + 2.5                                      | SELECT $ 0 + 0
            MYSQL      | ~# comment\nbegin work~                              | BEGIN WORK
            MYSQL      | /*!40101 SET x = 1 */ commit                         | COMMIT
            MYSQL      | `rollback` to                                        | '…' TO
            MYSQL      | 'a\\'b' c                                            | '…' C
            MYSQL      | "double quoted string" d                             | '…' D
            """)
    void readsTheLeadingTokensSkippingCommentsAndLiterals(Dialect dialect, String sql, String expected) {
        String[] tokens = expected.split(" ");
        assertThat(SqlWords.leading(sql, dialect, tokens.length)).containsExactly(tokens);
    }

    @ParameterizedTest
    @CsvSource({"'unterminated", "/* unterminated", "$tag$ never closed", "\"open"})
    void endsTheTokensAtAnUnterminatedLiteralOrComment(String sql) {
        assertThat(SqlWords.all(sql, Dialect.POSTGRESQL)).hasSizeLessThanOrEqualTo(1);
    }

    static LongStream seeds() {
        return PropertySeeds.seeds(1000);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void commentsAndBlanksBeforeAStatementDoNotChangeItsWords(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String prefix = prefix(random);
        String statement = STATEMENTS.get(random.nextInt(STATEMENTS.size()));
        for (Dialect dialect : Dialect.values()) {
            assertThat(SqlWords.leading(prefix + statement, dialect, 3))
                    .as("seed %d, %s, prefix \"%s\" before \"%s\"", seed, dialect, escaped(prefix), statement)
                    .isEqualTo(SqlWords.leading(statement, dialect, 3));
        }
    }

    /** Every keyword inside every kind of literal: 25 cases, so all of them rather than a sample. */
    static Stream<Arguments> keywordsInLiterals() {
        return KEYWORDS.stream().flatMap(keyword -> QUOTES.stream().map(quote -> Arguments.of(keyword, quote)));
    }

    @ParameterizedTest(name = "{0} inside {1}")
    @MethodSource("keywordsInLiterals")
    void aKeywordInsideALiteralIsNeverAWord(String keyword, String quote) {
        String sql = "SELECT " + quote + " " + keyword + " " + quote.replace("E'", "'") + " FROM t";
        assertThat(SqlWords.all(sql, Dialect.POSTGRESQL)).as(sql).doesNotContain(keyword.toUpperCase());
    }

    private static final List<String> PREFIX_PIECES =
            List.of(" ", "\n", "\t", "\r\n", "-- note\n", "/* block */", "/* a\n b */");

    private static final List<String> STATEMENTS = List.of(
            "CREATE INDEX CONCURRENTLY i ON t (c)",
            "vacuum analyze t",
            "ROLLBACK TO SAVEPOINT s",
            "start transaction",
            "DROP DATABASE x");

    private static final List<String> KEYWORDS = List.of("concurrently", "vacuum", "rollback", "commit", "begin");

    private static final List<String> QUOTES = List.of("'", "\"", "$$", "$q$", "E'");

    /** Up to six pieces of white space and comments. */
    private static String prefix(SplittableRandom random) {
        StringBuilder prefix = new StringBuilder();
        int pieces = random.nextInt(0, 7);
        for (int i = 0; i < pieces; i++) {
            prefix.append(PREFIX_PIECES.get(random.nextInt(PREFIX_PIECES.size())));
        }
        return prefix.toString();
    }

    private static String escaped(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    @Test
    void limitsTheNumberOfTokensRead() {
        assertThat(SqlWords.leading("a b c d e", Dialect.MYSQL, 2)).isEqualTo(List.of("A", "B"));
    }
}
