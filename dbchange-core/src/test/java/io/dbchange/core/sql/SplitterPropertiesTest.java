package io.dbchange.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SourcePosition;
import io.dbchange.api.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of {@link StatementSplitter} over generated scripts: nothing is lost or changed, statements come back
 * exactly as they were joined, positions point at the right characters, and hostile input ends.
 *
 * <p>Generated statements are made of fragments that hold every construct that could fool a splitter: delimiters
 * inside strings, identifiers, comments, dollar quotes, versioned comments and compound bodies. Each property checks
 * positions with a line counter written here, independently of the splitter's.
 */
class SplitterPropertiesTest {

    // ---------------------------------------------------------------------------------------------------------
    // (1) reassembly, for generated scripts and for arbitrary text

    @Property(tries = 300)
    void piecesReassembleGeneratedMySqlScripts(@ForAll("mysqlNoise") String script, @ForAll boolean backslashes) {
        assertSound(StatementSplitter.forDialect(Dialect.MYSQL).withBackslashEscapes(backslashes), script);
    }

    @Property(tries = 300)
    void piecesReassembleGeneratedPostgresScripts(@ForAll("postgresNoise") String script, @ForAll boolean scs) {
        assertSound(StatementSplitter.forDialect(Dialect.POSTGRESQL).withStandardConformingStrings(scs), script);
    }

    @Property(tries = 300)
    void piecesReassembleArbitraryText(@ForAll("anyText") String script, @ForAll Dialect dialect) {
        assertSound(StatementSplitter.forDialect(dialect), script);
    }

    // ---------------------------------------------------------------------------------------------------------
    // (2) + (3) known statements joined with trivia come back exactly, at the right positions

    @Property(tries = 300)
    void mysqlStatementsJoinedWithTriviaComeBackExactly(@ForAll("mysqlScripts") Script script) {
        assertStatements(StatementSplitter.forDialect(Dialect.MYSQL), script);
    }

    @Property(tries = 300)
    void postgresStatementsJoinedWithTriviaComeBackExactly(@ForAll("postgresScripts") Script script) {
        assertStatements(StatementSplitter.forDialect(Dialect.POSTGRESQL), script);
    }

    // ---------------------------------------------------------------------------------------------------------
    // (4) hostile input ends (bounded sizes; no timing assertion)

    @Property(tries = 40)
    void hostileRepetitionsEnd(
            @ForAll("hostileUnits") String unit,
            @ForAll @IntRange(min = 1, max = 40_000) int times,
            @ForAll Dialect dialect) {
        String script = unit.repeat(times);
        assertSound(StatementSplitter.forDialect(dialect), script);
    }

