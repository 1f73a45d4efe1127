package io.dbchange.testing.internal;

import io.dbchange.api.DbChangeException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an embedded server with one retry. A launcher finds a free port and the server binds it a moment later;
 * another process may take the port in between. That race cannot be excluded, so a failed start is tried once more
 * (in a new directory, on a new port) before the failure is reported.
 */
final class StartAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(StartAttempts.class);

    static final int ATTEMPTS = 2;

    private StartAttempts() {}

    /**
     * Runs {@code startOnce} until it returns, at most {@link #ATTEMPTS} times.
     *
     * @param server what is started, for the log (e.g. {@code "embedded MariaDB"})
     * @throws DbChangeException the last attempt's failure
     */
    static <T> T start(String server, Supplier<T> startOnce) {
        DbChangeException failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return startOnce.get();
            } catch (DbChangeException e) {
                failure = e;
                LOG.warn("{} did not start (attempt {} of {}): {}", server, attempt, ATTEMPTS, e.getMessage());
            }
        }
        throw failure;
    }
}
