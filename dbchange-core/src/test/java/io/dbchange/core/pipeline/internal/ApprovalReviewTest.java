package io.dbchange.core.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.review.Level;
import io.dbchange.api.schema.Column;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.Table;
import io.dbchange.api.sql.Dialect;
import io.dbchange.core.approval.StatementReview;
import io.dbchange.core.approval.SubjectStatement;
import io.dbchange.core.approval.SubjectTask;
import io.dbchange.core.review.ReviewPolicy;
import io.dbchange.core.review.ReviewResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Approval-time review: findings go to their statements, and one structure is reviewed once for many databases. */
class ApprovalReviewTest {

    static final ReviewPolicy POLICY = ReviewPolicy.builder()
            .rule("statement.where.require-update-delete", Level.ERROR)
            .rule("builtin.walk-through-check", Level.WARNING)
            .build();

    static SchemaSnapshot withBook(String database, String... columns) {
        List<Column> cols = java.util.Arrays.stream(columns)
                .map(c -> Column.of(c, "int", true))
                .toList();
        return new SchemaSnapshot(
                Dialect.MYSQL, database, Instant.now(), List.of(Schema.of("", List.of(Table.of("book", cols)))));
    }

    static List<SubjectStatement> split(String script) {
        return SubjectTask.ofScript("t1", "prod", "shop", Dialect.MYSQL, script).statements();
    }

    @Test
    void eachStatementGetsItsOwnFindingsAgainstTheLiveSchema() {
        String script = "UPDATE book SET a = 1 WHERE id = 1; DELETE FROM book; ALTER TABLE book DROP COLUMN zzz;";
        ApprovalReview reviews = new ApprovalReview();
        ReviewResult result = reviews.review(Dialect.MYSQL, POLICY, script, Optional.of(withBook("t_1", "id", "a")));

        List<SubjectStatement> statements = ApprovalReview.withFindings(split(script), result);

        assertThat(statements).extracting(s -> s.review().maxLevel()).containsExactly("", "ERROR", "WARNING");
        assertThat(statements.get(1).review().rules()).containsExactly("statement.where.require-update-delete");
        assertThat(statements.get(2).review().rules()).containsExactly("builtin.walk-through-check");
    }

    @Test
    void oneStructureIsReviewedOnceWhateverTheDatabaseNameAndAnotherAgain() {
        String script = "ALTER TABLE book DROP COLUMN a;";
        ApprovalReview reviews = new ApprovalReview();

        ReviewResult first = reviews.review(Dialect.MYSQL, POLICY, script, Optional.of(withBook("t_1", "id", "a")));
        ReviewResult second = reviews.review(Dialect.MYSQL, POLICY, script, Optional.of(withBook("t_2", "id", "a")));
        assertThat(reviews.performed()).isEqualTo(1);
        assertThat(second).isSameAs(first);
        assertThat(first.findings()).isEmpty();

        // t_3 has no column a: the walk-through check finds it, so the cache must not answer for it
        ReviewResult third = reviews.review(Dialect.MYSQL, POLICY, script, Optional.of(withBook("t_3", "id")));
        assertThat(reviews.performed()).isEqualTo(2);
        assertThat(third.maxLevel()).contains(Level.WARNING);
        reviews.review(Dialect.MYSQL, POLICY, "ALTER TABLE book DROP COLUMN id;", Optional.of(withBook("t_1", "id")));
        assertThat(reviews.performed()).isEqualTo(3);
    }

    @Test
    void aFindingAboutTheWholeScriptCountsForEveryStatement() {
        String script = "UPDATE book SET a = 1 WHERE id = 1; UPDATE book SET a = 'unterminated;";
        ReviewResult result = new ApprovalReview().review(Dialect.MYSQL, POLICY, script, Optional.empty());

        List<SubjectStatement> statements = ApprovalReview.withFindings(split(script), result);

        assertThat(statements).allSatisfy(s -> assertThat(s.review().rules()).contains("syntax.invalid-script"));
    }

    @Test
    void unknownSaysWhyForEveryStatement() {
        List<SubjectStatement> statements =
                ApprovalReview.unknown(split("DELETE FROM a; DELETE FROM b;"), "not reviewed: cannot connect: x");
        assertThat(statements)
                .allSatisfy(s ->
                        assertThat(s.review()).isEqualTo(StatementReview.unknown("not reviewed: cannot connect: x")));
    }
}
