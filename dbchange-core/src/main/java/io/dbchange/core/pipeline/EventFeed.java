package io.dbchange.core.pipeline;

import io.dbchange.api.internal.Checks;
import io.dbchange.api.store.EventEntry;
import io.dbchange.api.store.Lease;
import io.dbchange.api.store.MetadataStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the events of every node of a service, read from the metadata store's outbox, to one consumer: the
 * events of a request run on node A reach a feed on node B. The pipelines append them when built with
 * {@link Pipeline.Builder#recordEvents(boolean) recordEvents(true)}.
 *
 * <pre>{@code
 * EventFeed feed = EventFeed.configure().store(store).consumer("audit-sink").listener(e -> sink.send(e)).build();
 * feed.start(); // polls in the background; feed.close() stops it
 * }</pre>
 *
 * <p><b>Delivery.</b> A pass ({@link #poll()}) takes (or renews) the consumer's lease, reads up to
 * {@code batchSize} events after the consumer's cursor, hands them to the listener in sequence order, then moves the
 * cursor past the delivered ones by compare-and-set. Feeds with the same consumer name on several nodes share one
 * cursor and one lease: one of them delivers at a time, so in the normal case every event is delivered once. It is
 * at least once, not exactly once: a node that dies after delivering and before moving the cursor, or a listener that
 * runs longer than {@code leaseDuration} (another node takes over the same events), causes a redelivery; dedupe by
 * {@link EventEntry#id()} (or compare {@link EventEntry#sequence()} with the last one you processed).
 *
 * <p><b>A failing listener</b> stops its pass at the failed event: the events before it are acknowledged, that one
 * is delivered again on the next pass (a listener that always fails on an event holds its consumer there; it is
 * logged at WARN on each pass).
 *
 * <p><b>Retention.</b> The outbox keeps events until {@link #purge(Duration)} deletes them; a consumer whose cursor
 * lags behind the retention never sees the purged events.
 *
 * <p>Thread-safe; {@link #poll()} may be called by hand (tests) as well as by the background thread.
 */
public final class EventFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.dbchange.events");

    /** Receives the outbox's events; an exception stops the pass and the event is delivered again later. */
    @FunctionalInterface
    public interface Listener {
        void onEvent(EventEntry event) throws Exception;
    }

    private final MetadataStore store;
    private final String consumer;
    private final Listener listener;
    private final String nodeId;
    private final Clock clock;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration leaseDuration;
    private final Object passMonitor = new Object();
    private ScheduledExecutorService thread;

    private EventFeed(Builder b) {
        this.store = b.store;
        this.consumer = b.consumer;
        this.listener = b.listener;
        this.nodeId = b.nodeId == null ? "feed-" + UUID.randomUUID() : b.nodeId;
        this.clock = b.clock;
        this.batchSize = b.batchSize;
        this.pollInterval = b.pollInterval;
        this.leaseDuration = b.leaseDuration;
    }

    /** A builder; {@code store}, {@code consumer} and {@code listener} are required. */
    public static Builder configure() {
        return new Builder();
    }

    /** The consumer this feed delivers for. */
    public String consumer() {
        return consumer;
    }

    /**
     * One pass: delivers up to {@code batchSize} events after the consumer's cursor if this node holds (or can take)
     * the consumer's lease, then moves the cursor.
     *
     * @return how many events were delivered (0 when another node holds the lease or nothing is new)
     */
    public int poll() {
        synchronized (passMonitor) {
            Instant now = clock.instant();
            if (!store.tryLeaseEventConsumer(consumer, new Lease(nodeId, now.plus(leaseDuration)), now)) {
                return 0;
            }
            long cursor = store.eventCursor(consumer);
            List<EventEntry> batch = store.events(cursor, batchSize);
            long delivered = cursor;
            int count = 0;
            for (EventEntry e : batch) {
                try {
                    listener.onEvent(e);
                } catch (Exception ex) {
                    LOG.warn(
                            "consumer={} node={} event={} sequence={} request={} - listener failed, the event will be"
                                    + " delivered again: {}",
                            consumer,
                            nodeId,
                            e.id(),
                            e.sequence(),
                            e.event().requestId(),
                            ex.toString());
                    break;
                }
                delivered = e.sequence();
                count++;
            }
            if (delivered != cursor && !store.compareAndSetEventCursor(consumer, cursor, delivered)) {
                // Another node moved the cursor while we delivered: our lease expired during a slow pass.
                LOG.warn(
                        "consumer={} node={} - the cursor moved while this node delivered events {} to {} (the lease"
                                + " of {} expired during the pass); those events may have been delivered twice",
                        consumer,
                        nodeId,
                        cursor + 1,
                        delivered,
                        leaseDuration);
            }
            return count;
        }
    }

    /** Starts polling on a daemon thread every {@code pollInterval}, at once again after a full batch. */
    public synchronized EventFeed start() {
        if (thread != null) {
            throw new IllegalStateException("event feed '" + consumer + "' is started already");
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dbchange-events-" + consumer);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::drain, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void drain() {
        try {
            while (poll() == batchSize && !Thread.currentThread().isInterrupted()) {
                // a full batch: there may be more
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "consumer={} node={} - polling the outbox failed, retried in {}: {}",
                    consumer,
                    nodeId,
                    pollInterval,
                    e.toString());
        }
    }

    /**
     * Deletes the events older than {@code retention} from the outbox (for every consumer; call it from one node, or
     * from each, it is idempotent).
     *
     * @return how many were deleted
     */
    public int purge(Duration retention) {
        Checks.notNull("retention", retention);
        return store.purgeEvents(clock.instant().minus(retention));
    }

    /** Stops the background thread, if started, and gives up the consumer's lease so another node takes over now. */
    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
            try {
                thread.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        try {
            store.releaseEventConsumer(consumer, nodeId);
        } catch (RuntimeException e) {
            LOG.warn(
                    "consumer={} node={} - releasing the lease failed; it expires on its own: {}",
                    consumer,
                    nodeId,
                    e.toString());
        }
    }

    /** Settings of an {@link EventFeed}; {@link #build()} validates and copies them. Not thread-safe. */
    public static final class Builder {
        private MetadataStore store;
        private String consumer;
        private Listener listener;
        private String nodeId;
        private Clock clock = Clock.systemUTC();
        private int batchSize = 100;
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration leaseDuration = Duration.ofSeconds(30);

        private Builder() {}

        /** The store the pipelines append to. Required. */
        public Builder store(MetadataStore value) {
            this.store = Checks.notNull("store", value);
            return this;
        }

        /** The consumer's name: its cursor and lease in the store, shared by feeds of that name on every node. */
        public Builder consumer(String value) {
            Checks.notBlank("consumer", value);
            if (value.length() > 200) {
                throw new IllegalArgumentException(
                        "'consumer' must be at most 200 characters but had " + value.length());
            }
            this.consumer = value;
            return this;
        }

        /** Receives the events. Required. */
        public Builder listener(Listener value) {
            this.listener = Checks.notNull("listener", value);
            return this;
        }

        /** This node's name as the lease owner (default: {@code feed-} and a random UUID). */
        public Builder nodeId(String value) {
            this.nodeId = Checks.notBlank("nodeId", value);
            return this;
        }

        /** The clock that judges lease expiry (default: the system UTC clock). */
        public Builder clock(Clock value) {
            this.clock = Checks.notNull("clock", value);
            return this;
        }

        /** Events delivered per pass at most (default: 100). */
        public Builder batchSize(int value) {
            this.batchSize = Checks.positive("batchSize", value);
            return this;
        }

        /** The pause between passes of the background thread (default: 1 s). */
        public Builder pollInterval(Duration value) {
            Checks.notNull("pollInterval", value);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("'pollInterval' must be positive but was " + value);
            }
            this.pollInterval = value;
            return this;
        }

        /**
         * How long the consumer's lease lives without a pass (default: 30 s). A pass must finish within it, or another
         * node may deliver the same events.
         */
        public Builder leaseDuration(Duration value) {
            Checks.notNull("leaseDuration", value);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("'leaseDuration' must be positive but was " + value);
            }
            this.leaseDuration = value;
            return this;
        }

        /** Validates the settings and returns the feed (not started). */
        public EventFeed build() {
            if (store == null || consumer == null || listener == null) {
                throw new IllegalArgumentException("'store', 'consumer' and 'listener' must be set");
            }
            return new EventFeed(this);
        }
    }
}
