package io.dbchange.api.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.project.DatabaseRef;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnomalyTest {

    private static final DatabaseRef DB = new DatabaseRef("prod", "orders");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final Anomaly open = Anomaly.open("1", DB, T0, "history:7", "abc", 1, "+ column t1.age", "DROP");

    @Test
    void seenAgainKeepsFirstSeenAndNeverMovesLastSeenBack() {
        Anomaly later = open.seenAgain(T0.plusSeconds(60), "history:7", "def", 2, "+ a\n+ b", "DROP");
        Anomaly earlier = later.seenAgain(T0.plusSeconds(30), "history:7", "def", 2, "+ a\n+ b", "DROP");

        assertThat(later.firstSeenAt()).isEqualTo(T0);
        assertThat(later.lastSeenAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(earlier.lastSeenAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(later.isOpen()).isTrue();
    }

    @Test
    void resolveSetsStatusTimeAndHow() {
        Anomaly resolved = open.resolve(T0.plusSeconds(5), Resolution.BASELINE);

        assertThat(resolved.status()).isEqualTo(AnomalyStatus.RESOLVED);
        assertThat(resolved.resolvedAt()).contains(T0.plusSeconds(5));
        assertThat(resolved.resolution()).contains(Resolution.BASELINE);
        assertThat(resolved.isOpen()).isFalse();
    }

    @Test
    void rejectsAResolutionWithoutResolvedStatusAndLastSeenBeforeFirstSeen() {
        assertThatThrownBy(() -> new Anomaly(
                        "1",
                        0,
                        DB,
                        AnomalyStatus.OPEN,
                        T0,
                        T0,
                        Optional.of(T0),
                        Optional.of(Resolution.BASELINE),
                        "snapshot",
                        "f",
                        1,
                        "r",
                        ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RESOLVED");
        assertThatThrownBy(() -> new Anomaly(
                        "1",
                        0,
                        DB,
                        AnomalyStatus.OPEN,
                        T0,
                        T0.minusSeconds(1),
                        Optional.empty(),
                        Optional.empty(),
                        "snapshot",
                        "f",
                        1,
                        "r",
                        ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lastSeenAt");
        assertThatThrownBy(() -> Anomaly.open("1", DB, T0, "snapshot", "f", 0, "r", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("changeCount");
    }
}
