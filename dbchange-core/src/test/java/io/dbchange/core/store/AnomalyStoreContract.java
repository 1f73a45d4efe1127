package io.dbchange.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.drift.Anomaly;
import io.dbchange.api.drift.AnomalyStatus;
import io.dbchange.api.drift.AnomalyStore;
import io.dbchange.api.drift.Resolution;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.store.StoreErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link AnomalyStore} contract, run by every implementation (a subclass provides a fresh, empty store): at most
 * one OPEN anomaly per database, compare-and-set on the version, resolved anomalies frozen, oldest first.
 */
public abstract class AnomalyStoreContract {

    protected abstract AnomalyStore newStore();

    /**
     * Another store over the state of {@link #newStore()}'s: another node with its own connections, or the store as
     * a restarted process builds it. The in-memory store has no other node: the same store.
     */
    protected AnomalyStore secondNode() {
        return store;
    }

    private static final DatabaseRef ORDERS = new DatabaseRef("prod", "orders");
    private static final DatabaseRef BILLING = new DatabaseRef("prod", "billing");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicInteger ids = new AtomicInteger();
    private AnomalyStore store;

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private Anomaly anomaly(DatabaseRef database, Instant at) {
        return Anomaly.open(
                "a" + ids.incrementAndGet(), database, at, "history:1", "f1", 1, "+ column t1.age", "DROP ...");
    }

    @Test
    void insertsAnOpenAnomalyAndFindsItAsTheDatabasesOpenOne() {
        Anomaly stored = store.insertOpen(anomaly(ORDERS, T0)).orElseThrow();

        assertThat(stored.version()).isZero();
        assertThat(store.openAnomaly(ORDERS)).contains(stored);
        assertThat(store.openAnomaly(BILLING)).isEmpty();
        assertThat(store.anomalies(ORDERS)).containsExactly(stored);
    }

    @Test
    void refusesASecondOpenAnomalyOfTheSameDatabase() {
        Anomaly first = store.insertOpen(anomaly(ORDERS, T0)).orElseThrow();

        assertThat(store.insertOpen(anomaly(ORDERS, T0.plusSeconds(1)))).isEmpty();
        assertThat(store.insertOpen(anomaly(BILLING, T0))).isPresent();
        assertThat(store.anomalies(ORDERS)).containsExactly(first);
    }

    @Test
    void refusesADuplicateId() {
        Anomaly first = store.insertOpen(anomaly(ORDERS, T0)).orElseThrow();
        store.compareAndSet(first, first.resolve(T0, Resolution.BASELINE)).orElseThrow();

        assertThatThrownBy(() -> store.insertOpen(first))
                .isInstanceOf(DbChangeException.class)
                .satisfies(e -> assertThat(((DbChangeException) e).code()).isEqualTo(StoreErrorCode.DUPLICATE));
    }

