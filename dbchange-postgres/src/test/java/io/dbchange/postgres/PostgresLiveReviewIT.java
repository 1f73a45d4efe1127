package io.dbchange.postgres;

import io.dbchange.api.sql.Dialect;
import io.dbchange.core.review.LiveReviewContract;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.junit.DbChangeTest;
import io.dbchange.testing.junit.PostgresDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;

/** The live-database review rules on the embedded PostgreSQL. */
@DbChangeTest
class PostgresLiveReviewIT extends LiveReviewContract {

    private TestDatabase db;

    @BeforeEach
    void useFreshDatabase(@PostgresDatabase TestDatabase fresh) throws SQLException {
        use(fresh);
        db = fresh;
    }

    @org.junit.jupiter.api.Test
    void objectOwnerCheckFlagsAChangeToATableTheConnectionsRoleDoesNotOwn() throws SQLException {
        String role = "reviewer_" + Long.toHexString(System.nanoTime());
        try (java.sql.Connection admin = db.openConnection();
                java.sql.Statement st = admin.createStatement()) {
            st.execute("CREATE TABLE owned (id int PRIMARY KEY)");
            st.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'x'");
            st.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + role);
        }
        io.dbchange.core.review.ReviewPolicy policy = io.dbchange.core.review.ReviewPolicy.builder()
                .rule("statement.object-owner-check", io.dbchange.api.review.Level.ERROR)
                .build();
        String script = "ALTER TABLE owned ADD COLUMN note text;\nCREATE TABLE mine (id int);\nDROP TABLE mine;\n";
        try (java.sql.Connection asRole = java.sql.DriverManager.getConnection(db.jdbcUrl(), role, "x");
                java.sql.Connection asOwner = db.openConnection()) {
            var notOwner = io.dbchange.core.review.SqlReview.of(Dialect.POSTGRESQL, policy)
                    .withConnection(asRole)
                    .review(script);
            var owner = io.dbchange.core.review.SqlReview.of(Dialect.POSTGRESQL, policy)
                    .withConnection(asOwner)
                    .review(script);

            org.assertj.core.api.Assertions.assertThat(notOwner.findings())
                    .singleElement()
                    .satisfies(f -> {
                        org.assertj.core.api.Assertions.assertThat(f.ruleId())
                                .isEqualTo("statement.object-owner-check");
                        org.assertj.core.api.Assertions.assertThat(f.message())
                                .contains("`owned`, owned by `" + db.user() + "`, but the review connects as `" + role);
                    });
            org.assertj.core.api.Assertions.assertThat(owner.findings()).isEmpty();
        } finally {
            try (java.sql.Connection admin = db.openConnection();
                    java.sql.Statement st = admin.createStatement()) {
                st.execute("REVOKE ALL ON SCHEMA public FROM " + role);
                st.execute("DROP ROLE " + role);
            }
        }
    }

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    protected String analyze() {
        return "ANALYZE book";
    }
}
