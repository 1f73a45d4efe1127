package io.dbchange.core.pipeline.internal;

import io.dbchange.api.change.ChangeType;
import io.dbchange.api.pipeline.CheckLevel;
import io.dbchange.api.pipeline.CheckResult;
import io.dbchange.api.pipeline.TaskCheck;
import io.dbchange.api.pipeline.TaskContext;
import io.dbchange.api.review.Finding;
import io.dbchange.api.review.Level;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.core.review.ReviewPolicy;
import io.dbchange.core.review.ReviewResult;
import io.dbchange.core.review.SqlReview;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in SQL review check ({@value #ID}): reviews the task's script with the policy of the task's environment
 * (or the pipeline-wide one), starting from the target database's live schema, so catalog-aware rules see the tables
 * and columns that exist now, not the ones a file history says should exist.
 *
 * <p>Each finding becomes one result: the rule id as its code, WARNING or ERROR as its level, the finding's position
 * in the task's script. A task whose environment has no policy is not reviewed (no result at all, so nothing suggests
 * it was). The live schema is read on every run of the check, so a retry reviews against the database as it is then;
 * inside the pipeline that read may also serve as history's "schema before" when the engine proves it still current
 * ({@link LiveSchema}).
 *
 * <p>Reading the schema is a query per kind of object on the task's connection (read-only); when it fails the check
 * reports {@value #SCHEMA_UNAVAILABLE} as an ERROR rather than reviewing against an empty catalog, which would flag
 * every existing table as unknown. A CREATE DATABASE task has no database to read yet and is reviewed from an empty
 * schema. Thread-safe: {@link SqlReview} is immutable and each review has its own parser and catalog.
 */
public final class SqlReviewCheck implements TaskCheck {

    public static final String ID = "sql-review";

    /** Code of the result when the live schema could not be read. */
    public static final String SCHEMA_UNAVAILABLE = "REVIEW_SCHEMA_UNAVAILABLE";

    private final Optional<ReviewPolicy> defaultPolicy;
    private final Map<String, ReviewPolicy> byEnvironment;
    private final ReviewBasis basis;

    /**
     * @param defaultPolicy the policy of environments without one of their own; empty for no review there
     * @param byEnvironment policies by environment id; they replace the default in their environment
     */
    public SqlReviewCheck(Optional<ReviewPolicy> defaultPolicy, Map<String, ReviewPolicy> byEnvironment) {
        this(defaultPolicy, byEnvironment, ReviewBasis.NONE);
    }

    private SqlReviewCheck(
            Optional<ReviewPolicy> defaultPolicy, Map<String, ReviewPolicy> byEnvironment, ReviewBasis basis) {
        this.defaultPolicy = defaultPolicy;
        this.byEnvironment = Map.copyOf(byEnvironment);
        this.basis = basis;
    }

    /** This check also comparing its findings with the review the task's approval was based on. */
    public SqlReviewCheck withBasis(ReviewBasis basis) {
        return new SqlReviewCheck(defaultPolicy, byEnvironment, basis);
    }

    /** The policy of {@code environmentId}: its own, else the pipeline-wide one; empty when it is not reviewed. */
    public Optional<ReviewPolicy> policyFor(String environmentId) {
        return Optional.ofNullable(byEnvironment.get(environmentId)).or(() -> defaultPolicy);
    }

    /** Whether any environment is reviewed; a pipeline without a policy does not register this check. */
    public boolean configured() {
        return defaultPolicy.isPresent() || !byEnvironment.isEmpty();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<CheckResult> check(TaskContext context) {
        Optional<ReviewPolicy> policy = policyFor(context.database().environmentId());
        if (policy.isEmpty()) {
            return List.of();
        }
        SqlReview review = SqlReview.of(context.engine().dialect(), policy.get());
        if (context.request().type() != ChangeType.CREATE_DATABASE) {
            SchemaSnapshot live;
            try {
                // Inside the pipeline the read is shared with history's "schema before" (see LiveSchema).
                live = context instanceof TaskRunner.Ctx ctx && ctx.liveSchema() != null
                        ? ctx.liveSchema().read()
                        : context.engine().readSchema(context.connection(), SnapshotOptions.DEFAULTS);
            } catch (RuntimeException e) {
                return List.of(CheckResult.error(
                        ID,
                        SCHEMA_UNAVAILABLE,
                        "cannot read the live schema of " + context.database().ref() + " to review against (" + e
                                + "); fix the cause and retry, or override with a reason"));
            }
            review = review.withBase(live);
        }
        ReviewResult result = review.review(context.task().statement());
        if (result.findings().isEmpty()) {
            return List.of(CheckResult.success(
                    ID,
                    "SQL review of " + result.statements().size() + " statement(s) against the live schema of "
                            + context.database().ref() + ": no findings"));
        }
        List<CheckResult> results = new ArrayList<>(result.findings().size());
        for (Finding f : result.findings()) {
            CheckResult r = new CheckResult(
                    ID, f.level() == Level.ERROR ? CheckLevel.ERROR : CheckLevel.WARNING, f.ruleId(), f.message());
            results.add(f.position().map(r::at).orElse(r));
        }
        results.addAll(basis.compare(context, result));
        return List.copyOf(results);
    }
}
