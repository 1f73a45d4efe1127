package io.dbchange.core.pipeline.internal;

import io.dbchange.api.review.Finding;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.sql.Dialect;
import io.dbchange.core.approval.StatementReview;
import io.dbchange.core.approval.SubjectStatement;
import io.dbchange.core.review.ReviewPolicy;
import io.dbchange.core.review.ReviewResult;
import io.dbchange.core.review.SqlReview;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL review of one request's tasks when its risk is assessed ({@code review_max_level}, {@code review_rules},
 * {@code review_error}): the same review as {@link SqlReviewCheck} (the task environment's policy, the task's
 * script, the target's live schema, or an empty one for CREATE DATABASE), so approvers see what the pre-run check
 * would report now.
 *
 * <p><b>Fan-out.</b> The live schema is read once per target database (by {@link RowEstimator}, on the connection the
 * row estimates use, so no extra connection). The review itself is kept per (dialect, policy, script, schema
 * structure): a snapshot is normalized and does not name its database, so a thousand tenants with one structure
 * running one script are reviewed once. One instance serves one assessment (its cache dies with it); not
 * thread-safe.
 */
final class ApprovalReview {

    private record Key(Dialect dialect, ReviewPolicy policy, String script, Optional<List<Schema>> schemas) {}

    private final Map<Key, ReviewResult> reviews = new HashMap<>();
    private int performed;

    /** The review of {@code script} with {@code policy} starting from {@code base} (empty: an empty schema). */
    ReviewResult review(Dialect dialect, ReviewPolicy policy, String script, Optional<SchemaSnapshot> base) {
        Key key = new Key(dialect, policy, script, base.map(SchemaSnapshot::schemas));
        return reviews.computeIfAbsent(key, k -> {
            performed++;
            SqlReview review = SqlReview.of(dialect, policy);
            return base.map(review::withBase).orElse(review).review(script);
        });
    }

    /** How many reviews ran (the others were the same review again); for tests and measurements. */
    int performed() {
        return performed;
    }

    /**
     * {@code statements} (the task's script split like review splits it) with their findings: a finding about a
     * statement goes to it, one about the whole script to each. Should the counts differ, every statement gets every
     * finding, so that no finding is lost.
     */
    static List<SubjectStatement> withFindings(List<SubjectStatement> statements, ReviewResult result) {
        boolean aligned = result.statements().size() == statements.size();
        List<SubjectStatement> out = new ArrayList<>(statements.size());
        for (int i = 0; i < statements.size(); i++) {
            List<Finding> own = new ArrayList<>();
            for (Finding f : result.findings()) {
                if (!aligned
                        || f.statementIndex().isEmpty()
                        || f.statementIndex().getAsInt() == i) {
                    own.add(f);
                }
            }
            out.add(statements.get(i).withReview(StatementReview.of(own)));
        }
        return out;
    }

    /** {@code statements} with a review that could not be done because of {@code why}. */
    static List<SubjectStatement> unknown(List<SubjectStatement> statements, String why) {
        StatementReview review = StatementReview.unknown(why);
        return statements.stream().map(s -> s.withReview(review)).toList();
    }
}
