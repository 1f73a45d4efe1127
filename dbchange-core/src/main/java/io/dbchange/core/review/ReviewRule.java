package io.dbchange.core.review;

import io.dbchange.api.review.Finding;
import java.util.function.Consumer;

/**
 * One SQL review rule: it looks at one statement (with the catalog as it stands before it) and reports findings.
 * Rules are found with {@link java.util.ServiceLoader} (list implementations in
 * {@code META-INF/services/io.dbchange.core.review.ReviewRule}); a rule must be stateless and thread-safe, since one
 * instance serves every review.
 *
 * <pre>{@code
 * public final class NoTruncate implements ReviewRule {
 *     public RuleDescriptor descriptor() {
 *         return RuleDescriptor.of("statement.disallow-truncate", EnumSet.allOf(Dialect.class), "forbid TRUNCATE");
 *     }
 *     public void check(RuleContext context, Consumer<Finding> findings) {
 *         if (context.statement().kind() == StatementKind.TRUNCATE) {
 *             findings.accept(context.finding("`" + context.statement().shortText() + "` truncates a table"));
 *         }
 *     }
 * }
 * }</pre>
 */
public interface ReviewRule {

    /** The rule's id, dialects and payload; constant for an instance. */
    RuleDescriptor descriptor();

    /**
     * Checks the statement of {@code context}; reports each problem to {@code findings}. Never throws for any SQL
     * (the engine turns an exception into a {@code review.rule-failed} finding).
     */
    void check(RuleContext context, Consumer<Finding> findings);
}
