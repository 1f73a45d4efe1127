package io.dbchange.core.drift;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.drift.DriftEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every database of a {@link DriftDetector} periodically, on daemon threads the host starts and stops.
 *
 * <pre>{@code
 * DriftScheduler scheduler = DriftScheduler.of(detector);      // every 10 minutes
 * scheduler.start();
 * ...
 * scheduler.stop();
 * }</pre>
 *
 * <p>Each database has its own cycle: its first check comes at a random point of the first interval, and each next
 * one an interval (plus or minus the jitter) after the previous one ended, so thousands of databases spread their
 * checks over the interval instead of hitting their servers at once, and a check never overlaps the previous check
 * of the same database. A check costs one connection and a fixed number of catalog queries (see
 * {@code DatabaseEngine.readSchema}). Failures do not stop the cycle: they are logged and sent to the detector's
 * listeners as {@link DriftEvent.CheckFailed}.
 *
 * <p>Thread-safe.
 */
public final class DriftScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DriftScheduler.class);

    /** The default interval between two checks of one database. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);

    /** The default jitter, as a fraction of the interval. */
    public static final double DEFAULT_JITTER = 0.1;

    private static final AtomicInteger SCHEDULERS = new AtomicInteger();

    private final DriftDetector detector;
    private final Duration interval;
    private final double jitter;
    private final int threads;
    private ScheduledExecutorService executor;

    private DriftScheduler(DriftDetector detector, Duration interval, double jitter, int threads) {
        this.detector = Objects.requireNonNull(detector, "'detector' must not be null");
        Objects.requireNonNull(interval, "'interval' must not be null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("'interval' must be positive but was " + interval);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("'jitter' must be at least 0 and below 1 but was " + jitter);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("'threads' must be at least 1 but was " + threads);
        }
        this.interval = interval;
        this.jitter = jitter;
        this.threads = threads;
    }

    /** A scheduler with the default interval (10 minutes), 10 % jitter and one thread. */
    public static DriftScheduler of(DriftDetector detector) {
        return new DriftScheduler(detector, DEFAULT_INTERVAL, DEFAULT_JITTER, 1);
    }

    /**
     * A scheduler with its own settings.
     *
     * @param interval time between the end of a database's check and the start of its next one, positive
     * @param jitter how much each interval varies at random, as a fraction of it, in [0, 1)
     * @param threads how many checks may run at once, at least 1
     */
    public static DriftScheduler of(DriftDetector detector, Duration interval, double jitter, int threads) {
        return new DriftScheduler(detector, interval, jitter, threads);
    }

    /** The interval between two checks of one database. */
    public Duration interval() {
        return interval;
    }

    /**
     * Starts checking every target of the detector.
     *
     * @throws IllegalStateException if it runs already
     */
    public synchronized void start() {
        if (executor != null) {
            throw new IllegalStateException("the drift scheduler runs already; stop it before starting it again");
        }
        int id = SCHEDULERS.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, runnable -> {
            Thread t = new Thread(runnable, "dbchange-drift-" + id + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        executor = pool;
        List<DriftTarget> targets = detector.targets();
        for (DriftTarget target : targets) {
            long first = ThreadLocalRandom.current().nextLong(Math.max(1, interval.toNanos()));
            pool.schedule(() -> run(pool, target), first, TimeUnit.NANOSECONDS);
        }
        LOG.info("drift scheduler started: {} database(s) every {}", targets.size(), interval);
    }

    /** Stops the checks, interrupting running ones, and waits up to 10 s for them to end. Harmless when stopped. */
    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = executor;
            executor = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdownNow();
        try {
            if (!stopping.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("drift scheduler: a check did not end within 10 s of stop()");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("drift scheduler stopped");
    }

    /** Whether it runs. */
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void run(ScheduledExecutorService pool, DriftTarget target) {
        try {
            detector.check(target);
        } catch (DbChangeException e) {
            LOG.warn("drift database={} periodic check failed: {}", target.database(), e.getMessage());
            detector.publish(
                    new DriftEvent.CheckFailed(target.database(), e.code().name(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("drift database={} periodic check failed unexpectedly", target.database(), e);
            detector.publish(new DriftEvent.CheckFailed(target.database(), "UNEXPECTED", String.valueOf(e)));
        }
        if (!pool.isShutdown()) {
            try {
                pool.schedule(() -> run(pool, target), nextDelayNanos(), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // stop() came between the check and the rescheduling: nothing to do.
            }
        }
    }

    private long nextDelayNanos() {
        long base = interval.toNanos();
        long spread = (long) (base * jitter);
        long offset = spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(-spread, spread + 1);
        return Math.max(1, base + offset);
    }
}
