package io.dbchange.core.review;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The rules available to review: those found with {@link ServiceLoader} on a class loader, keyed by id and alias.
 * Immutable.
 *
 * <pre>{@code
 * ReviewRules rules = ReviewRules.installed();
 * rules.find("table.require-pk").orElseThrow();
 * }</pre>
 */
public final class ReviewRules {

    private static final class Installed {
        static final ReviewRules RULES = load(ReviewRules.class.getClassLoader());
    }

    private final Map<String, ReviewRule> byId;
    private final Map<String, ReviewRule> byAlias;

    private ReviewRules(Map<String, ReviewRule> byId, Map<String, ReviewRule> byAlias) {
        this.byId = byId;
        this.byAlias = byAlias;
    }

    /** The rules on dbchange-core's class path (loaded once per JVM). */
    public static ReviewRules installed() {
        return Installed.RULES;
    }

    /** The rules {@link ServiceLoader} finds through {@code loader}. */
    public static ReviewRules load(ClassLoader loader) {
        List<ReviewRule> rules = ServiceLoader.load(ReviewRule.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        return of(rules);
    }

    /**
     * The given rules.
     *
     * @throws DbChangeException ({@code INVALID_ARGUMENT}) when two rules share an id or alias
     */
    public static ReviewRules of(Collection<? extends ReviewRule> rules) {
        Map<String, ReviewRule> byId = new LinkedHashMap<>();
        Map<String, ReviewRule> byAlias = new LinkedHashMap<>();
        for (ReviewRule rule : rules) {
            RuleDescriptor d = Objects.requireNonNull(rule.descriptor(), "a rule's descriptor must not be null");
            if (byId.containsKey(d.id()) || byAlias.containsKey(d.id())) {
                throw new DbChangeException(
                        CoreErrorCode.INVALID_ARGUMENT,
                        "two review rules have the id '" + d.id()
                                + "': " + rule.getClass().getName() + " and "
                                + Optional.ofNullable(byId.get(d.id()))
                                        .orElse(byAlias.get(d.id()))
                                        .getClass()
                                        .getName());
            }
            byId.put(d.id(), rule);
            for (String alias : d.aliases()) {
                byAlias.put(alias, rule);
            }
        }
        return new ReviewRules(Map.copyOf(byId), Map.copyOf(byAlias));
    }

    /** The rule with id (or legacy alias) {@code id}. */
    public Optional<ReviewRule> find(String id) {
        return Optional.ofNullable(byId.getOrDefault(id, byAlias.get(id)));
    }

    /** All rules, by id. */
    public Collection<ReviewRule> all() {
        return byId.values();
    }
}
