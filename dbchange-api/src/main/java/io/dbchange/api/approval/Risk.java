package io.dbchange.api.approval;

import io.dbchange.api.internal.Checks;
import java.util.Collection;

/**
 * How risky a change is, as the risk rules judge it. Declared in increasing order, so {@link #compareTo} orders
 * {@code LOW < MODERATE < HIGH}. A request's risk is the {@linkplain #max(Collection) maximum} over its tasks.
 */
public enum Risk {
    /** Routine change; the lightest approval flow applies. */
    LOW,
    /** Needs more scrutiny than a routine change. */
    MODERATE,
    /** Could lose data or availability; the strictest approval flow applies. */
    HIGH;

    /** The higher of this risk and {@code other}. */
    public Risk max(Risk other) {
        Checks.notNull("other", other);
        return compareTo(other) >= 0 ? this : other;
    }

    /**
     * The highest of the given risks.
     *
     * @throws IllegalArgumentException if {@code risks} is empty: there is no risk of nothing, and a request always
     *     has at least one task
     */
    public static Risk max(Collection<Risk> risks) {
        Risk result = null;
        for (Risk risk : Checks.copyNotEmpty("risks", risks)) {
            result = result == null ? risk : result.max(risk);
        }
        return result;
    }
}
