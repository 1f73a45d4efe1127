package io.dbchange.core.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.review.Finding;
import io.dbchange.api.review.Level;
import io.dbchange.api.schema.Column;
import io.dbchange.api.schema.Index;
import io.dbchange.api.schema.KeyPart;
import io.dbchange.api.schema.PrimaryKey;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.Table;
import io.dbchange.api.schema.TableOptions;
import io.dbchange.api.sql.Dialect;
import io.dbchange.core.review.statement.ObjectName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlReviewTest {

    private static final ReviewPolicy WHERE = ReviewPolicy.builder()
            .rule("statement.where.require-update-delete", Level.ERROR)
            .build();

    @Test
    void findingNamesTheStatementAndCarriesItsPosition() {
        ReviewResult result = SqlReview.of(Dialect.MYSQL, WHERE).review("SELECT 1;\n\n  DELETE FROM book;");
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("statement.where.require-update-delete");
            assertThat(f.level()).isEqualTo(Level.ERROR);
            assertThat(f.message()).startsWith("`DELETE FROM book` has no WHERE clause");
            assertThat(f.statementIndex()).hasValue(1);
            assertThat(f.position().orElseThrow().line()).isEqualTo(3);
            assertThat(f.position().orElseThrow().column()).isEqualTo(3);
        });
        assertThat(result.hasErrors()).isTrue();
        assertThat(result.maxLevel()).contains(Level.ERROR);
    }

    @Test
    void unrecognizedStatementsGetAFindingInsteadOfPassingSilently() {
        ReviewResult result =
                SqlReview.of(Dialect.POSTGRESQL, WHERE).review("FROBNICATE the table;\nDELETE FROM a WHERE b;");
        assertThat(result.findings()).extracting(Finding::ruleId).containsExactly(SqlReview.UNRECOGNIZED);
        assertThat(result.findings().get(0).message()).contains("FROBNICATE").contains("review it by hand");
    }

    @Test
    void aScriptTheSplitterCannotCutIsReported() {
        ReviewResult result = SqlReview.of(Dialect.MYSQL, WHERE).review("SELECT 'unterminated");
        assertThat(result.findings()).extracting(Finding::ruleId).contains(SqlReview.SCRIPT_INVALID);
    }

    @Test
    void aRuleThatThrowsBecomesAFindingAndReviewGoesOn() {
        ReviewRule broken = new ReviewRule() {
            @Override
            public RuleDescriptor descriptor() {
                return RuleDescriptor.of("test.broken", EnumSet.allOf(Dialect.class), "always throws");
            }

            @Override
            public void check(RuleContext context, Consumer<Finding> findings) {
                throw new IllegalStateException("boom");
            }
        };
        ReviewRules rules = ReviewRules.of(List.of(broken));
        ReviewPolicy policy =
                ReviewPolicy.builder(rules).rule("test.broken", Level.WARNING).build();
        ReviewResult result = SqlReview.of(Dialect.MYSQL, policy).review("SELECT 1; SELECT 2;");
        assertThat(result.findings()).hasSize(2).allSatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo(SqlReview.RULE_FAILED);
            assertThat(f.message()).contains("test.broken").contains("boom");
        });
    }

    @Test
    void theBaseSnapshotFeedsTheCatalogAndLaterStatementsSeeEarlierOnes() {
        Table book = new Table(
                "book",
                List.of(Column.of("id", "bigint", false), Column.of("title", "varchar(10)", true)),
                Optional.of(PrimaryKey.of("PRIMARY", "id")),
                List.of(new Index(
                        "idx_title", false, List.of(KeyPart.column("title")), "btree", Optional.empty(), true)),
                List.of(),
                List.of(),
                TableOptions.NONE);
        SchemaSnapshot base =
                new SchemaSnapshot(Dialect.MYSQL, "shop", Instant.EPOCH, List.of(Schema.of("", List.of(book))));
        ReviewPolicy policy = ReviewPolicy.builder()
                .rule("column.disallow-change-type", Level.ERROR)
                .rule("column.disallow-drop-in-index", Level.ERROR)
                .build();
        ReviewResult result = SqlReview.of(Dialect.MYSQL, policy).withBase(base).review("""
                ALTER TABLE book MODIFY title varchar(20);
                ALTER TABLE book DROP INDEX idx_title;
                ALTER TABLE book DROP COLUMN title;
                ALTER TABLE book DROP COLUMN id;
                """);
        assertThat(result.findings())
                .extracting(f -> f.ruleId() + "@" + f.position().orElseThrow().line())
                .containsExactly("column.disallow-change-type@1", "column.disallow-drop-in-index@4");
        assertThat(result.findings().get(0).message()).contains("from varchar(10) to VARCHAR(20)");
    }

    @Test
    void theCatalogAnswersExistenceTypesAndIndexCounts() {
        List<Catalog> seen = new java.util.ArrayList<>();
        ReviewRule probe = new ReviewRule() {
            @Override
            public RuleDescriptor descriptor() {
                return RuleDescriptor.of("test.probe", EnumSet.allOf(Dialect.class), "records catalog answers");
            }

            @Override
            public void check(RuleContext context, Consumer<Finding> findings) {
                ObjectName book = new ObjectName(
                        Optional.of("app"),
                        "book",
                        context.statement().statement().start());
                findings.accept(context.finding(context.catalog().tableExists(book) + " "
                        + context.catalog().columnType(book, "title").orElse("-") + " "
                        + context.catalog().indexCount(book)));
            }
        };
        ReviewPolicy policy = ReviewPolicy.builder(ReviewRules.of(List.of(probe)))
                .rule("test.probe", Level.WARNING)
                .build();
        ReviewResult result = SqlReview.of(Dialect.POSTGRESQL, policy).review("""
                CREATE TABLE app.book (id bigint PRIMARY KEY, title varchar(10));
                CREATE INDEX idx_title ON app.book (title);
                ALTER TABLE app.book ALTER COLUMN title TYPE text;
                ALTER TABLE app.book RENAME TO books;
                SELECT 1;
                """);
        assertThat(result.findings())
                .extracting(Finding::message)
                .containsExactly("false - 0", "true VARCHAR(10) 1", "true VARCHAR(10) 2", "true TEXT 2", "false - 0");
    }

    @Test
    void filesAreReviewedInOrderAsOneWalkThrough(@TempDir Path dir) throws Exception {
        Path first = Files.writeString(dir.resolve("V1.sql"), "CREATE TABLE book (id bigint PRIMARY KEY, a int);\n");
        Path second = Files.writeString(dir.resolve("V2.sql"), "\nCREATE INDEX idx_a ON book (a);\n");
        ReviewPolicy policy = ReviewPolicy.builder()
                .rule("pg.require-concurrent-index", Level.WARNING)
                .build();
        ReviewResult result = SqlReview.of(Dialect.POSTGRESQL, policy).reviewFiles(List.of(first, second));
        assertThat(result.findings()).isEmpty();
        assertThat(result.statements()).hasSize(2);
        assertThat(result.statements().get(1).statement().index()).isEqualTo(1);
    }

    @Test
    void findingsOfAMultiFileReviewNameTheirFile(@TempDir Path dir) throws Exception {
        Path first = Files.writeString(dir.resolve("V1.sql"), "DELETE FROM book;\nSELECT 1;\n");
        Path second = Files.writeString(dir.resolve("V2.sql"), "UPDATE book SET a = 1;\nSELECT 'unterminated;\n");
        ReviewPolicy policy = ReviewPolicy.builder()
                .rule("statement.where.require-update-delete", Level.ERROR)
                .build();

        ReviewResult result = SqlReview.of(Dialect.MYSQL, policy).reviewFiles(List.of(first, second));

        List<Finding> missingWhere = result.findings("statement.where.require-update-delete");
        assertThat(missingWhere)
                .extracting(result::scriptOf)
                .containsExactly(Optional.of(first.toString()), Optional.of(second.toString()));
        assertThat(missingWhere)
                .extracting(f -> f.position().orElseThrow().line())
                .containsExactly(1, 1);
        assertThat(result.findings(SqlReview.SCRIPT_INVALID))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith(second + ": "));
        assertThat(result.scripts())
                .extracting(ReviewResult.Script::statementCount)
                .containsExactly(2, 2);
        assertThat(SqlReview.of(Dialect.MYSQL, policy)
                        .review("DELETE FROM book;")
                        .findings())
                .extracting(f -> SqlReview.of(Dialect.MYSQL, policy)
                        .review("DELETE FROM book;")
                        .scriptOf(f))
                .containsExactly(Optional.empty());
    }

    @Test
    void theWalkThroughCheckFlagsChangesThatDoNotFitTheBaseSchema() {
        SchemaSnapshot base = new SchemaSnapshot(
                Dialect.POSTGRESQL,
                "shop",
                Instant.EPOCH,
                List.of(Schema.of(
                        "public",
                        List.of(Table.of(
                                "book",
                                List.of(Column.of("id", "bigint", false), Column.of("title", "text", true)))))));
        ReviewPolicy policy = ReviewPolicy.builder()
                .rule("builtin.walk-through-check", Level.ERROR)
                .build();
        String script = """
                CREATE TABLE book (id bigint);
                ALTER TABLE book ADD COLUMN title text;
                ALTER TABLE book DROP COLUMN isbn;
                ALTER TABLE author ADD COLUMN a int;
                DROP TABLE IF EXISTS author;
                CREATE TABLE author (id bigint);
                ALTER TABLE author ADD COLUMN name text;
                ALTER TABLE book RENAME COLUMN title TO name;
                ALTER TABLE book DROP COLUMN title;
                """;
        ReviewResult result =
                SqlReview.of(Dialect.POSTGRESQL, policy).withBase(base).review(script);
        assertThat(result.findings())
                .extracting(f -> f.position().orElseThrow().line() + " " + f.message())
                .containsExactly(
                        "1 table `book` already exists; CREATE TABLE would fail",
                        "2 column `title` already exists in `book`",
                        "3 column `isbn` does not exist in `book`",
                        "4 table `author` does not exist; `ALTER TABLE author ADD COLUMN a int` would fail",
                        "9 column `title` does not exist in `book`");
        ReviewResult withoutBase = SqlReview.of(Dialect.POSTGRESQL, policy).review(script);
        assertThat(withoutBase.findings()).isEmpty();
    }
}
