package io.dbchange.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.drift.SnapshotStore;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.core.schema.SampleSnapshots;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What every {@link io.dbchange.api.drift.SnapshotStore} must do; each implementation runs it. */
public abstract class SnapshotStoreContract {

    private static final DatabaseRef ORDERS = new DatabaseRef("prod", "orders");
    private static final DatabaseRef BILLING = new DatabaseRef("prod", "billing");

    /** A fresh, empty store. */
    protected abstract SnapshotStore newStore();

    /** Another store over the same state (another node, or after a restart); the same store when in memory. */
    protected abstract SnapshotStore secondNode(SnapshotStore first);

    @Test
    void keepsTheLatestSnapshotOfEachDatabase() {
        SnapshotStore store = newStore();
        SchemaSnapshot every = SampleSnapshots.everyKind();
        SchemaSnapshot random = SampleSnapshots.random(new SplittableRandom(3));

        assertThat(store.latest(ORDERS)).isEmpty();
        store.save(ORDERS, every);
        store.save(BILLING, random);

        SnapshotStore other = secondNode(store);
        assertThat(other.latest(ORDERS)).contains(every);
        assertThat(other.latest(BILLING)).contains(random);
        assertThat(other.latest(new DatabaseRef("prod", "ORDERS")))
                .as("names are case-sensitive")
                .isEmpty();

        other.save(ORDERS, random);
        assertThat(store.latest(ORDERS)).as("a second save replaces the first").contains(random);
    }
}
