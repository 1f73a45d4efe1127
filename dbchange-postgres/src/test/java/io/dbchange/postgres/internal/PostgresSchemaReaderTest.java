package io.dbchange.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.schema.KeyPart;
import io.dbchange.api.schema.KeyPart.NullsOrder;
import io.dbchange.api.schema.KeyPart.Order;
import java.util.Optional;
import org.junit.jupiter.api.Test;
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

    /** indoption bits as pg_index reports them: 1 = DESC, 2 = NULLS FIRST. */
    @ParameterizedTest(name = "indoption {0} -> {1} NULLS {2}")
    @CsvSource(
            nullValues = "<default>",
            value = {
                "0, ASC, <default>", // ASC NULLS LAST
                "3, DESC, <default>", // DESC NULLS FIRST
                "1, DESC, LAST", // DESC NULLS LAST
                "2, ASC, FIRST" // ASC NULLS FIRST
            })
    void recordsTheNullPlacementOnlyWhenItDiffersFromTheDefaultOfTheOrder(
            int indoption, Order order, NullsOrder nulls) {
        KeyPart part = PostgresSchemaReader.keyPartOptions(KeyPart.column("a"), indoption, "");

        assertThat(part.order()).isEqualTo(order);
        assertThat(part.nulls()).isEqualTo(Optional.ofNullable(nulls));
        assertThat(part.operatorClass()).isEmpty();
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(
            quoteCharacter = '"',
            emptyValue = "",
            value = {"text_pattern_ops", "public.gin_trgm_ops", "\"My Schema\".\"My Ops\""})
    void recordsANonDefaultOperatorClassAsReported(String operatorClass) {
        KeyPart part = PostgresSchemaReader.keyPartOptions(KeyPart.expression("lower(a)"), 0, operatorClass);

        assertThat(part.operatorClass()).contains(operatorClass);
        assertThat(part.nulls()).isEmpty();
    }

    @Test
    void recordsNoOperatorClassForADefaultOne() {
        KeyPart part = PostgresSchemaReader.keyPartOptions(KeyPart.column("a"), 3, "");

        assertThat(part).isEqualTo(KeyPart.column("a").withOrder(Order.DESC));
    }
}
