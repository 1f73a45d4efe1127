package io.dbchange.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.approval.Risk;
import io.dbchange.api.review.Finding;
import io.dbchange.api.review.Level;
import io.dbchange.api.sql.Dialect;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The documented semantics of review_max_level, review_rules and review_error, and their record. */
class ReviewRiskVariablesTest {

    static final Finding NO_WHERE = new Finding(
            "statement.where.require-update-delete",
            Level.ERROR,
            "`DELETE FROM book` has no WHERE clause",
            OptionalInt.of(0),
            Optional.empty());
    static final Finding NO_COMMENT = new Finding(
            "table.comment", Level.WARNING, "table book has no comment", OptionalInt.of(1), Optional.empty());

    static RiskAssessment assess(String expression, SubjectStatement... statements) {
        ApprovalConfig config = ApprovalConfig.builder()
                .riskRule(RiskRule.anySource("r", Risk.HIGH, expression))
                .build();
        ApprovalEngine engine = ApprovalEngine.builder(config)
                .roleResolver(new InMemoryRoleResolver())
                .build();
        SubjectTask task = new SubjectTask("t1", "prod", "shop", Dialect.MYSQL, List.of(statements));
        return engine.assessRisk(new ApprovalSubject("r1", "shop", 1, "h", "dev", ChangeSource.DML, List.of(task)));
    }

    static SubjectStatement statement(String sql, StatementReview review) {
        return new SubjectStatement(sql, 1, 10, review);
    }

    @Test
    void anErrorFindingSetsReviewMaxLevelOfItsStatementOnly() {
        RiskAssessment risk = assess(
                "review_max_level == 'ERROR'",
                statement("DELETE FROM book", StatementReview.of(List.of(NO_WHERE))),
                statement("UPDATE book SET a = 1 WHERE id = 1", StatementReview.CLEAN));

        assertThat(risk.risk()).isEqualTo(Risk.HIGH);
        RiskMatch match = risk.matches().get(0);
        assertThat(match.statementIndex()).isZero();
        assertThat(match.matchingStatements()).isEqualTo(1);
        assertThat(match.variables())
                .containsEntry("review_max_level", "ERROR")
                .containsEntry("review_rules", "[statement.where.require-update-delete]")
                .containsEntry("review_error", "");
        TaskRisk task = risk.tasks().get(0);
        assertThat(task.reviewMaxLevel()).isEqualTo("ERROR");
        assertThat(task.reviewFindings())
                .containsExactly("ERROR statement.where.require-update-delete (statement #1): `DELETE FROM book` has"
                        + " no WHERE clause");
    }

    @Test
    void aCleanReviewIsTheEmptyStringAndMatchesNoLevelRule() {
        RiskAssessment risk = assess(
                "review_max_level == 'ERROR' || review_max_level == 'WARNING'",
                statement("UPDATE book SET a = 1 WHERE id = 1", StatementReview.CLEAN));

        assertThat(risk.risk()).isEqualTo(Risk.LOW);
        assertThat(risk.tasks().get(0).reviewMaxLevel()).isEmpty();
        assertThat(assess("review_max_level == ''", statement("SELECT 1", StatementReview.CLEAN))
                        .risk())
                .isEqualTo(Risk.HIGH);
    }

    @Test
    void notReviewedIsNoneForStatementsWithoutPolicyAndTasksWithoutStatements() {
        assertThat(assess("review_max_level == 'NONE' && review_rules.size() == 0", SubjectStatement.of("SELECT 1"))
                        .risk())
                .isEqualTo(Risk.HIGH);
        RiskAssessment empty = assess("review_max_level == 'NONE'");
        assertThat(empty.risk()).isEqualTo(Risk.HIGH);
        assertThat(empty.tasks().get(0).reviewMaxLevel()).isEqualTo("NONE");
        assertThat(assess("review_max_level == ''", SubjectStatement.of("SELECT 1"))
                        .risk())
                .isEqualTo(Risk.LOW);
    }

