package io.dbchange.api.store;

import io.dbchange.api.internal.Checks;
import java.time.Instant;

/**
 * A claim on a task or a database lock: who holds it and until when. A lease whose time has passed may be taken
 * over, so no claim outlives a dead node by more than its lease duration.
 *
 * @param owner the node (or thread) holding it, e.g. {@code host-1:pid-4242}
 * @param until when it expires unless renewed
 */
public record Lease(String owner, Instant until) {

    public Lease {
        Checks.notBlank("owner", owner);
        Checks.notNull("until", until);
    }

    /** Whether the lease has expired at {@code now} (strictly after {@code until}). */
    public boolean expiredAt(Instant now) {
        return now.isAfter(until);
    }
}