    @Example
    void aMegabyteStringWithoutItsClosingQuoteIsOneStatementAndOneProblem() {
        String script = "SELECT 1;\nSELECT '" + "x;".repeat(500_000);
        SplitScript split = assertSound(StatementSplitter.forDialect(Dialect.MYSQL), script);
        assertThat(split.statements()).hasSize(2);
        assertThat(split.problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.position()).isEqualTo(new SourcePosition(17, 2, 8)));
    }

    @Example
    void aMillionSemicolonsAreAMillionEmptyStatements() {
        SplitScript split = StatementSplitter.forDialect(Dialect.POSTGRESQL).split(";".repeat(1_000_000));
        assertThat(split.pieces()).hasSize(1_000_000);
        assertThat(split.statements()).isEmpty();
        assertThat(split.problems()).isEmpty();
    }

    @Example
    void deeplyNestedPostgresCommentsEndWithOneProblem() {
        String script = "/*".repeat(200_000) + "*/".repeat(199_999) + "SELECT 1;";
        SplitScript split = assertSound(StatementSplitter.forDialect(Dialect.POSTGRESQL), script);
        assertThat(split.statements()).isEmpty();
        assertThat(split.problems()).extracting(SplitProblem::code).containsExactly(SplitProblem.UNTERMINATED_COMMENT);
    }

    // ---------------------------------------------------------------------------------------------------------
    // checks

    /** Reassembly, positions of every piece and statement, and problems iff statementsOrThrow throws. */
    private static SplitScript assertSound(StatementSplitter splitter, String source) {
        SplitScript split = splitter.split(source);
        assertThat(split.reassemble()).isEqualTo(source);
        assertThat(split.source()).isSameAs(source);
        int offset = 0;
        for (ScriptPiece piece : split.pieces()) {
            assertThat(piece.start()).as("start of %s", piece).isEqualTo(positionOf(source, offset));
            offset += piece.text().length();
        }
        List<SqlStatement> statements = split.statements();
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement statement = statements.get(i);
            assertThat(statement.index()).isEqualTo(i);
            assertThat(statement.start())
                    .isEqualTo(positionOf(source, statement.start().offset()));
            assertThat(statement.end())
                    .isEqualTo(positionOf(source, statement.end().offset()));
            assertThat(source.substring(
                            statement.start().offset(), statement.end().offset()))
                    .isEqualTo(statement.sql());
            assertThat(statement.sql()).isNotBlank();
        }
        if (split.problems().isEmpty()) {
            assertThat(split.statementsOrThrow()).isEqualTo(statements);
        } else {
            SplitProblem first = split.problems().get(0);
            assertThatThrownBy(split::statementsOrThrow)
                    .isInstanceOfSatisfying(
                            DbChangeException.class, e -> assertThat(e.code()).isEqualTo(CoreErrorCode.SCRIPT_INVALID))
                    .hasMessageContaining(first.code())
                    .hasMessageContaining(first.position().toString());
        }
        return split;
    }

    private static void assertStatements(StatementSplitter splitter, Script script) {
        SplitScript split = assertSound(splitter, script.text());
        assertThat(split.problems()).isEmpty();
        List<SqlStatement> statements = split.statements();
        assertThat(statements).extracting(SqlStatement::sql).containsExactlyElementsOf(script.statements());
        assertThat(statements).extracting(SqlStatement::delimiter).containsExactlyElementsOf(script.delimiters());
        assertThat(statements)
                .extracting(statement -> statement.start().offset())
                .containsExactlyElementsOf(script.offsets());
    }

    /** Line and column of {@code offset}, counted here: {@code \n}, {@code \r\n} and a lone {@code \r} end a line. */
    static SourcePosition positionOf(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
            } else if (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                line++;
                lineStart = i + 1;
            }
        }
        int column = offset - lineStart + 1;
        if (offset > lineStart && text.charAt(offset - 1) == '\r') {
            // Between the \r and the \n of a pair: the \r takes no column of its own.
            column--;
        }
        return new SourcePosition(offset, line, column);
    }

    // ---------------------------------------------------------------------------------------------------------
    // generated scripts with known statements

    /** A script with the statements, delimiters and start offsets it was built from. */
    record Script(String text, List<String> statements, List<String> delimiters, List<Integer> offsets) {

        @Override
        public String toString() {
            return text.replace("\r", "\\r").replace("\n", "\\n\n");
        }
    }

    /** Builds a script statement by statement, remembering what it put where. */
    private static final class Builder {
        private final StringBuilder text = new StringBuilder();
        private final List<String> statements = new ArrayList<>();
        private final List<String> delimiters = new ArrayList<>();
        private final List<Integer> offsets = new ArrayList<>();

        Builder trivia(String trivia) {
            text.append(trivia);
            return this;
        }

        /**
         * Adds a statement; white space and comments written between it and its delimiter belong to its text, while
         * a statement that ends the script without a delimiter ends at its last significant character.
         */
        Builder statement(String sql, String beforeDelimiter, String delimiter) {
            offsets.add(text.length());
            statements.add(delimiter.isEmpty() ? sql : sql + beforeDelimiter);
            delimiters.add(delimiter);
            text.append(sql).append(delimiter.isEmpty() ? "" : beforeDelimiter).append(delimiter);
            return this;
        }

        Script build() {
            return new Script(text.toString(), statements, delimiters, offsets);
        }
    }

    /** White space and comments that may come between statements. */
    private static final List<String> MYSQL_TRIVIA = List.of(
            " ",
            "\n",
            "\r\n",
            "\r",
            "\t",
            "\n\n",
            "-- a note; with ' quote\n",
            "# hash; note\n",
            "/* block; ' \" ` */",
            "/* multi\nline; */",
            "--\n",
            "-- \r\n");

    private static final List<String> POSTGRES_TRIVIA = List.of(
            " ",
            "\n",
            "\r\n",
            "\r",
            "\t",
            "\n\n",
            "-- a note; with ' quote\n",
            "--no space needed;\n",
            "/* block; ' \" $$ */",
            "/* outer /* inner; */ still comment; */",
            "\uFEFF");

    /** Heads that start a plain statement (never a client command or a compound body). */
    private static final List<String> HEADS = List.of(
            "SELECT",
            "INSERT INTO t VALUES",
            "UPDATE t SET a =",
            "DELETE FROM t WHERE a =",
            "select",
            "With x AS (SELECT 1) SELECT");

    /** Tokens inside a MySQL statement, each of which hides a ; or a quote from a naive splitter. */
    private static final List<String> MYSQL_TOKENS = List.of(
            "1",
            "a.b",
            "'x;y'",
            "'it''s;'",
            "'back\\'slash;'",
            "\"dq;\\\"x\"",
            "\"a\"\"b;\"",
            "`we;ird``id`",
            "/* c; */",
            "/*+ hint; */",
            "/*!50003 SET x = 1; */",
            "/*M!100100 y; */",
            "-- line; comment\n",
            "# hash; comment\n",
            "1--1",
            "IF(a, 1, 2)",
            "REPEAT('a;', 2)",
            "CASE WHEN a THEN 1 ELSE 2 END",
            "x$y",
            "@v",
            "@@session.sql_mode",
            "_utf8mb4'z;'",
            "X'0A'",
            "IF EXISTS",
            "begin_at",
            "t.end");

    /** Compound statements that hold ; and END, kept whole with the default delimiter. */
    private static final List<String> MYSQL_BODIES = List.of(
            "CREATE PROCEDURE p() BEGIN DECLARE x INT; IF x > 0 THEN SELECT 1; ELSEIF x < 0 THEN SELECT 2; ELSE"
                    + " SELECT IF(x, 3, 4); END IF; END",
            "CREATE DEFINER=`root`@`localhost` TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN\n"
                    + "  SET NEW.a = CASE WHEN NEW.a > 0 THEN 1 ELSE 2 END;\n  SET NEW.b = REPEAT('x;', 2);\nEND",
            "CREATE FUNCTION f() RETURNS INT DETERMINISTIC BEGIN DECLARE i INT DEFAULT 0; lbl: LOOP SET i = i + 1;"
                    + " IF i > 3 THEN LEAVE lbl; END IF; END LOOP lbl; RETURN i; END",
            "BEGIN NOT ATOMIC DECLARE x INT DEFAULT 0; WHILE x < 3 DO SET x = x + 1; END WHILE; REPEAT SET x = x - 1;"
                    + " UNTIL x = 0 END REPEAT; END",
            "CREATE EVENT ev ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t WHERE a = 'b;'; END",
            "CREATE PROCEDURE q() proc: BEGIN CASE WHEN 1 THEN BEGIN SELECT 1; END; ELSE SELECT 2; END CASE; END proc",
            "CREATE PROCEDURE r()\nBEGIN\n  DROP TABLE IF EXISTS t;\n  CREATE TABLE IF NOT EXISTS t (a INT);\nEND",
            "CREATE TRIGGER span BEFORE UPDATE ON t FOR EACH ROW BEGIN SET NEW.end = OLD.begin; SET NEW.c = t.case;"
                    + " END",
            "/*!50003 CREATE*/ /*!50020 DEFINER=`u`@`%`*/ /*!50003 TRIGGER tv AFTER INSERT ON t FOR EACH ROW"
                    + " BEGIN DELETE FROM u; END */");

    /** Tokens inside a PostgreSQL statement. */
    private static final List<String> POSTGRES_TOKENS = List.of(
            "1",
            "a.b",
            "'x;y'",
            "'it''s;'",
            "E'esc\\';'",
            "e'\\\\'",
            "U&'d\\0061t;'",
            "\"we;ird\"\"id\"",
            "$$ body; ' $$",
            "$fn$ a $$ ; $fn$",
            "$_$ x; $_$",
            "$1",
            "a$b",
            "x$$y",
            "/* c; /* nested; */ ; */",
            "-- line; comment\n",
            "(SELECT 1; SELECT 2)",
            "B'0101'",
            "CASE WHEN a THEN 1 END",
            "'a' 'b;'",
            "t.begin",
            "::text",
            "- -1");

    /** Statements that hold ; and stay whole in PostgreSQL. */
    private static final List<String> POSTGRES_BODIES = List.of(
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END;"
                    + " END",
            "CREATE OR REPLACE PROCEDURE p() LANGUAGE sql\nBEGIN ATOMIC\n  INSERT INTO t VALUES (';');\nEND",
            "CREATE FUNCTION h() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT t.end FROM t; SELECT t.case; END",
            "CREATE FUNCTION g() RETURNS trigger AS $body$\nBEGIN\n  NEW.a := ';';\n  RETURN NEW;\nEND\n$body$"
                    + " LANGUAGE plpgsql",
            "DO $$ BEGIN IF true THEN RAISE NOTICE 'x;'; END IF; END $$",
            "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO u VALUES (1); INSERT INTO u VALUES (2))");

    @Provide
    Arbitrary<Script> mysqlScripts() {
        Arbitrary<String> plain = statementOf(HEADS, MYSQL_TOKENS);
        Arbitrary<String> statement =
                Arbitraries.frequencyOf(Tuple.of(4, plain), Tuple.of(1, Arbitraries.of(MYSQL_BODIES)));
        // One segment: statements between two DELIMITER commands (or with the default delimiter).
        Arbitrary<Segment> segment = Combinators.combine(
                        Arbitraries.of(";", ";", "$$", "//", ";;", "GO"),
                        statement.list().ofMinSize(0).ofMaxSize(5),
                        Arbitraries.of(MYSQL_TRIVIA).list().ofMaxSize(3).map(parts -> String.join("", parts)))
                .as(Segment::new);
        return Combinators.combine(
                        segment.list().ofMinSize(1).ofMaxSize(4),
                        Arbitraries.of(MYSQL_TRIVIA),
                        Arbitraries.of(MYSQL_TRIVIA),
                        Arbitraries.of(true, false))
                .as((segments, before, between, lastDelimited) -> {
                    Builder builder = new Builder().trivia(before);
                    for (int s = 0; s < segments.size(); s++) {
                        Segment seg = segments.get(s);
                        boolean custom = !seg.delimiter().equals(";");
                        if (custom) {
                            builder.trivia("\nDELIMITER " + seg.delimiter() + "\n");
                        }
                        for (int i = 0; i < seg.statements().size(); i++) {
                            boolean last = s == segments.size() - 1
                                    && i == seg.statements().size() - 1;
                            // A word-like delimiter such as GO must not touch the statement's last word.
                            String gap = seg.delimiter().equals("GO") ? " " : seg.gap();
                            builder.statement(
                                    seg.statements().get(i),
                                    gap,
                                    last && !lastDelimited && !custom ? "" : seg.delimiter());
                            builder.trivia(between);
                        }
                        if (custom) {
                            builder.trivia("\nDELIMITER ;\n");
                        }
                    }
                    return builder.build();
                });
    }

    @Provide
    Arbitrary<Script> postgresScripts() {
        Arbitrary<String> plain = statementOf(HEADS, POSTGRES_TOKENS);
        Arbitrary<String> statement =
                Arbitraries.frequencyOf(Tuple.of(4, plain), Tuple.of(1, Arbitraries.of(POSTGRES_BODIES)));
        Arbitrary<String> copy = Arbitraries.of("1\tx;y\n", "2\t'open\n", "3\t$$\n", "\\N\t/*\n")
                .list()
                .ofMaxSize(4)
                .map(rows -> "COPY t (a, b) FROM stdin;\n" + String.join("", rows));
        return Combinators.combine(
                        Arbitraries.frequencyOf(Tuple.of(6, statement), Tuple.of(1, copy))
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(8),
                        Arbitraries.of(POSTGRES_TRIVIA).list().ofMaxSize(3).map(parts -> String.join("", parts)),
                        Arbitraries.of(POSTGRES_TRIVIA),
                        Arbitraries.of(true, false))
                .as((statements, gap, between, lastDelimited) -> {
                    Builder builder = new Builder();
                    for (int i = 0; i < statements.size(); i++) {
                        String sql = statements.get(i);
                        boolean copyData = sql.startsWith("COPY");
                        boolean last = i == statements.size() - 1;
                        if (copyData) {
                            builder.statement(sql, "", "\\.").trivia("\n");
                        } else {
                            builder.statement(sql, gap, last && !lastDelimited ? "" : ";");
                        }
                        builder.trivia(between);
                    }
                    return builder.build();
                });
    }

    /** Statements in one DELIMITER segment, and the trivia written between each and its delimiter. */
    record Segment(String delimiter, List<String> statements, String gap) {}

    private static Arbitrary<String> statementOf(List<String> heads, List<String> tokens) {
        Arbitrary<String> separator = Arbitraries.of(" ", " ", "\n", "\r\n", "\t");
        Arbitrary<String> body = Combinators.combine(Arbitraries.of(tokens), separator)
                .as((token, sep) -> sep + token)
                .list()
                .ofMaxSize(6)
                .map(parts -> String.join("", parts));
        // A statement ends with a token that is code, so that no trailing comment or blank belongs to it.
        return Combinators.combine(Arbitraries.of(heads), body, Arbitraries.of(" 1", " x", " 'end;'", ")", " `e`"))
                .as((head, middle, tail) -> {
                    String sql = head + middle + tail;
                    return sql.endsWith(")") && !head.startsWith("With")
                            ? sql.substring(0, sql.length() - 1) + " 1"
                            : sql;
                });
    }

    // ---------------------------------------------------------------------------------------------------------
    // noise for reassembly and hostile input

    @Provide
    Arbitrary<String> mysqlNoise() {
        return Arbitraries.of(
                        "SELECT 1",
                        ";",
                        " ",
                        "\n",
                        "\r\n",
                        "\r",
                        "'",
                        "\"",
                        "`",
                        "\\",
                        "''",
                        "--",
                        "-- x\n",
                        "#",
                        "/*",
                        "*/",
                        "/*!50003",
                        "/*+",
                        "/*M!",
                        "DELIMITER $$\n",
                        "DELIMITER ;\n",
                        "delimiter //\n",
                        "DELIMITER\n",
                        "$$",
                        "//",
                        "CREATE PROCEDURE p() ",
                        "BEGIN",
                        "BEGIN NOT ATOMIC",
                        "END",
                        "END IF",
                        "IF",
                        "CASE",
                        "LOOP",
                        "REPEAT",
                        "WHILE",
                        "lbl:",
                        "THEN",
                        "ELSE",
                        "DO",
                        "(",
                        ")",
                        "FOR EACH ROW",
                        "CREATE TRIGGER t BEFORE INSERT ON t",
                        "\uFEFF",
                        "é",
                        "\u0000")
                .list()
                .ofMaxSize(40)
                .map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> postgresNoise() {
        return Arbitraries.of(
                        "SELECT 1",
                        ";",
                        " ",
                        "\n",
                        "\r\n",
                        "\r",
                        "'",
                        "\"",
                        "\\",
                        "''",
                        "E'",
                        "U&'",
                        "--",
                        "/*",
                        "*/",
                        "$$",
                        "$a$",
                        "$1",
                        "a$",
                        "$",
                        "(",
                        ")",
                        "CREATE FUNCTION f() ",
                        "BEGIN ATOMIC",
                        "END",
                        "CASE",
                        "COPY t FROM stdin;\n",
                        "\\.\n",
                        "\\.",
                        "SET standard_conforming_strings = off;",
                        "SET standard_conforming_strings TO on;",
                        "\uFEFF",
                        "é",
                        "\u0000")
                .list()
                .ofMaxSize(40)
                .map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings()
                        .withChars("';\"`$\\/*-#\n\r \tabEBGINDLMTUX&!+01()")
                        .ofMaxLength(200));
    }

    @Provide
    Arbitrary<String> hostileUnits() {
        return Arbitraries.of(
                "/*",
                "/* /* ",
                "*/",
                ";",
                "'",
                "\"",
                "`",
                "\\",
                "$$",
                "$a$",
                "$a",
                "--",
                "-- \n",
                "#",
                "\n",
                "\r",
                "BEGIN ",
                "CASE ",
                "END ",
                "IF ",
                "DELIMITER $$\n",
                "DELIMITER \n",
                "(",
                "E'\\",
                "/*!",
                "COPY t FROM" + " stdin;\n",
                "CREATE PROCEDURE p() BEGIN ",
                "CREATE FUNCTION f() BEGIN ATOMIC ");
    }
}