    @Test
    void anUnknownReviewSaysWhyAndMatchesOnlyRulesThatAskForIt() {
        StatementReview unknown = StatementReview.unknown("not reviewed: cannot connect: refused");

        assertThat(assess("review_max_level == 'ERROR'", statement("DELETE FROM book", unknown))
                        .risk())
                .isEqualTo(Risk.LOW);
        RiskAssessment risk =
                assess("review_max_level in ['ERROR', 'UNKNOWN']", statement("DELETE FROM book", unknown));
        assertThat(risk.risk()).isEqualTo(Risk.HIGH);
        assertThat(risk.matches().get(0).variables())
                .containsEntry("review_max_level", "UNKNOWN")
                .containsEntry("review_error", "not reviewed: cannot connect: refused");
        assertThat(risk.tasks().get(0).reviewMaxLevel()).isEqualTo("UNKNOWN");
        assertThat(risk.tasks().get(0).reviewFindings()).containsExactly("not reviewed: cannot connect: refused");
    }

    @Test
    void reviewRulesNameTheRulesOfTheStatementsFindings() {
        RiskAssessment risk = assess(
                "'table.comment' in review_rules",
                statement("DELETE FROM book", StatementReview.of(List.of(NO_WHERE))),
                statement("CREATE TABLE book (id int)", StatementReview.of(List.of(NO_COMMENT))));

        assertThat(risk.risk()).isEqualTo(Risk.HIGH);
        assertThat(risk.matches().get(0).statementIndex()).isEqualTo(1);
        assertThat(risk.matches().get(0).variables()).containsEntry("review_max_level", "WARNING");
        assertThat(risk.tasks().get(0).reviewMaxLevel()).isEqualTo("ERROR");
        assertThat(risk.tasks().get(0).reviewFindings()).hasSize(2);
    }

    @Test
    void aTaskShowsAtMostTenFindingsAndHowManyMore() {
        List<Finding> many = java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> new Finding(
                        "table.comment", Level.WARNING, "no comment " + i, OptionalInt.of(0), Optional.empty()))
                .toList();
        RiskAssessment risk = assess("false", statement("CREATE TABLE a (id int)", StatementReview.of(many)));

        assertThat(risk.tasks().get(0).reviewFindings()).hasSize(11).last().isEqualTo("... and 2 more");
    }

    @Test
    void aStatementReviewIsConsistent() {
        assertThatThrownBy(() -> new StatementReview("WARNING", List.of(NO_WHERE), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("highest level of the findings (ERROR)");
        assertThatThrownBy(() -> new StatementReview("UNKNOWN", List.of(), ""))
                .hasMessageContaining("'error' says why the level is UNKNOWN");
        assertThatThrownBy(() -> new StatementReview("", List.of(), "why"))
                .hasMessageContaining("'error' says why the level is UNKNOWN");
        assertThatThrownBy(() -> new StatementReview("INFO", List.of(), ""))
                .hasMessageContaining("ERROR, WARNING, \"\", NONE or UNKNOWN");
        assertThat(StatementReview.of(List.of(NO_WHERE, NO_COMMENT)).maxLevel()).isEqualTo("ERROR");
        assertThat(StatementReview.of(List.of())).isEqualTo(StatementReview.CLEAN);
    }

    @Test
    void theReviewRecordRoundTripsAndAProcessStoredBeforeItReadsAsNotReviewed() {
        ApprovalEngine engine = ApprovalEngine.builder(ApprovalTutorialTest.ownerThenDbaForHighDdl())
                .roleResolver(new InMemoryRoleResolver())
                .build();
        SubjectTask task = new SubjectTask(
                "t1",
                "prod",
                "shop",
                Dialect.MYSQL,
                List.of(statement("DELETE FROM book", StatementReview.of(List.of(NO_WHERE)))));
        ApprovalProcess p =
                engine.submit(new ApprovalSubject("r1", "shop", 1, "h", "dev", ChangeSource.DML, List.of(task)));

        String json = ApprovalJson.write(p);
        assertThat(ApprovalJson.read(json)).isEqualTo(p);
        String old = json.replaceAll(",\"reviewMaxLevel\":\"ERROR\",\"reviewFindings\":\\[[^\\]]*\\]", "");
        assertThat(old).isNotEqualTo(json);
        TaskRisk read = ApprovalJson.read(old).risk().tasks().get(0);
        assertThat(read.reviewMaxLevel()).isEqualTo(StatementReview.NOT_REVIEWED);
        assertThat(read.reviewFindings()).isEmpty();
    }
}
