package io.dbchange.core.review;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.core.review.internal.rules.BuiltInRules;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The rules available to review: those found with {@link ServiceLoader} on a class loader, keyed by id and alias.
 * Immutable. The {@link #installed() installed} rules are created on first use: dbchange's own rules by id from an
 * index, so a policy that switches on 60 rules creates 60, not all of them (this shortens a command-line review's
 * start); rules of other jars are created with {@link ServiceLoader} when the rules are first asked for.
 *
 * <pre>{@code
 * ReviewRules rules = ReviewRules.installed();
 * rules.find("table.require-pk").orElseThrow();
 * }</pre>
 */
public final class ReviewRules {

    private static final class Installed {
        static final ReviewRules RULES = lazy(ReviewRules.class.getClassLoader());
    }

    private static final String SERVICES = "META-INF/services/" + ReviewRule.class.getName();

    /** A rule created when first asked for. */
    private static final class Lazy {
        private final String id;
        private ReviewRule rule;

        Lazy(String id) {
            this.id = id;
        }

        synchronized ReviewRule get() {
            if (rule == null) {
                rule = BuiltInRules.create(id);
            }
            return rule;
        }
    }

    private final Map<String, Object> byId; // values: ReviewRule or Lazy
    private final Map<String, Object> byAlias;

    private ReviewRules(Map<String, Object> byId, Map<String, Object> byAlias) {
        this.byId = byId;
        this.byAlias = byAlias;
    }

    /** The rules on dbchange-core's class path (found once per JVM; each created when first asked for). */
    public static ReviewRules installed() {
        return Installed.RULES;
    }

    /**
     * The rules the services files on {@code loader} name: dbchange's own from {@link BuiltInRules}'s index, not
     * created yet; others with {@link ServiceLoader} (which then loads, but does not create, the built-in classes).
     */
    private static ReviewRules lazy(ClassLoader loader) {
        Set<String> named = serviceClassNames(loader);
        Map<String, String[]> builtIn = new HashMap<>();
        for (String[] entry : BuiltInRules.index()) {
            builtIn.put(BuiltInRules.packagePrefix() + entry[0], entry);
        }
        Map<String, Object> byId = new LinkedHashMap<>();
        Map<String, Object> byAlias = new LinkedHashMap<>();
        boolean others = false;
        for (String className : named) {
            String[] entry = builtIn.get(className);
            if (entry == null) {
                others = true;
                continue;
            }
            Lazy lazy = new Lazy(entry[1]);
            byId.put(entry[1], lazy);
            for (int i = 2; i < entry.length; i++) {
                byAlias.put(entry[i], lazy);
            }
        }
        if (others) {
            List<ReviewRule> more = new ArrayList<>();
            ServiceLoader.load(ReviewRule.class, loader).stream()
                    .filter(p -> !builtIn.containsKey(p.type().getName()))
                    .forEach(p -> more.add(p.get()));
            for (ReviewRule rule : more) {
                add(rule, rule, byId, byAlias);
            }
        }
        return new ReviewRules(byId, byAlias);
    }

    /** The provider class names of the services files, as {@link ServiceLoader} reads them. */
    private static Set<String> serviceClassNames(ClassLoader loader) {
        Set<String> names = new LinkedHashSet<>();
        try {
            Enumeration<URL> files = loader.getResources(SERVICES);
            while (files.hasMoreElements()) {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        int comment = line.indexOf('#');
                        String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                        if (!name.isEmpty()) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SERVICES, e);
        }
        return names;
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
        Map<String, Object> byId = new LinkedHashMap<>();
        Map<String, Object> byAlias = new LinkedHashMap<>();
        for (ReviewRule rule : rules) {
            add(rule, rule, byId, byAlias);
        }
        return new ReviewRules(byId, byAlias);
    }

    private static void add(ReviewRule rule, Object value, Map<String, Object> byId, Map<String, Object> byAlias) {
        RuleDescriptor d = Objects.requireNonNull(rule.descriptor(), "a rule's descriptor must not be null");
        if (byId.containsKey(d.id()) || byAlias.containsKey(d.id())) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "two review rules have the id '" + d.id()
                            + "': " + rule.getClass().getName() + " and "
                            + rule(Optional.ofNullable(byId.get(d.id())).orElse(byAlias.get(d.id())))
                                    .getClass()
                                    .getName());
        }
        byId.put(d.id(), value);
        for (String alias : d.aliases()) {
            byAlias.put(alias, value);
        }
    }

    private static ReviewRule rule(Object value) {
        return value instanceof Lazy lazy ? lazy.get() : (ReviewRule) value;
    }

    /** The rule with id (or legacy alias) {@code id}; an installed rule is created here on first use. */
    public Optional<ReviewRule> find(String id) {
        Object value = byId.get(id);
        if (value == null) {
            value = byAlias.get(id);
        }
        return Optional.ofNullable(value).map(ReviewRules::rule);
    }

    /** All rules, by id (creates every installed rule not created yet). */
    public Collection<ReviewRule> all() {
        return byId.values().stream().map(ReviewRules::rule).toList();
    }
}
