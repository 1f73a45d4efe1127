package io.dbchange.core.review;

import io.dbchange.api.review.Finding;
import io.dbchange.api.sql.Dialect;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a rule is: its id, the dialects it applies to, its payload fields and a one-line description.
 *
 * @param id the rule id in Bytebase's legacy dotted form ({@code table.require-pk}), or {@code pg.*} for our
 *     PostgreSQL safety rules
 * @param aliases other ids a policy may use for the rule (Bytebase's alternative legacy spellings)
 * @param dialects the dialects it applies to
 * @param payload its payload fields, empty when it takes none
 * @param description what it checks, for documentation and tooling
 */
public record RuleDescriptor(
        String id, Set<String> aliases, Set<Dialect> dialects, List<PayloadField> payload, String description) {

    public RuleDescriptor {
        Objects.requireNonNull(id, "'id' must not be null");
        if (!id.matches(Finding.RULE_ID_REGEX)) {
            throw new IllegalArgumentException("'id' must match " + Finding.RULE_ID_REGEX + " but was '" + id + "'");
        }
        aliases = Set.copyOf(aliases);
        dialects = Set.copyOf(dialects);
        if (dialects.isEmpty()) {
            throw new IllegalArgumentException("rule '" + id + "' must apply to at least one dialect");
        }
        payload = List.copyOf(payload);
        Objects.requireNonNull(description, "'description' must not be null");
    }

    /** A rule without payload or aliases. */
    public static RuleDescriptor of(String id, Set<Dialect> dialects, String description) {
        return new RuleDescriptor(id, Set.of(), dialects, List.of(), description);
    }
}