    @Test
    void compareAndSetWinsOnlyOnTheCurrentVersion() {
        Anomaly stored = store.insertOpen(anomaly(ORDERS, T0)).orElseThrow();
        Anomaly seen = stored.seenAgain(T0.plusSeconds(60), "history:1", "f2", 2, "+ a\n+ b", "DROP ...");

        Anomaly written = store.compareAndSet(stored, seen).orElseThrow();

        assertThat(written.version()).isEqualTo(1);
        assertThat(written.fingerprint()).isEqualTo("f2");
        assertThat(written.lastSeenAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(store.compareAndSet(stored, seen)).as("stale version").isEmpty();
        assertThat(store.openAnomaly(ORDERS)).contains(written);
    }

    @Test
    void aResolvedAnomalyIsNeverChangedAgainAndANewOneMayOpen() {
        Anomaly stored = store.insertOpen(anomaly(ORDERS, T0)).orElseThrow();
        Anomaly resolved = store.compareAndSet(stored, stored.resolve(T0.plusSeconds(5), Resolution.SCHEMA_RESTORED))
                .orElseThrow();

        assertThat(resolved.status()).isEqualTo(AnomalyStatus.RESOLVED);
        assertThat(store.openAnomaly(ORDERS)).isEmpty();
        assertThat(store.compareAndSet(resolved, resolved.seenAgain(T0.plusSeconds(9), "x", "f9", 1, "r", "")))
                .isEmpty();

        Anomaly next = store.insertOpen(anomaly(ORDERS, T0.plusSeconds(10))).orElseThrow();
        assertThat(store.anomalies(ORDERS)).containsExactly(resolved, next);
    }

    @Test
    void concurrentRaisesOpenExactlyOneAnomaly() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Optional<Anomaly>>> raises = new ArrayList<>();
            AnomalyStore other = secondNode();
            for (int i = 0; i < 32; i++) {
                Anomaly candidate = anomaly(ORDERS, T0);
                AnomalyStore node = i % 2 == 0 ? store : other;
                raises.add(() -> node.insertOpen(candidate));
            }
            int opened = 0;
            for (Future<Optional<Anomaly>> result : pool.invokeAll(raises)) {
                opened += result.get().isPresent() ? 1 : 0;
            }
            assertThat(opened).isEqualTo(1);
            assertThat(store.anomalies(ORDERS)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoNodesChangingOneAnomalyAtOnceHaveExactlyOneWinner() throws Exception {
        Anomaly stored = store.insertOpen(anomaly(ORDERS, T0)).orElseThrow();
        AnomalyStore other = secondNode();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Optional<Anomaly>> seen = pool.submit(() -> store.compareAndSet(
                    stored, stored.seenAgain(T0.plusSeconds(1), "history:1", "f2", 2, "+ a\n+ b", "DROP ...")));
            Future<Optional<Anomaly>> resolved = pool.submit(
                    () -> other.compareAndSet(stored, stored.resolve(T0.plusSeconds(1), Resolution.BASELINE)));

            assertThat(seen.get().isPresent() ^ resolved.get().isPresent())
                    .as("exactly one of the two writers wins")
                    .isTrue();
            Anomaly winner =
                    seen.get().isPresent() ? seen.get().get() : resolved.get().orElseThrow();
            assertThat(store.anomalies(ORDERS)).containsExactly(winner);
            assertThat(other.anomalies(ORDERS)).containsExactly(winner);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anOpenAnomalyIsSeenByAnotherNodeToTheNanosecondAndResolvedThere() {
        Instant first = Instant.parse("2026-11-22T10:15:30.123456789Z");
        Anomaly raised = store.insertOpen(Anomaly.open(
                        "n1", ORDERS, first, "history:7", "f1", 3, "+ column t1.age\n~ über 😀", "ALTER ...;\n"))
                .orElseThrow();
        Anomaly seen = store.compareAndSet(
                        raised, raised.seenAgain(first.plusNanos(1), "history:7", "f1", 3, raised.report(), "x"))
                .orElseThrow();

        AnomalyStore other = secondNode();
        assertThat(other.openAnomaly(ORDERS)).contains(seen);
        Anomaly resolved = other.compareAndSet(seen, seen.resolve(first.plusSeconds(1), Resolution.BASELINE))
                .orElseThrow();

        assertThat(store.openAnomaly(ORDERS)).isEmpty();
        assertThat(store.anomalies(ORDERS)).containsExactly(resolved);
        assertThat(resolved.version()).isEqualTo(2);
    }

    @Test
    void compareAndSetOfAnUnknownAnomalyIsRefused() {
        Anomaly never = anomaly(ORDERS, T0);
        assertThatThrownBy(() -> store.compareAndSet(never, never.resolve(T0, Resolution.BASELINE)))
                .isInstanceOf(DbChangeException.class)
                .satisfies(e -> assertThat(((DbChangeException) e).code()).isEqualTo(StoreErrorCode.NOT_FOUND));
    }
}
