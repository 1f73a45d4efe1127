package io.dbchange.core.review;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.review.Level;
import io.dbchange.api.sql.Dialect;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which rules review runs, at which level, with which payload. Immutable. Build one in code, load one from YAML or
 * JSON in Bytebase's shape ({@link ReviewPolicies#fromYaml}), or start from a template ({@link
 * ReviewPolicies#template}).
 *
 * <pre>{@code
 * ReviewPolicy policy = ReviewPolicy.builder()
 *         .rule("statement.where.require-update-delete", Level.ERROR)
 *         .rule("naming.table", Level.WARNING, Map.of("format", "^[a-z_]+$", "maxLength", 63))
 *         .build();
 * }</pre>
 *
 * @param settings the rules switched on, in order
 */
public record ReviewPolicy(List<RuleSetting> settings) {

    public ReviewPolicy {
        settings = List.copyOf(settings);
    }

    /** The settings that apply to {@code dialect}. */
    public List<RuleSetting> settingsFor(Dialect dialect) {
        return settings.stream().filter(s -> s.dialects().contains(dialect)).toList();
    }

    /**
     * The policy for a change to a database of {@code environment}'s environment in {@code project}'s project. The
     * precedence rule: <b>for each rule and dialect, the stricter setting wins, and the environment's on a tie</b>.
     * So a rule either policy switches on is on; a project may raise a rule of its environment from WARNING to
     * ERROR (with its own payload) but can neither lower nor switch off what its environment requires, and at the
     * same level the environment's payload applies. Rationale: the environment (e.g. prod) is the gate every
     * project's change passes; projects add their own conventions on top.
     *
     * <pre>{@code
     * ReviewPolicy policy = ReviewPolicy.combine(ReviewPolicies.template("prod"), ReviewPolicies.fromYaml(teamYaml));
     * }</pre>
     */
    public static ReviewPolicy combine(ReviewPolicy environment, ReviewPolicy project) {
        Objects.requireNonNull(environment, "'environment' must not be null");
        Objects.requireNonNull(project, "'project' must not be null");
        Map<String, RuleSetting> byRuleAndDialect = new LinkedHashMap<>();
        for (RuleSetting setting : environment.settings()) {
            for (Dialect dialect : setting.dialects()) {
                byRuleAndDialect.put(setting.id() + " " + dialect, only(setting, dialect));
            }
        }
        for (RuleSetting setting : project.settings()) {
            for (Dialect dialect : setting.dialects()) {
                byRuleAndDialect.merge(
                        setting.id() + " " + dialect,
                        only(setting, dialect),
                        (fromEnvironment, fromProject) -> fromProject.level().compareTo(fromEnvironment.level()) > 0
                                ? fromProject
                                : fromEnvironment);
            }
        }
        return new ReviewPolicy(List.copyOf(byRuleAndDialect.values()));
    }

    private static RuleSetting only(RuleSetting setting, Dialect dialect) {
        return setting.dialects().size() == 1
                ? setting
                : new RuleSetting(setting.rule(), setting.level(), setting.payload(), Set.of(dialect));
    }

    /** A builder using the {@link ReviewRules#installed() installed} rules. */
    public static Builder builder() {
        return new Builder(ReviewRules.installed());
    }

    /** A builder using {@code rules}. */
    public static Builder builder(ReviewRules rules) {
        return new Builder(rules);
    }

    /** Builds a {@link ReviewPolicy}; each {@code rule(...)} call is validated at once. */
    public static final class Builder {

        private final ReviewRules rules;
        private final List<RuleSetting> settings = new ArrayList<>();

        private Builder(ReviewRules rules) {
            this.rules = Objects.requireNonNull(rules, "'rules' must not be null");
        }

        /** Switches on rule {@code id} at {@code level} with its default payload, for every dialect it supports. */
        public Builder rule(String id, Level level) {
            return rule(id, level, Map.of());
        }

        /** Switches on rule {@code id} at {@code level} with {@code payload}, for every dialect it supports. */
        public Builder rule(String id, Level level, Map<String, ?> payload) {
            return rule(id, level, payload, Set.of());
        }

        /**
         * Switches on rule {@code id} at {@code level} with {@code payload} for {@code dialects} (empty: all the rule
         * supports). A later setting for the same rule and dialect replaces an earlier one.
         *
         * @throws DbChangeException ({@code INVALID_ARGUMENT}) for an unknown rule, a dialect the rule does not
         *     support, or a bad payload
         */
        public Builder rule(String id, Level level, Map<String, ?> payload, Set<Dialect> dialects) {
            Objects.requireNonNull(id, "'id' must not be null");
            Objects.requireNonNull(level, "'level' must not be null");
            ReviewRule rule = rules.find(id)
                    .orElseThrow(() ->
                            new DbChangeException(CoreErrorCode.INVALID_ARGUMENT, "unknown review rule '" + id + "'"));
            RuleDescriptor d = rule.descriptor();
            Set<Dialect> on = dialects.isEmpty() ? d.dialects() : EnumSet.copyOf(dialects);
            for (Dialect dialect : on) {
                if (!d.dialects().contains(dialect)) {
                    throw new DbChangeException(
                            CoreErrorCode.INVALID_ARGUMENT,
                            "review rule '" + d.id() + "' does not apply to " + dialect + "; it applies to "
                                    + d.dialects());
                }
            }
            RulePayload validated;
            try {
                validated = RulePayload.of(d.payload(), payload);
            } catch (IllegalArgumentException e) {
                throw new DbChangeException(
                        CoreErrorCode.INVALID_ARGUMENT, "review rule '" + d.id() + "': " + e.getMessage(), e);
            }
            for (Dialect dialect : on) {
                settings.removeIf(s -> s.id().equals(d.id()) && s.dialects().equals(Set.of(dialect)));
            }
            for (Dialect dialect : on) {
                settings.add(new RuleSetting(rule, level, validated, Set.of(dialect)));
            }
            return this;
        }

        /** The policy. */
        public ReviewPolicy build() {
            return new ReviewPolicy(settings);
        }
    }
}
