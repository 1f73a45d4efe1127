package io.dbchange.api.approval;

import static io.dbchange.api.approval.Risk.HIGH;
import static io.dbchange.api.approval.Risk.LOW;
import static io.dbchange.api.approval.Risk.MODERATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RiskTest {

    @Test
    void ordersLowBeforeModerateBeforeHigh() {
        assertThat(Arrays.stream(Risk.values()).sorted()).containsExactly(LOW, MODERATE, HIGH);
    }

    @ParameterizedTest(name = "max({0}, {1}) = {2}")
    @CsvSource({
        "LOW,      LOW,      LOW",
        "LOW,      MODERATE, MODERATE",
        "LOW,      HIGH,     HIGH",
        "MODERATE, LOW,      MODERATE",
        "MODERATE, MODERATE, MODERATE",
        "MODERATE, HIGH,     HIGH",
        "HIGH,     LOW,      HIGH",
        "HIGH,     MODERATE, HIGH",
        "HIGH,     HIGH,     HIGH",
    })
    void maxIsTheHigherRisk(Risk a, Risk b, Risk expected) {
        assertThat(a.max(b)).isEqualTo(expected);
    }

    @Test
    void requestRiskIsTheMaximumOverItsTasks() {
        assertThat(Risk.max(List.of(LOW))).isEqualTo(LOW);
        assertThat(Risk.max(List.of(LOW, MODERATE, LOW))).isEqualTo(MODERATE);
        assertThat(Risk.max(List.of(MODERATE, HIGH, LOW))).isEqualTo(HIGH);
    }

    @Test
    void hasNoMaximumOfNothing() {
        assertThatThrownBy(() -> Risk.max(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'risks' must not be empty");
        assertThatThrownBy(() -> LOW.max((Risk) null)).hasMessage("'other' must not be null");
        assertThatThrownBy(() -> Risk.max(Arrays.asList(LOW, null))).hasMessage("'risks' must not contain null");
    }
}
