package io.dbchange.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresSchemaReaderTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            nullValues = "<none>",
            value = {
                "'x'::text|'x'",
                "'it''s'::character varying|'it''s'",
                "'ok'::mood|'ok'",
                "'{}'::text[]|'{}'",
                "'1 day'::interval|'1 day'",
                "'x'::character varying(10)|'x'",
                "NULL::character varying|<none>",
                "NULL|<none>",
                "<none>|<none>",
                "now()|now()",
                "7|7",
                "('now'::text)::date|('now'::text)::date",
                "lower('A'::text)|lower('A'::text)",
                "'a'::text = 'b'::text|'a'::text = 'b'::text"
            })
    void dropsTheCastOfALiteralDefaultOnly(String reported, String normalized) {
        assertThat(PostgresSchemaReader.normalizeDefault(reported)).isEqualTo(Optional.ofNullable(normalized));
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "((price >= 0))|price >= 0",
                "(a > 0) AND (b > 0)|(a > 0) AND (b > 0)",
                "(VALUE > 0)|VALUE > 0",
                "(x = ')(')|x = ')('",
                "price > 0|price > 0"
            })
    void stripsOnlyParenthesesAroundTheWholeCheck(String reported, String normalized) {
        assertThat(PostgresSchemaReader.stripOuterParentheses(reported)).isEqualTo(normalized);
    }
}
