package io.dbchange.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.review.Level;
import io.dbchange.api.sql.Dialect;
import io.dbchange.core.review.LiveReviewContract;
import io.dbchange.core.review.ReviewPolicy;
import io.dbchange.core.review.ReviewResult;
import io.dbchange.core.review.SqlReview;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.junit.DbChangeTest;
import io.dbchange.testing.junit.MySqlDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live-database review rules on the embedded MariaDB, plus the MySQL-only table-size rules. */
@DbChangeTest
class MySqlLiveReviewIT extends LiveReviewContract {

    private TestDatabase db;

    @BeforeEach
    void useFreshDatabase(@MySqlDatabase TestDatabase fresh) throws SQLException {
        db = fresh;
        use(fresh);
    }

    @Override
    protected Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    protected String analyze() {
        return "ANALYZE TABLE book";
    }

    private ReviewResult review(String rule, long threshold, String sql) throws SQLException {
        ReviewPolicy policy = ReviewPolicy.builder()
                .rule(rule, Level.WARNING, Map.of("number", threshold))
                .build();
        try (Connection c = db.openConnection()) {
            return SqlReview.of(Dialect.MYSQL, policy).withConnection(c).review(sql);
        }
    }

    @Test
    void tableLimitSizeFlagsDdlOnATableAboveTheThresholdOnly() throws SQLException {
        String sql = "ALTER TABLE book ADD COLUMN isbn varchar(20);\nCREATE INDEX idx_title ON book (title);\n"
                + "TRUNCATE TABLE book;\n";
        assertThat(review("table.limit-size", 10, sql).findings("table.limit-size"))
                .extracting(f -> f.position().orElseThrow().line())
                .containsExactly(1, 2, 3);
        assertThat(review("table.limit-size", 10, sql).findings().get(0).message())
                .contains("`book`")
                .contains("more than 10");
        assertThat(review("table.limit-size", 1000, sql).findings()).isEmpty();
    }

    @Test
    void onlineMigrationAdviceOnlyForAlterTableAboveTheThreshold() throws SQLException {
        String sql = "ALTER TABLE book ADD COLUMN isbn varchar(20);\nTRUNCATE TABLE book;\n";
        assertThat(review("advice.online-migration", 10, sql).findings())
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("gh-ost"));
        assertThat(review("advice.online-migration", 1000, sql).findings()).isEmpty();
    }

    @Test
    void aTableTheServerDoesNotHaveIsNotFlagged() throws SQLException {
        assertThat(review("table.limit-size", 0, "ALTER TABLE no_such_table ADD COLUMN x int;")
                        .findings())
                .isEmpty();
    }
}
