package io.dbchange.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Splits every {@code .sql} file of the shared corpus (Temporal's MySQL and PostgreSQL migrations, Sakila with its
 * MySQL triggers and procedures between DELIMITER commands and its PostgreSQL COPY data) and checks each split
 * against facts found without the splitter.
 *
 * <p>The corpus is the directory named by the system property {@value #PROPERTY} (the parent pom sets it for
 * Surefire and Failsafe), else {@code ../shared/corpus} next to the directory holding {@code mvnw}; without it the
 * tests are skipped. The dialect comes from the path ({@code mysql} or {@code postgres}).
 */
class CorpusSplitTest {

    static final String PROPERTY = "dbchange.corpus.dir";

    /**
     * Statement counts checked by hand and with awk (lines ending in a delimiter, outside DELIMITER blocks, dollar
     * quotes and COPY data), keyed by path relative to the corpus.
     */
    private static final Map<String, Integer> PINNED_COUNTS = Map.of(
            "sakila/mysql-sakila-schema.sql", 41,
            "sakila/mysql-sakila-drop-objects.sql", 29,
            "sakila/postgres-sakila-schema.sql", 225,
            "sakila/postgres-sakila-drop-objects.sql", 45,
            "sakila/postgres-sakila-insert-data-using-copy.sql", 79,
            "temporal/mysql/v8/visibility/schema.sql", 76,
            "temporal/postgresql/v12/visibility/schema.sql", 76,
            "temporal/mysql/v8/temporal/versioned/v1.0/schema.sql", 25,
            "temporal/postgresql/v12/temporal/versioned/v1.0/schema.sql", 30);

    /** Words a statement of these migration scripts may begin with. */
    private static final Set<String> FIRST_WORDS = Set.of(
            "ALTER",
            "ANALYZE",
            "BEGIN",
            "CALL",
            "COMMENT",
            "COMMIT",
            "COPY",
            "CREATE",
            "DELETE",
            "DO",
            "DROP",
            "GRANT",
            "INSERT",
            "LOCK",
            "RENAME",
            "REPLACE",
            "REVOKE",
            "SELECT",
            "SET",
            "START",
            "TRUNCATE",
            "UNLOCK",
            "UPDATE",
            "USE",
            "WITH");

    @TestFactory
    Stream<DynamicTest> everyCorpusFileSplitsCleanlyIntoItsStatements() throws IOException {
        Path corpus = corpusDirectory();
        Assumptions.assumeTrue(
                Files.isDirectory(corpus),
                () -> "SQL corpus not found at " + corpus + "; set -D" + PROPERTY + " to run the corpus tests");
        List<Path> files;
        try (Stream<Path> paths = Files.walk(corpus)) {
            files = paths.filter(path -> path.toString().endsWith(".sql"))
                    .filter(path -> dialectOf(corpus.relativize(path)) != null)
                    .sorted()
                    .toList();
        }
        assertThat(files).as("SQL files under %s", corpus).hasSizeGreaterThan(10);
        Set<String> names = files.stream().map(path -> name(corpus, path)).collect(Collectors.toSet());
        assertThat(names).as("pinned files present in the corpus").containsAll(PINNED_COUNTS.keySet());
        return files.stream().map(path -> DynamicTest.dynamicTest(name(corpus, path), () -> check(corpus, path)));
    }

    @TestFactory
    Stream<DynamicTest> sakilaSpecialsAreSplitAsWritten() {
        Path corpus = corpusDirectory();
        Assumptions.assumeTrue(Files.isDirectory(corpus.resolve("sakila")), "Sakila corpus not found at " + corpus);
        return Stream.of(
                DynamicTest.dynamicTest("mysql triggers and routines keep their DELIMITER values", () -> {
                    SplitScript script = split(corpus.resolve("sakila/mysql-sakila-schema.sql"), Dialect.MYSQL);
                    Map<String, Long> byDelimiter = script.statements().stream()
                            .collect(Collectors.groupingBy(SqlStatement::delimiter, Collectors.counting()));
                    assertThat(byDelimiter)
                            .containsEntry(";;", 3L)
                            .containsEntry("//", 1L)
                            .containsEntry("$$", 5L);
                    assertThat(script.pieces().stream()
                                    .filter(piece -> piece.kind() == ScriptPiece.Kind.DELIMITER_COMMAND)
                                    .count())
                            .isEqualTo(14);
                    assertThat(script.statements())
                            .filteredOn(statement -> statement.delimiter().equals(";;"))
                            .allSatisfy(trigger -> assertThat(trigger.sql())
                                    .startsWith("CREATE TRIGGER")
                                    .endsWith("END"));
                }),
                DynamicTest.dynamicTest("postgres COPY statements carry their data up to \\.", () -> {
                    SplitScript script = split(
                            corpus.resolve("sakila/postgres-sakila-insert-data-using-copy.sql"), Dialect.POSTGRESQL);
                    List<SqlStatement> copies = script.statements().stream()
                            .filter(statement -> statement.delimiter().equals("\\."))
                            .toList();
                    assertThat(copies)
                            .hasSize(15)
                            .allSatisfy(copy -> assertThat(copy.sql())
                                    .startsWith("COPY public.")
                                    .contains("FROM stdin;\n")
                                    .endsWith("\n"));
                    SqlStatement payments = copies.get(copies.size() - 1);
                    // 46692 - 30642 - 1 data rows between the COPY line and the \. line of the payment table
                    assertThat(payments.sql().lines().count() - 1).isEqualTo(46692 - 30642 - 1);
                }));
    }

