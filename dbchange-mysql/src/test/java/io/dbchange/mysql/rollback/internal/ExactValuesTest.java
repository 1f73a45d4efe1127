package io.dbchange.mysql.rollback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Binlog encodings decoded to the text the server prints, where the library's own decoding loses information. */
class ExactValuesTest {

    private static ByteArrayInputStream in(String hex) {
        return new ByteArrayInputStream(HexFormat.of().parseHex(hex));
    }

    @Test
    void decodesNegativeTimesWithAndWithoutFractions() throws IOException {
        assertThat(ExactValues.timeV2(0, in("7FFFFF")).text()).isEqualTo("-00:00:01");
        assertThat(ExactValues.timeV2(6, in("7FFFFFFFFFFF")).text()).isEqualTo("-00:00:00.000001");
        // -838:59:59: hour 838, minute 59, second 59 packed as 838 << 12 | 59 << 6 | 59, negated around 0x800000
        long packed = (838L << 12) | (59 << 6) | 59;
        assertThat(ExactValues.timeV2(0, in(String.format("%06X", 0x800000L - packed)))
                        .text())
                .isEqualTo("-838:59:59");
        assertThat(ExactValues.timeV2(0, in(String.format("%06X", 0x800000L + packed)))
                        .text())
                .isEqualTo("838:59:59");
    }

    @Test
    void decodesZeroAndPartlyZeroDatesAsTheyAre() throws IOException {
        assertThat(ExactValues.datetimeV2(0, in("8000000000")).text()).isEqualTo("0000-00-00 00:00:00");
        assertThat(ExactValues.date(in("000000")).text()).isEqualTo("0000-00-00");
        // 2020-00-15: day 15, month 0, year 2020 -> 2020 << 9 | 0 << 5 | 15, little-endian
        int value = (2020 << 9) | 15;
        String le = String.format("%02X%02X%02X", value & 0xFF, (value >> 8) & 0xFF, (value >> 16) & 0xFF);
        assertThat(ExactValues.date(in(le)).text()).isEqualTo("2020-00-15");
    }

    @Test
    void decodesFractionsOfEveryWidth() throws IOException {
        // 1582-10-04 23:59:59 with fsp 2 (.99) and fsp 6 (.999999)
        long ym = 1582L * 13 + 10;
        long intPart = ((ym << 5 | 4) << 17) | (23L << 12) | (59 << 6) | 59;
        String head = String.format("%010X", intPart + 0x8000000000L);
        assertThat(ExactValues.datetimeV2(2, in(head + "63")).text()).isEqualTo("1582-10-04 23:59:59.990000");
        assertThat(ExactValues.datetimeV2(6, in(head + "0F423F")).text()).isEqualTo("1582-10-04 23:59:59.999999");
    }

    @Test
    void decodesTimestampsAsUtcWallClockAndZeroAsZero() throws IOException {
        assertThat(ExactValues.timestampV2(0, in("00000000")).text()).isEqualTo("0000-00-00 00:00:00");
        // fsp 3 and 4 store the fraction in 1/10000 s in two bytes: .999 is 9990 = 0x2706
        assertThat(ExactValues.timestampV2(3, in("7FFFFFFF2706")).text()).isEqualTo("2038-01-19 03:14:07.999000");
    }

    @Test
    void keepsYearZero() throws IOException {
        assertThat(ExactValues.year(in("00"))).isZero();
        assertThat(ExactValues.year(in("FF"))).isEqualTo(2155);
    }
}
