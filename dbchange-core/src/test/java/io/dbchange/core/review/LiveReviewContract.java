package io.dbchange.core.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.review.Finding;
import io.dbchange.api.review.Level;
import io.dbchange.api.sql.Dialect;
import io.dbchange.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rules that need a live database ({@code statement.affected-row-limit}, {@code statement.dml-dry-run}, {@code
 * table.limit-size}, {@code advice.online-migration}) against each engine's real server: a subclass in the engine's
 * module gives a fresh database through {@link #use} from a {@code @BeforeEach} method. Each test fills a table
 * {@code book} with {@value #ROWS} rows and refreshes the server's statistics, so the estimates are exact enough to
 * sit clearly on one side of the thresholds used (10 and 1000).
 */
public abstract class LiveReviewContract {

    static final int ROWS = 200;

    private Connection connection;

    /** The dialect of the subclass's server. */
    protected abstract Dialect dialect();

    /** The statement that refreshes the planner's statistics of {@code book}. */
    protected abstract String analyze();

    /** Starts a test on {@code db}: creates and fills {@code book}. */
    protected void use(TestDatabase db) throws SQLException {
        connection = db.openConnection();
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE book (id int PRIMARY KEY, title varchar(100) NOT NULL)");
            StringBuilder insert = new StringBuilder("INSERT INTO book (id, title) VALUES ");
            for (int i = 1; i <= ROWS; i++) {
                insert.append(i == 1 ? "" : ", ")
                        .append("(")
                        .append(i)
                        .append(", 't")
                        .append(i)
                        .append("')");
            }
            st.execute(insert.toString());
            st.execute(analyze());
        }
    }

    @AfterEach
    void closeConnection() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }

    private ReviewResult review(String rule, Map<String, ?> payload, String sql) {
        ReviewPolicy policy =
                ReviewPolicy.builder().rule(rule, Level.WARNING, payload).build();
        return SqlReview.of(dialect(), policy).withConnection(connection).review(sql);
    }

    @Test
    void affectedRowLimitFlagsAnUpdateTheExplainEstimatePutsOverTheLimit() {
        ReviewResult result = review(
                "statement.affected-row-limit",
                Map.of("number", 10),
                "UPDATE book SET title = 'x' WHERE id > 0;\nDELETE FROM book WHERE id = 7;\n");
        List<Finding> findings = result.findings("statement.affected-row-limit");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.position().orElseThrow().line()).isEqualTo(1);
            assertThat(f.message()).contains("UPDATE book").contains("more than 10");
        });
        assertThat(result.notices()).isEmpty();
    }

    @Test
    void affectedRowLimitPassesUnderTheLimit() {
        ReviewResult result =
                review("statement.affected-row-limit", Map.of("number", 1000), "DELETE FROM book WHERE id > 0;");
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void dmlDryRunFlagsAStatementTheDatabaseRefusesAndPassesOneItAccepts() {
        ReviewResult result = review(
                "statement.dml-dry-run",
                Map.of(),
                "INSERT INTO book (id, no_such_column) VALUES (1000, 'x');\n"
                        + "UPDATE book SET title = 'y' WHERE id = 1;\n"
                        + "DELETE FROM no_such_table WHERE id = 1;\n");
        assertThat(result.findings("statement.dml-dry-run"))
                .extracting(f -> f.position().orElseThrow().line())
                .containsExactly(1, 3);
        assertThat(result.findings().get(0).message())
                .contains("fails a dry run")
                .contains("no_such_column");
    }

    @Test
    void dryRunChangesNoRow() throws SQLException {
        review("statement.dml-dry-run", Map.of(), "DELETE FROM book WHERE id > 0;");
        try (Statement st = connection.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM book")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(ROWS);
        }
    }

    @Test
    void aTableCreatedEarlierInTheScriptIsNotDryRun() {
        ReviewResult result = review(
                "statement.dml-dry-run",
                Map.of(),
                "CREATE TABLE later_table (id int PRIMARY KEY);\nINSERT INTO later_table (id) VALUES (1);\n");
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void aFailedDryRunLeavesTheCallersTransactionUsable() throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("INSERT INTO book (id, title) VALUES (5000, 'mine')");
            ReviewResult result = review("statement.dml-dry-run", Map.of(), "DELETE FROM no_such_table WHERE id = 1;");
            assertThat(result.findings()).hasSize(1);
            try (var rs = st.executeQuery("SELECT title FROM book WHERE id = 5000")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("mine");
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    @Test
    void withoutAConnectionTheRulesSayNotCheckedInsteadOfPassingSilently() {
        ReviewPolicy policy = ReviewPolicy.builder()
                .rule("statement.affected-row-limit", Level.WARNING)
                .rule("statement.dml-dry-run", Level.ERROR)
                .build();
        ReviewResult result =
                SqlReview.of(dialect(), policy).review("DELETE FROM book WHERE id > 0;\nUPDATE book SET title = 'x';");
        assertThat(result.findings()).isEmpty();
        assertThat(result.notices())
                .extracting(Notice::ruleId)
                .containsExactly("statement.affected-row-limit", "statement.dml-dry-run");
        assertThat(result.notices()).allSatisfy(n -> assertThat(n.message()).startsWith("not checked: no connection"));
    }

    @Test
    void withoutDmlThereIsNothingToNotice() {
        ReviewPolicy policy = ReviewPolicy.builder()
                .rule("statement.dml-dry-run", Level.ERROR)
                .build();
        assertThat(SqlReview.of(dialect(), policy)
                        .review("CREATE TABLE t (id int PRIMARY KEY);")
                        .notices())
                .isEmpty();
    }
}
