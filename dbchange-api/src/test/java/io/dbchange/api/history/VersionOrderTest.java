package io.dbchange.api.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionOrderTest {

    /** Versions in their expected order, written by hand. */
    static final List<String> ORDERED = List.of(
            "0",
            "00",
            "01",
            "1",
            "1.0",
            "1.0.0",
            "1.2",
            "1.2.0",
            "1.2.9",
            "1.2.10",
            "1.2.a",
            "1.10",
            "1.a",
            "2",
            "9",
            "10",
            "20250101120000",
            "20250101120000",
            "0042_add_orders",
            "0043_add_notes",
            "1a",
            "v1",
            "v1.2",
            "v10",
            "v2");

    @Test
    void sortsVersionsSegmentBySegmentNumbersAsNumbers() {
        List<String> shuffled = new ArrayList<>(ORDERED);
        Collections.shuffle(shuffled, new Random(42));

        shuffled.sort(MigrationRecord.VERSION_ORDER);

        assertThat(shuffled).containsExactlyElementsOf(ORDERED);
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
        "9,          10",
        "1.9,        1.10",
        "1.2,        1.2.0",
        "1,          a",
        "01,         1",
        "2024123123, 20250101000000",
        "0042_a,     0043_a",
        "1.2.0,      1.2-rc",
    })
    void ordersPairs(String lower, String higher) {
        assertThat(MigrationRecord.VERSION_ORDER.compare(lower, higher)).isNegative();
        assertThat(MigrationRecord.VERSION_ORDER.compare(higher, lower)).isPositive();
    }

    /** The order is a total order consistent with equals: checked over every pair and triple of a corpus. */
    @Test
    void isATotalOrderConsistentWithEquals() {
        List<String> corpus = new ArrayList<>(ORDERED);
        corpus.addAll(
                List.of("", ".", "1.", ".1", "1..2", "000", "0.0", "a.1", "a.b", "1-2", "1_2", "99999999999999999999"));
        var order = MigrationRecord.VERSION_ORDER;
        for (String a : corpus) {
            for (String b : corpus) {
                int ab = order.compare(a, b);
                assertThat(Integer.signum(ab))
                        .as("sign(%s, %s) = -sign(%s, %s)", a, b, b, a)
                        .isEqualTo(-Integer.signum(order.compare(b, a)));
                assertThat(ab == 0)
                        .as("%s vs %s is zero exactly when equal", a, b)
                        .isEqualTo(a.equals(b));
                for (String c : corpus) {
                    if (ab <= 0 && order.compare(b, c) <= 0) {
                        assertThat(order.compare(a, c))
                                .as("%s <= %s <= %s", a, b, c)
                                .isNotPositive();
                    }
                }
            }
        }
    }
}
