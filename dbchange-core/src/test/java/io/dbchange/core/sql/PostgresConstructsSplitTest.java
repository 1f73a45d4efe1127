package io.dbchange.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven: each PostgreSQL construct with the statements it must yield, written {@code "line:column|sql"}
 * (delimiter {@code ;}) or {@code "line:column|sql|delimiter"}, and each unterminated construct with the problem
 * and position it must report.
 */
class PostgresConstructsSplitTest {

    private static final StatementSplitter POSTGRES = StatementSplitter.forDialect(Dialect.POSTGRESQL);

    static Stream<Arguments> constructs() {
        return Stream.of(
                arguments("two statements", "SELECT 1;\nSELECT 2;", List.of("1:1|SELECT 1", "2:1|SELECT 2")),
                arguments(
                        "last statement without delimiter",
                        "SELECT 1;\n  SELECT 2\n",
                        List.of("1:1|SELECT 1", "2:3|SELECT 2|")),
                arguments("empty statements yield nothing", ";;SELECT 1;; ;", List.of("1:3|SELECT 1")),
                arguments("empty script", "", List.of()),
                arguments("comments only", "-- a;\n/* b; */\n", List.of()),
                arguments(
                        "CRLF and lone CR",
                        "SELECT 1;\r\nSELECT 2;\r\rSELECT 3;",
                        List.of("1:1|SELECT 1", "2:1|SELECT 2", "4:1|SELECT 3")),
                arguments("byte order mark before the first statement", "\uFEFFSELECT 1;", List.of("1:2|SELECT 1")),
                // strings and identifiers
                arguments(
                        "semicolon in a string",
                        "SELECT 'a;b'; SELECT 2;",
                        List.of("1:1|SELECT 'a;b'", "1:15|SELECT 2")),
                arguments(
                        "doubled quote", "SELECT 'it''s;'; SELECT 2;", List.of("1:1|SELECT 'it''s;'", "1:18|SELECT 2")),
                arguments(
                        "backslash is literal in a standard string",
                        "SELECT 'a\\'; SELECT 2;",
                        List.of("1:1|SELECT 'a\\'", "1:14|SELECT 2")),
                arguments(
                        "E string escapes a quote with a backslash",
                        "SELECT E'a\\';b'; SELECT 2;",
                        List.of("1:1|SELECT E'a\\';b'", "1:18|SELECT 2")),
                arguments(
                        "lower-case e string",
                        "SELECT e'\\\\'; SELECT 2;",
                        List.of("1:1|SELECT e'\\\\'", "1:15|SELECT 2")),
                arguments(
                        "U& string takes no backslash escape of quotes",
                        "SELECT U&'d\\0061t;'; SELECT 2;",
                        List.of("1:1|SELECT U&'d\\0061t;'", "1:22|SELECT 2")),
                arguments(
                        "word ending in e is not an E prefix",
                        "SELECT name'x;'; SELECT 2;",
                        List.of("1:1|SELECT name'x;'", "1:18|SELECT 2")),
                arguments(
                        "quoted identifier with doubled quote",
                        "SELECT \"a;\"\"b\"; SELECT 2;",
                        List.of("1:1|SELECT \"a;\"\"b\"", "1:17|SELECT 2")),
                arguments(
                        "standard_conforming_strings off in the script",
                        "SET standard_conforming_strings = off;\nSELECT 'a\\';b';\nSELECT 3;",
                        List.of("1:1|SET standard_conforming_strings = off", "2:1|SELECT 'a\\';b'", "3:1|SELECT 3")),
                arguments(
                        "standard_conforming_strings back on",
                        "SET standard_conforming_strings TO off;\nSET standard_conforming_strings TO on;\n"
                                + "SELECT 'a\\';\nSELECT 4;",
                        List.of(
                                "1:1|SET standard_conforming_strings TO off",
                                "2:1|SET standard_conforming_strings TO on",
                                "3:1|SELECT 'a\\'",
                                "4:1|SELECT 4")),
                // dollar quotes
                arguments(
                        "dollar quote", "SELECT $$a;'b$$; SELECT 2;", List.of("1:1|SELECT $$a;'b$$", "1:18|SELECT 2")),
                arguments(
                        "tagged dollar quote holding $$",
                        "SELECT $fn$ x $$; $fn$; SELECT 2;",
                        List.of("1:1|SELECT $fn$ x $$; $fn$", "1:25|SELECT 2")),
                arguments(
                        "dollar tags are case-sensitive",
                        "SELECT $a$ x $A$; $a$; SELECT 2;",
                        List.of("1:1|SELECT $a$ x $A$; $a$", "1:24|SELECT 2")),
                arguments(
                        "positional parameter is not a quote",
                        "SELECT $1; SELECT $2;",
                        List.of("1:1|SELECT $1", "1:12|SELECT $2")),
                arguments(
                        "dollar inside an identifier is not a quote",
                        "SELECT a$b; SELECT c$$; SELECT 3;",
                        List.of("1:1|SELECT a$b", "1:13|SELECT c$$", "1:25|SELECT 3")),
                arguments(
                        "function body in dollar quotes",
                        "CREATE FUNCTION f() RETURNS int AS $body$\nBEGIN\n  RETURN 1;\nEND\n$body$ LANGUAGE plpgsql;\n"
                                + "SELECT f();",
                        List.of(
                                "1:1|CREATE FUNCTION f() RETURNS int AS $body$\nBEGIN\n  RETURN 1;\nEND\n$body$ LANGUAGE"
                                        + " plpgsql",
                                "6:1|SELECT f()")),
                // comments
                arguments(
                        "dash comment needs no space",
                        "SELECT 1--;\n+1; SELECT 2;",
                        List.of("1:1|SELECT 1--;\n+1", "2:5|SELECT 2")),
                arguments(
                        "nested block comments",
                        "SELECT /* a /* b; */ c; */ 1; SELECT 2;",
                        List.of("1:1|SELECT /* a /* b; */ c; */ 1", "1:31|SELECT 2")),
                arguments(
                        "comment before a statement is trivia",
                        "/* x; /* y */ */ -- z;\nSELECT 1;",
                        List.of("2:1|SELECT 1")),
                // bodies, parentheses, transactions
                arguments(
                        "BEGIN ATOMIC body with CASE",
                        "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT CASE WHEN a > 0 THEN 1"
                                + " END;\n  SELECT 2;\nEND;\nSELECT 3;",
                        List.of(
                                "1:1|CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT CASE WHEN"
                                        + " a > 0 THEN 1 END;\n  SELECT 2;\nEND",
                                "6:1|SELECT 3")),
                arguments(
                        "OR REPLACE PROCEDURE with BEGIN ATOMIC",
                        "CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END; SELECT 2;",
                        List.of(
                                "1:1|CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1);"
                                        + " END",
                                "1:90|SELECT 2")),
                arguments(
                        "transaction BEGIN and END",
                        "BEGIN; SELECT 1; END;",
                        List.of("1:1|BEGIN", "1:8|SELECT 1", "1:18|END")),
                arguments(
                        "DO block",
                        "DO $$ BEGIN IF true THEN RAISE NOTICE 'x;'; END IF; END $$; SELECT 2;",
                        List.of("1:1|DO $$ BEGIN IF true THEN RAISE NOTICE 'x;'; END IF; END $$", "1:61|SELECT 2")),
                arguments(
                        "semicolons inside parentheses",
                        "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO u VALUES (1); NOTIFY u); SELECT 2;",
                        List.of(
                                "1:1|CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO u VALUES (1); NOTIFY u)",
                                "1:79|SELECT 2")),
                // COPY FROM STDIN
                arguments(
                        "COPY data up to \\.",
                        "COPY t (a, b) FROM stdin;\n1\tx;'y\n2\t$$\n\\.\nSELECT 2;",
                        List.of("1:1|COPY t (a, b) FROM stdin;\n1\tx;'y\n2\t$$\n|\\.", "5:1|SELECT 2")),
                arguments(
                        "COPY data with CRLF",
                        "COPY t FROM STDIN;\r\n1\r\n\\.\r\nSELECT 2;",
                        List.of("1:1|COPY t FROM STDIN;\r\n1\r\n|\\.", "4:1|SELECT 2")),
                arguments(
                        "COPY TO STDOUT has no data",
                        "COPY t TO stdout;\nSELECT 2;",
                        List.of("1:1|COPY t TO stdout", "2:1|SELECT 2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructs")
    void splitsEachConstructIntoTheExpectedStatements(String construct, String script, List<String> expected) {
        SplitScript split = POSTGRES.split(script);
        assertThat(split.problems()).as(construct).isEmpty();
        assertThat(split.reassemble()).isEqualTo(script);
        List<SqlStatement> statements = split.statements();
        assertThat(statements)
                .extracting(s -> s.start() + "|" + s.sql() + (s.delimiter().equals(";") ? "" : "|" + s.delimiter()))
                .as(construct)
                .containsExactlyElementsOf(expected);
        for (SqlStatement statement : statements) {
            assertThat(script.substring(
                            statement.start().offset(), statement.end().offset()))
                    .isEqualTo(statement.sql());
        }
    }

    @Test
    void backslashesEscapeInPlainStringsWhenStandardConformingStringsIsOff() {
        SplitScript split = POSTGRES.withStandardConformingStrings(false).split("SELECT 'a\\';b'; SELECT 2;");
        assertThat(split.statements()).extracting(SqlStatement::sql).containsExactly("SELECT 'a\\';b'", "SELECT 2");
    }

    static Stream<Arguments> unterminated() {
        return Stream.of(
                arguments("string", "SELECT 1;\nSELECT 'abc;", SplitProblem.UNTERMINATED_STRING, "2:8"),
                arguments(
                        "E string ending in an escaped quote, reported at its quote",
                        "SELECT E'ab\\';",
                        SplitProblem.UNTERMINATED_STRING,
                        "1:9"),
                arguments("quoted identifier", "SELECT \"ab;", SplitProblem.UNTERMINATED_QUOTED_IDENTIFIER, "1:8"),
                arguments(
                        "dollar quote",
                        "SELECT 1;\r\n  SELECT $x$ a; $y$;",
                        SplitProblem.UNTERMINATED_DOLLAR_QUOTE,
                        "2:10"),
                arguments(
                        "nested comment closed once",
                        "SELECT 1; /* a /* b */ SELECT 2;",
                        SplitProblem.UNTERMINATED_COMMENT,
                        "1:11"),
                arguments(
                        "BEGIN ATOMIC without END",
                        "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC" + " SELECT 1; SELECT 2;",
                        SplitProblem.UNTERMINATED_BODY,
                        "1:46"),
                arguments("parenthesis", "SELECT (1; SELECT 2;", SplitProblem.UNCLOSED_PARENTHESIS, "1:8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unterminated")
    void reportsAnUnterminatedConstructWhereItStarts(String construct, String script, String code, String at) {
        SplitScript split = POSTGRES.split(script);
        assertThat(split.reassemble()).isEqualTo(script);
        assertThat(split.problems()).as(construct).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(code);
            assertThat(problem.position()).hasToString(at);
            assertThat(problem.message()).isNotBlank();
        });
    }
}
