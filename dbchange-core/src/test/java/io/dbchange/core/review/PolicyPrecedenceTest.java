package io.dbchange.core.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.review.Finding;
import io.dbchange.api.review.Level;
import io.dbchange.api.sql.Dialect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ReviewPolicy#combine}: per rule and dialect the stricter setting wins, the environment's on a tie. */
class PolicyPrecedenceTest {

    private static final String DELETE_ALL = "DELETE FROM book;";
    private static final String CREATE_CAMEL = "CREATE TABLE BookShelf (id int PRIMARY KEY);";

    private static List<Finding> review(ReviewPolicy policy, Dialect dialect, String sql) {
        return SqlReview.of(dialect, policy).review(sql).findings();
    }

    @Test
    void aRuleEitherPolicySwitchesOnIsOn() {
        ReviewPolicy environment = ReviewPolicy.builder()
                .rule("statement.where.require-update-delete", Level.ERROR)
                .build();
        ReviewPolicy project =
                ReviewPolicy.builder().rule("naming.table", Level.WARNING).build();

        ReviewPolicy combined = ReviewPolicy.combine(environment, project);

        assertThat(review(combined, Dialect.MYSQL, DELETE_ALL + "\n" + CREATE_CAMEL))
                .extracting(Finding::ruleId)
                .containsExactly("statement.where.require-update-delete", "naming.table");
    }

    @Test
    void aProjectRaisesARuleOfItsEnvironmentWithItsOwnPayload() {
        ReviewPolicy environment = ReviewPolicy.builder()
                .rule("naming.table", Level.WARNING, Map.of("format", "^[A-Za-z]+$"))
                .build();
        ReviewPolicy project = ReviewPolicy.builder()
                .rule("naming.table", Level.ERROR, Map.of("format", "^[a-z]+(_[a-z]+)*$"))
                .build();

        List<Finding> findings = review(ReviewPolicy.combine(environment, project), Dialect.MYSQL, CREATE_CAMEL);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.level()).isEqualTo(Level.ERROR);
            assertThat(f.message()).contains("^[a-z]+(_[a-z]+)*$");
        });
    }

    @Test
    void aProjectCanNeitherLowerNorSwitchOffWhatItsEnvironmentRequires() {
        ReviewPolicy environment = ReviewPolicy.builder()
                .rule("statement.where.require-update-delete", Level.ERROR)
                .build();
        ReviewPolicy lowering = ReviewPolicy.builder()
                .rule("statement.where.require-update-delete", Level.WARNING)
                .build();
        ReviewPolicy disabling = ReviewPolicies.fromYaml(
                "rules:\n  - type: statement.where.require-update-delete\n    level: DISABLED\n");

        for (ReviewPolicy project : List.of(lowering, disabling)) {
            assertThat(review(ReviewPolicy.combine(environment, project), Dialect.POSTGRESQL, DELETE_ALL))
                    .singleElement()
                    .extracting(Finding::level)
                    .isEqualTo(Level.ERROR);
        }
    }

    @Test
    void atTheSameLevelTheEnvironmentsPayloadApplies() {
        ReviewPolicy environment = ReviewPolicy.builder()
                .rule("naming.table", Level.WARNING, Map.of("format", "^[a-z]+$"))
                .build();
        ReviewPolicy project = ReviewPolicy.builder()
                .rule("naming.table", Level.WARNING, Map.of("format", "^[A-Za-z]+$"))
                .build();

        assertThat(review(ReviewPolicy.combine(environment, project), Dialect.MYSQL, CREATE_CAMEL))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("^[a-z]+$"));
    }

    @Test
    void precedenceIsPerDialect() {
        ReviewPolicy environment = ReviewPolicy.builder()
                .rule("statement.where.require-update-delete", Level.ERROR, Map.of(), java.util.Set.of(Dialect.MYSQL))
                .build();
        ReviewPolicy project = ReviewPolicy.builder()
                .rule("statement.where.require-update-delete", Level.WARNING)
                .build();

        ReviewPolicy combined = ReviewPolicy.combine(environment, project);

        assertThat(review(combined, Dialect.MYSQL, DELETE_ALL))
                .extracting(Finding::level)
                .containsExactly(Level.ERROR);
        assertThat(review(combined, Dialect.POSTGRESQL, DELETE_ALL))
                .extracting(Finding::level)
                .containsExactly(Level.WARNING);
    }
}
