package io.dbchange.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.sql.Dialect;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @Property
    void commentsAndBlanksBeforeAStatementDoNotChangeItsWords(
            @ForAll("prefixes") String prefix, @ForAll("statements") String statement) {
        for (Dialect dialect : Dialect.values()) {
            assertThat(SqlWords.leading(prefix + statement, dialect, 3))
                    .isEqualTo(SqlWords.leading(statement, dialect, 3));
        }
    }

    @Property
    void aKeywordInsideALiteralIsNeverAWord(@ForAll("keywords") String keyword, @ForAll("quotes") String quote) {
        String sql = "SELECT " + quote + " " + keyword + " " + quote.replace("E'", "'") + " FROM t";
        assertThat(SqlWords.all(sql, Dialect.POSTGRESQL)).doesNotContain(keyword.toUpperCase());
    }

    @Provide
    Arbitrary<String> prefixes() {
        Arbitrary<String> piece = Arbitraries.of(" ", "\n", "\t", "\r\n", "-- note\n", "/* block */", "/* a\n b */");
        return piece.list().ofMaxSize(6).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<String> statements() {
        return Arbitraries.of(
                "CREATE INDEX CONCURRENTLY i ON t (c)",
                "vacuum analyze t",
                "ROLLBACK TO SAVEPOINT s",
                "start transaction",
                "DROP DATABASE x");
    }

    @Provide
    Arbitrary<String> keywords() {
        return Arbitraries.of("concurrently", "vacuum", "rollback", "commit", "begin");
    }

    @Provide
    Arbitrary<String> quotes() {
        return Arbitraries.of("'", "\"", "$$", "$q$", "E'");
    }

    @org.junit.jupiter.api.Test
    void limitsTheNumberOfTokensRead() {
        assertThat(SqlWords.leading("a b c d e", Dialect.MYSQL, 2)).isEqualTo(List.of("A", "B"));
    }
}
