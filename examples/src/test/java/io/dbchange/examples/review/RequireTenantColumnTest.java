package io.dbchange.examples.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.review.Finding;
import io.dbchange.api.review.Level;
import io.dbchange.api.sql.Dialect;
import io.dbchange.core.review.ReviewPolicies;
import io.dbchange.core.review.ReviewPolicy;
import io.dbchange.core.review.ReviewResult;
import io.dbchange.core.review.ReviewRules;
import io.dbchange.core.review.SqlReview;
import org.junit.jupiter.api.Test;

class RequireTenantColumnTest {

    private static final String SCRIPT = """
            CREATE TABLE invoice (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, total numeric(12, 2));
            CREATE TABLE audit_log (id bigint PRIMARY KEY, message text);
            """;

    @Test
    void serviceLoaderFindsTheExampleRuleNextToTheBuiltInOnes() {
        assertThat(ReviewRules.installed().find("acme.table.require-tenant-column"))
                .get()
                .isInstanceOf(RequireTenantColumn.class);
        assertThat(ReviewRules.installed().find("table.require-pk")).isPresent();
    }

    @Test
    void aPolicyFileSwitchesItOnAndReviewFlagsTheTableWithoutTheTenantColumn() {
        ReviewPolicy policy = ReviewPolicies.fromYaml("""
                rules:
                  - type: acme.table.require-tenant-column
                    level: ERROR
                """);

        ReviewResult result = SqlReview.of(Dialect.POSTGRESQL, policy).review(SCRIPT);

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("acme.table.require-tenant-column");
            assertThat(f.level()).isEqualTo(Level.ERROR);
            assertThat(f.position().orElseThrow().line()).isEqualTo(2);
            assertThat(f.message()).contains("`audit_log`").contains("`tenant_id`");
        });
    }

    @Test
    void thePayloadNamesTheTenantColumn() {
        ReviewPolicy policy = ReviewPolicy.builder()
                .rule("acme.table.require-tenant-column", Level.WARNING, java.util.Map.of("column", "org_id"))
                .build();

        ReviewResult result = SqlReview.of(Dialect.MYSQL, policy)
                .review("CREATE TABLE team (id int PRIMARY KEY, org_id int NOT NULL);\n" + SCRIPT);

        assertThat(result.findings())
                .extracting(f -> f.position().orElseThrow().line())
                .containsExactly(2, 3);
        assertThat(result.findings()).extracting(Finding::level).containsOnly(Level.WARNING);
    }
}
