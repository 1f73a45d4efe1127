package io.dbchange.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SourcePosition;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.testing.PropertySeeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of {@link StatementSplitter} over generated scripts: nothing is lost or changed, statements come back
 * exactly as they were joined, positions point at the right characters, and hostile input ends.
 *
 * <p>Generated statements are made of fragments that hold every construct that could fool a splitter: delimiters
 * inside strings, identifiers, comments, dollar quotes, versioned comments and compound bodies. Each property checks
 * positions with a line counter written here, independently of the splitter's.
 *
 * <p>Each try is one seed of {@link PropertySeeds}; the generators below draw from a {@link SplittableRandom} made from
 * it, and a failure names the seed and shows the generated input (rerun just that seed with {@code
 * -Ddbchange.property.only=<seed>}).
 */
class SplitterPropertiesTest {

    static LongStream seeds() {
        return PropertySeeds.seeds(300);
    }

    /** Fewer tries for hostile input: each builds a script of up to a few hundred thousand characters. */
    static LongStream hostileSeeds() {
        return PropertySeeds.seeds(40);
    }

    // ---------------------------------------------------------------------------------------------------------
    // (1) reassembly, for generated scripts and for arbitrary text

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void piecesReassembleGeneratedMySqlScripts(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String script = mysqlNoise(random);
        boolean backslashes = random.nextBoolean();
        check(
                seed,
                "backslashEscapes=" + backslashes + ", script " + literal(script),
                () -> assertSound(
                        StatementSplitter.forDialect(Dialect.MYSQL).withBackslashEscapes(backslashes), script));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void piecesReassembleGeneratedPostgresScripts(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String script = postgresNoise(random);
        boolean scs = random.nextBoolean();
        check(
                seed,
                "standardConformingStrings=" + scs + ", script " + literal(script),
                () -> assertSound(
                        StatementSplitter.forDialect(Dialect.POSTGRESQL).withStandardConformingStrings(scs), script));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void piecesReassembleArbitraryText(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String script = anyText(random);
        Dialect dialect = pick(random, Dialect.values());
        check(
                seed,
                dialect + ", script " + literal(script),
                () -> assertSound(StatementSplitter.forDialect(dialect), script));
    }

    // ---------------------------------------------------------------------------------------------------------
    // (2) + (3) known statements joined with trivia come back exactly, at the right positions

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mysqlStatementsJoinedWithTriviaComeBackExactly(long seed) {
        Script script = mysqlScript(new SplittableRandom(seed));
        check(seed, script.describe(), () -> assertStatements(StatementSplitter.forDialect(Dialect.MYSQL), script));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void postgresStatementsJoinedWithTriviaComeBackExactly(long seed) {
        Script script = postgresScript(new SplittableRandom(seed));
        check(
                seed,
                script.describe(),
                () -> assertStatements(StatementSplitter.forDialect(Dialect.POSTGRESQL), script));
    }

    // ---------------------------------------------------------------------------------------------------------
    // (4) hostile input ends (bounded sizes; no timing assertion)

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("hostileSeeds")
    void hostileRepetitionsEnd(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String unit = pick(random, HOSTILE_UNITS);
        int times = random.nextInt(1, 40_001);
        Dialect dialect = pick(random, Dialect.values());
        check(
                seed,
                dialect + ", script " + literal(unit) + ".repeat(" + times + ")",
                () -> assertSound(StatementSplitter.forDialect(dialect), unit.repeat(times)));
    }

    @Test
    void aMegabyteStringWithoutItsClosingQuoteIsOneStatementAndOneProblem() {
        String script = "SELECT 1;\nSELECT '" + "x;".repeat(500_000);
        SplitScript split = assertSound(StatementSplitter.forDialect(Dialect.MYSQL), script);
        assertThat(split.statements()).hasSize(2);
        assertThat(split.problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.position()).isEqualTo(new SourcePosition(17, 2, 8)));
    }

    @Test
    void aMillionSemicolonsAreAMillionEmptyStatements() {
        SplitScript split = StatementSplitter.forDialect(Dialect.POSTGRESQL).split(";".repeat(1_000_000));
        assertThat(split.pieces()).hasSize(1_000_000);
        assertThat(split.statements()).isEmpty();
        assertThat(split.problems()).isEmpty();
    }

    @Test
    void deeplyNestedPostgresCommentsEndWithOneProblem() {
        String script = "/*".repeat(200_000) + "*/".repeat(199_999) + "SELECT 1;";
        SplitScript split = assertSound(StatementSplitter.forDialect(Dialect.POSTGRESQL), script);
        assertThat(split.statements()).isEmpty();
        assertThat(split.problems()).extracting(SplitProblem::code).containsExactly(SplitProblem.UNTERMINATED_COMMENT);
    }

    // ---------------------------------------------------------------------------------------------------------
    // checks

    /**
     * Runs the checks of one try; when they fail (or the splitter throws), the failure names the seed and the generated
     * input, written as a Java string literal so that it can be pasted into a test.
     */
    static void check(long seed, String input, Runnable checks) {
        try {
            checks.run();
        } catch (AssertionError | RuntimeException failure) {
            throw new AssertionError(
                    "property failed for seed " + seed + " (rerun it alone with -Ddbchange.property.only=" + seed
                            + ")\ninput: " + input + "\n" + failure,
                    failure);
        }
    }

    /** Reassembly, positions of every piece and statement, and problems iff statementsOrThrow throws. */
    private static SplitScript assertSound(StatementSplitter splitter, String source) {
        SplitScript split = splitter.split(source);
        LineIndex lines = new LineIndex(source);
        assertThat(split.reassemble()).isEqualTo(source);
        assertThat(split.source()).isSameAs(source);
        int offset = 0;
        for (ScriptPiece piece : split.pieces()) {
            assertThat(piece.start()).as("start of %s", piece).isEqualTo(lines.positionOf(offset));
            offset += piece.text().length();
        }
        List<SqlStatement> statements = split.statements();
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement statement = statements.get(i);
            assertThat(statement.index()).isEqualTo(i);
            assertThat(statement.start())
                    .isEqualTo(lines.positionOf(statement.start().offset()));
            assertThat(statement.end())
                    .isEqualTo(lines.positionOf(statement.end().offset()));
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

    /**
     * Line and column of offsets, counted here rather than by the splitter: {@code \n}, {@code \r\n} and a lone
     * {@code \r} end a line. The starts of the lines are found once, so that checking every piece of a long script
     * stays linear.
     */
    static final class LineIndex {
        private final String text;
        private final int[] lineStarts;
        private final int lineCount;

        LineIndex(String text) {
            this.text = text;
            int[] starts = new int[16];
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                    if (count == starts.length) {
                        starts = Arrays.copyOf(starts, count * 2);
                    }
                    starts[count++] = i + 1;
                }
            }
            this.lineStarts = starts;
            this.lineCount = count;
        }

        SourcePosition positionOf(int offset) {
            int found = Arrays.binarySearch(lineStarts, 0, lineCount, offset);
            int index = found >= 0 ? found : -found - 2;
            int lineStart = lineStarts[index];
            int column = offset - lineStart + 1;
            if (offset > lineStart && text.charAt(offset - 1) == '\r') {
                // Between the \r and the \n of a pair: the \r takes no column of its own.
                column--;
            }
            return new SourcePosition(offset, index + 1, column);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // generated scripts with known statements

    /** A script with the statements, delimiters and start offsets it was built from. */
    record Script(String text, List<String> statements, List<String> delimiters, List<Integer> offsets) {

        String describe() {
            return "script " + literal(text) + "\nexpected statements "
                    + statements.stream().map(SplitterPropertiesTest::literal).toList() + " with delimiters "
                    + delimiters.stream().map(SplitterPropertiesTest::literal).toList() + " at offsets " + offsets;
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

    /** Delimiters of one DELIMITER segment of a generated MySQL script; {@code ;} is the default (no command). */
    private static final List<String> SEGMENT_DELIMITERS = List.of(";", ";", "$$", "//", ";;", "GO");

    /** Trailing tokens: a statement ends with code, so that no trailing comment or blank belongs to it. */
    private static final List<String> TAILS = List.of(" 1", " x", " 'end;'", ")", " `e`");

    private static final List<String> SEPARATORS = List.of(" ", " ", "\n", "\r\n", "\t");

    private static final List<String> COPY_ROWS = List.of("1\tx;y\n", "2\t'open\n", "3\t$$\n", "\\N\t/*\n");

    static Script mysqlScript(SplittableRandom random) {
        Builder builder = new Builder().trivia(pick(random, MYSQL_TRIVIA));
        String between = pick(random, MYSQL_TRIVIA);
        boolean lastDelimited = random.nextBoolean();
        int segments = random.nextInt(1, 5);
        for (int s = 0; s < segments; s++) {
            // One segment: statements between two DELIMITER commands (or with the default delimiter).
            String delimiter = pick(random, SEGMENT_DELIMITERS);
            int count = random.nextInt(0, 6);
            // A word-like delimiter such as GO must not touch the statement's last word.
            String gap = delimiter.equals("GO") ? " " : joined(random, MYSQL_TRIVIA, 3);
            boolean custom = !delimiter.equals(";");
            if (custom) {
                builder.trivia("\nDELIMITER " + delimiter + "\n");
            }
            for (int i = 0; i < count; i++) {
                String sql =
                        random.nextInt(5) < 4 ? statementOf(random, HEADS, MYSQL_TOKENS) : pick(random, MYSQL_BODIES);
                boolean last = s == segments - 1 && i == count - 1;
                builder.statement(sql, gap, last && !lastDelimited && !custom ? "" : delimiter);
                builder.trivia(between);
            }
            if (custom) {
                builder.trivia("\nDELIMITER ;\n");
            }
        }
        return builder.build();
    }

    static Script postgresScript(SplittableRandom random) {
        String gap = joined(random, POSTGRES_TRIVIA, 3);
        String between = pick(random, POSTGRES_TRIVIA);
        boolean lastDelimited = random.nextBoolean();
        int count = random.nextInt(1, 9);
        Builder builder = new Builder();
        for (int i = 0; i < count; i++) {
            boolean last = i == count - 1;
            if (random.nextInt(7) == 0) {
                String copy = "COPY t (a, b) FROM stdin;\n" + joined(random, COPY_ROWS, 4);
                builder.statement(copy, "", "\\.").trivia("\n");
            } else {
                String sql = random.nextInt(5) < 4
                        ? statementOf(random, HEADS, POSTGRES_TOKENS)
                        : pick(random, POSTGRES_BODIES);
                builder.statement(sql, gap, last && !lastDelimited ? "" : ";");
            }
            builder.trivia(between);
        }
        return builder.build();
    }

    /** A head, up to six tokens each after a separator, and a tail that is code. */
    private static String statementOf(SplittableRandom random, List<String> heads, List<String> tokens) {
        String head = pick(random, heads);
        StringBuilder sql = new StringBuilder(head);
        int count = random.nextInt(0, 7);
        for (int i = 0; i < count; i++) {
            sql.append(pick(random, SEPARATORS)).append(pick(random, tokens));
        }
        String tail = pick(random, TAILS);
        // A closing parenthesis only where the head opened one.
        sql.append(tail.equals(")") && !head.startsWith("With") ? " 1" : tail);
        return sql.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // noise for reassembly and hostile input

    private static final List<String> MYSQL_NOISE = List.of(
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
            "\u0000");

    private static final List<String> POSTGRES_NOISE = List.of(
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
            "\u0000");

    /** Characters that start, end or escape constructs, plus letters of keywords. */
    private static final String SPECIAL_CHARS = "';\"`$\\/*-#\n\r \tabEBGINDLMTUX&!+01()";

    private static final List<String> HOSTILE_UNITS = List.of(
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

    /** Up to 40 noise fragments, joined. */
    private static String mysqlNoise(SplittableRandom random) {
        return joined(random, MYSQL_NOISE, 40);
    }

    private static String postgresNoise(SplittableRandom random) {
        return joined(random, POSTGRES_NOISE, 40);
    }

    /** Up to 200 characters: half the time any UTF-16 unit (lone surrogates included), else special characters. */
    private static String anyText(SplittableRandom random) {
        boolean any = random.nextBoolean();
        int length = random.nextInt(0, 201);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(
                    any
                            ? (char) random.nextInt(Character.MAX_VALUE + 1)
                            : SPECIAL_CHARS.charAt(random.nextInt(SPECIAL_CHARS.length())));
        }
        return text.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // generator helpers

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static <T> T pick(SplittableRandom random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Zero to {@code maxParts} parts picked from {@code parts}, joined. */
    private static String joined(SplittableRandom random, List<String> parts, int maxParts) {
        int count = random.nextInt(0, maxParts + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(pick(random, parts));
        }
        return text.toString();
    }

    /** {@code text} as a Java string literal, with line breaks and all but printable ASCII escaped. */
    static String literal(String text) {
        StringBuilder literal = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (c >= ' ' && c < 0x7F) {
                        literal.append(c);
                    } else {
                        literal.append(String.format("\\u%04X", (int) c));
                    }
                }
            }
        }
        return literal.append('"').toString();
    }
}
