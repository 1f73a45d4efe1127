package io.dbchange.api.review;

import io.dbchange.api.internal.Checks;

/**
 * How serious a {@link Finding} is. Declared in increasing severity, so {@link #compareTo} orders
 * {@code WARNING < ERROR}.
 */
public enum Level {
    /** Worth a look; does not block a change. */
    WARNING,
    /** Blocks the change unless a privileged role overrides it with a reason. */
    ERROR;

    /** The more severe of this level and {@code other}. */
    public Level max(Level other) {
        Checks.notNull("other", other);
        return compareTo(other) >= 0 ? this : other;
    }

    /** Whether this level is at least as severe as {@code other}. */
    public boolean isAtLeast(Level other) {
        Checks.notNull("other", other);
        return compareTo(other) >= 0;
    }
}
