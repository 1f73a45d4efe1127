package io.dbchange.core.review;

import io.dbchange.api.review.Level;
import io.dbchange.api.sql.Dialect;
import java.util.Objects;
import java.util.Set;

/**
 * One rule switched on in a policy.
 *
 * @param rule the rule
 * @param level the level of its findings
 * @param payload its validated payload
 * @param dialects the dialects it is on for (a subset of the rule's own)
 */
public record RuleSetting(ReviewRule rule, Level level, RulePayload payload, Set<Dialect> dialects) {

    public RuleSetting {
        Objects.requireNonNull(rule, "'rule' must not be null");
        Objects.requireNonNull(level, "'level' must not be null");
        Objects.requireNonNull(payload, "'payload' must not be null");
        dialects = Set.copyOf(dialects);
    }

    /** The rule's id. */
    public String id() {
        return rule.descriptor().id();
    }
}
