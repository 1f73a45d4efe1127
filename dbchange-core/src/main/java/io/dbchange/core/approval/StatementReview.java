package io.dbchange.core.approval;

import io.dbchange.api.internal.Checks;
import io.dbchange.api.review.Finding;
import io.dbchange.api.review.Level;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What SQL review said about one statement when risk was assessed: the risk variables {@code review_max_level},
 * {@code review_rules} and {@code review_error}.
 *
 * <p>{@code maxLevel} is one of:
 *
 * <ul>
 *   <li>{@code "ERROR"} or {@code "WARNING"}: the highest level of the statement's findings (findings about the
 *       script as a whole count for each of its statements);
 *   <li>{@code ""}: reviewed, no finding;
 *   <li>{@value #NOT_REVIEWED}: not reviewed, because no review policy applies to the task's environment (the
 *       pipeline's pre-run SQL review check does not review it either), or the host gave no review;
 *   <li>{@value #UNKNOWN}: a policy applies but the review could not be done (the target database could not be
 *       reached, its schema could not be read, the time for the request ran out); {@code error} says why.
 * </ul>
 *
 * @param maxLevel as above
 * @param findings the findings that set it, in script order (copied, immutable); empty unless {@code ERROR} or
 *     {@code WARNING}
 * @param error why the level is {@value #UNKNOWN}; {@code ""} otherwise
 */
public record StatementReview(String maxLevel, List<Finding> findings, String error) {

    /** {@code review_max_level} of a statement no policy reviews. */
    public static final String NOT_REVIEWED = "NONE";

    /** {@code review_max_level} of a statement whose review could not be done. */
    public static final String UNKNOWN = "UNKNOWN";

    // before the instances below, which the constructor checks against it
    private static final Set<String> LEVELS =
            Set.of(Level.ERROR.name(), Level.WARNING.name(), "", NOT_REVIEWED, UNKNOWN);

    /** A statement no policy reviews. */
    public static final StatementReview NONE = new StatementReview(NOT_REVIEWED, List.of(), "");

    /** A reviewed statement without findings. */
    public static final StatementReview CLEAN = new StatementReview("", List.of(), "");

    public StatementReview {
        Checks.notNull("maxLevel", maxLevel);
        if (!LEVELS.contains(maxLevel)) {
            throw new IllegalArgumentException(
                    "'maxLevel' must be ERROR, WARNING, \"\", NONE or UNKNOWN, but was '" + maxLevel + "'");
        }
        findings = Checks.copy("findings", findings);
        Checks.notNull("error", error);
        String expected = findings.stream()
                .map(Finding::level)
                .reduce(Level::max)
                .map(Level::name)
                .orElse("");
        if (!maxLevel.equals(NOT_REVIEWED) && !maxLevel.equals(UNKNOWN) && !maxLevel.equals(expected)) {
            throw new IllegalArgumentException(
                    "'maxLevel' must be the highest level of the findings (" + expected + "), but was " + maxLevel);
        }
        if ((maxLevel.equals(NOT_REVIEWED) || maxLevel.equals(UNKNOWN)) && !findings.isEmpty()) {
            throw new IllegalArgumentException("a statement that was not reviewed (" + maxLevel + ") has no findings");
        }
        if (maxLevel.equals(UNKNOWN) == error.isBlank()) {
            throw new IllegalArgumentException("'error' says why the level is UNKNOWN, and only then, but was '" + error
                    + "' for level '" + maxLevel + "'");
        }
    }

    /** A reviewed statement with {@code findings} (none: {@link #CLEAN}). */
    public static StatementReview of(List<Finding> findings) {
        String max = Checks.notNull("findings", findings).stream()
                .map(Finding::level)
                .reduce(Level::max)
                .map(Level::name)
                .orElse("");
        return new StatementReview(max, findings, "");
    }

    /** A statement a policy applies to but that could not be reviewed, because of {@code why}. */
    public static StatementReview unknown(String why) {
        return new StatementReview(UNKNOWN, List.of(), Checks.notBlank("why", why));
    }

    /** The distinct rule ids of the findings, in order ({@code review_rules}). */
    public List<String> rules() {
        Set<String> rules = new LinkedHashSet<>();
        findings.forEach(f -> rules.add(f.ruleId()));
        return List.copyOf(rules);
    }
}
