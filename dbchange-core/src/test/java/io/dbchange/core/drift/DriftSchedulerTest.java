package io.dbchange.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.core.store.InMemoryMetadataStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DriftSchedulerTest {

    private final DriftDetector detector =
            DriftDetector.configure().metadataStore(new InMemoryMetadataStore()).build();

    @Test
    void defaultsToTenMinutes() {
        assertThat(DriftScheduler.of(detector).interval()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> DriftScheduler.of(detector, Duration.ZERO, 0.1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'interval'");
        assertThatThrownBy(() -> DriftScheduler.of(detector, Duration.ofSeconds(1), 1.0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'jitter'");
        assertThatThrownBy(() -> DriftScheduler.of(detector, Duration.ofSeconds(1), 0.1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'threads'");
    }

    @Test
    void startsOnceAndStopsHarmlesslyTwice() {
        DriftScheduler scheduler = DriftScheduler.of(detector, Duration.ofSeconds(1), 0.1, 1);
        scheduler.start();
        assertThatThrownBy(scheduler::start).isInstanceOf(IllegalStateException.class);
        scheduler.stop();
        scheduler.stop();
        assertThat(scheduler.isRunning()).isFalse();
    }

    @Test
    void aDetectorNeedsAMetadataStore() {
        assertThatThrownBy(() -> DriftDetector.configure().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("metadataStore");
    }
}