    private static void check(Path corpus, Path path) throws IOException {
        String name = name(corpus, path);
        Dialect dialect = dialectOf(corpus.relativize(path));
        String source = Files.readString(path, StandardCharsets.UTF_8);
        SplitScript script = StatementSplitter.forDialect(dialect).split(source);

        assertThat(script.reassemble()).as("reassembled %s", name).isEqualTo(source);
        assertThat(script.problems()).as("problems in %s", name).isEmpty();
        List<SqlStatement> statements = script.statements();
        if (PINNED_COUNTS.containsKey(name)) {
            assertThat(statements).as("statements of %s", name).hasSize(PINNED_COUNTS.get(name));
        }
        assertThat(statements).as("statements of %s", name).isNotEmpty();
        for (SqlStatement statement : statements) {
            String what = name + " statement " + statement.summary();
            assertThat(source.substring(
                            statement.start().offset(), statement.end().offset()))
                    .as(what)
                    .isEqualTo(statement.sql());
            assertThat(FIRST_WORDS).as("first word of %s", what).contains(firstWord(statement.sql()));
            String code = statement.delimiter().equals("\\.") ? copyCommand(statement.sql()) : statement.sql();
            assertThat(QuoteState.after(code, dialect))
                    .as("quoting state at the end of %s", what)
                    .isEqualTo("");
            assertThat(statement.delimiter()).as(what).isIn(";", ";;", "//", "$$", "\\.");
        }
    }

    /** The command part of a COPY statement with inline data: everything up to the end of the line holding its ;. */
    private static String copyCommand(String sql) {
        int lineEnd = sql.indexOf('\n');
        return (lineEnd < 0 ? sql : sql.substring(0, lineEnd)).stripTrailing();
    }

    private static String firstWord(String sql) {
        int end = 0;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        return sql.substring(0, end).toUpperCase(Locale.ROOT);
    }

    private static SplitScript split(Path path, Dialect dialect) throws IOException {
        return StatementSplitter.forDialect(dialect).split(Files.readString(path, StandardCharsets.UTF_8));
    }

    private static String name(Path corpus, Path path) {
        return corpus.relativize(path).toString().replace('\\', '/');
    }

    private static Dialect dialectOf(Path relative) {
        String path = relative.toString().toLowerCase(Locale.ROOT);
        return path.contains("mysql") ? Dialect.MYSQL : path.contains("postgres") ? Dialect.POSTGRESQL : null;
    }

    /** The system property, else {@code ../shared/corpus} next to the nearest directory up from here with mvnw. */
    static Path corpusDirectory() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir.resolve("../shared/corpus").normalize();
            }
        }
        return here.resolve("../shared/corpus").normalize();
    }

    /**
     * A deliberately small lexer, independent of the splitter: it only knows quotes and comments, and tells which
     * construct is still open at the end of a text ({@code ""} when none is).
     */
    static final class QuoteState {

        private QuoteState() {}

        static String after(String text, Dialect dialect) {
            boolean mysql = dialect == Dialect.MYSQL;
            int i = 0;
            int n = text.length();
            while (i < n) {
                char c = text.charAt(i);
                if (c == '\'' || c == '"' || (mysql && c == '`')) {
                    boolean escapes = mysql && c != '`'
                            || (c == '\'' && i > 0 && (text.charAt(i - 1) | 0x20) == 'e' && !wordBefore(text, i - 1));
                    int close = i + 1;
                    while (close < n && text.charAt(close) != c) {
                        close += escapes && text.charAt(close) == '\\' ? 2 : 1;
                    }
                    if (close >= n) {
                        return String.valueOf(c);
                    }
                    i = close + 1;
                } else if (c == '-' && text.startsWith("--", i)) {
                    int end = text.indexOf('\n', i);
                    i = end < 0 ? n : end;
                } else if (c == '#' && mysql) {
                    int end = text.indexOf('\n', i);
                    i = end < 0 ? n : end;
                } else if (c == '/' && text.startsWith("/*", i)) {
                    int end = text.indexOf("*/", i + 2);
                    if (end < 0) {
                        return "/*";
                    }
                    i = end + 2;
                } else if (c == '$' && !mysql && !wordBefore(text, i)) {
                    int tagEnd = text.indexOf('$', i + 1);
                    String tag = tagEnd < 0 ? "" : text.substring(i, tagEnd + 1);
                    if (tag.length() >= 2
                            && tag.chars()
                                    .skip(1)
                                    .limit(tag.length() - 2L)
                                    .allMatch(ch -> Character.isLetter(ch) || ch == '_')) {
                        int close = text.indexOf(tag, tagEnd + 1);
                        if (close < 0) {
                            return tag;
                        }
                        i = close + tag.length();
                    } else {
                        i++;
                    }
                } else {
                    i++;
                }
            }
            return "";
        }

        private static boolean wordBefore(String text, int i) {
            return i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '_');
        }
    }
}
