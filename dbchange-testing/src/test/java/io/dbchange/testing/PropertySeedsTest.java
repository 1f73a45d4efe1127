package io.dbchange.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PropertySeedsTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty("dbchange.property.tries");
        System.clearProperty("dbchange.property.seed");
        System.clearProperty("dbchange.property.only");
    }

    @Test
    void givesTheDefaultNumberOfDistinctRepeatableSeeds() {
        long[] first = PropertySeeds.seeds(50).toArray();
        assertThat(first).hasSize(50).doesNotHaveDuplicates();
        assertThat(PropertySeeds.seeds(50).toArray()).containsExactly(first);
    }

    @Test
    void triesAndBaseSeedComeFromSystemProperties() {
        long[] defaults = PropertySeeds.seeds(5).toArray();
        System.setProperty("dbchange.property.tries", "7");
        System.setProperty("dbchange.property.seed", "42");
        long[] tuned = PropertySeeds.seeds(5).toArray();
        assertThat(tuned).hasSize(7);
        assertThat(tuned[0]).isNotEqualTo(defaults[0]);
    }

    @Test
    void onlyRunsExactlyTheNamedSeed() {
        System.setProperty("dbchange.property.only", "-1234567");
        assertThat(PropertySeeds.seeds(100).toArray()).containsExactly(-1234567L);
    }

    @Test
    void rejectsZeroTries() {
        assertThatThrownBy(() -> PropertySeeds.seeds(0)).hasMessageContaining("'defaultTries'");
    }
}
