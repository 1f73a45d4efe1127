package io.dbchange.mysql.rollback.internal;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;

/**
 * Exact decoding of the binlog values that mysql-binlog-connector-java decodes lossily, plugged into its row event
 * deserializers by overriding their per-type methods.
 *
 * <p>The library turns temporal values into epoch numbers (zero dates become {@code null} or a marker, fractions may
 * be cut to milliseconds, negative {@code TIME} loses its sign, {@code DATETIME} wall-clock values are read as UTC)
 * and strings into Java strings in the JVM's charset. Here every temporal value becomes a {@link Temporal} holding
 * the literal text MySQL itself would print ({@code '0000-00-00'}, {@code '-838:59:59.000000'}, {@code TIMESTAMP}s
 * as UTC wall-clock times), {@code YEAR} keeps 0 as 0, and strings stay bytes. Formats (big-endian "v2" temporal
 * encodings with fractional-second bytes, and the older little-endian ones) follow MySQL's {@code
 * my_time_packed_from_binary}, {@code my_datetime_packed_from_binary} and {@code my_timestamp_from_binary}
 * ({@code mysys/my_time.cc}, {@code sql-common/my_time.cc}).
 */
final class ExactValues {

    private ExactValues() {}

    /** A temporal value as the literal text the server prints for it. */
    record Temporal(String text) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    static final class Write extends WriteRowsEventDataDeserializer {
        Write(Map<Long, TableMapEventData> tables) {
            super(tables);
        }

        @Override
        protected Serializable deserializeYear(ByteArrayInputStream in) throws IOException {
            return year(in);
        }

        @Override
        protected Serializable deserializeDate(ByteArrayInputStream in) throws IOException {
            return date(in);
        }

        @Override
        protected Serializable deserializeTime(ByteArrayInputStream in) throws IOException {
            return time(in);
        }

        @Override
        protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return timeV2(meta, in);
        }

        @Override
        protected Serializable deserializeTimestamp(ByteArrayInputStream in) throws IOException {
            return timestamp(in);
        }

        @Override
        protected Serializable deserializeTimestampV2(int meta, ByteArrayInputStream in) throws IOException {
            return timestampV2(meta, in);
        }

        @Override
        protected Serializable deserializeDatetime(ByteArrayInputStream in) throws IOException {
            return datetime(in);
        }

        @Override
        protected Serializable deserializeDatetimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return datetimeV2(meta, in);
        }

        @Override
        protected Serializable deserializeString(int length, ByteArrayInputStream in) throws IOException {
            return string(length, in);
        }

        @Override
        protected Serializable deserializeVarString(int meta, ByteArrayInputStream in) throws IOException {
            return string(meta, in);
        }
    }

    static final class Update extends UpdateRowsEventDataDeserializer {
        Update(Map<Long, TableMapEventData> tables) {
            super(tables);
        }

        @Override
        protected Serializable deserializeYear(ByteArrayInputStream in) throws IOException {
            return year(in);
        }

        @Override
        protected Serializable deserializeDate(ByteArrayInputStream in) throws IOException {
            return date(in);
        }

        @Override
        protected Serializable deserializeTime(ByteArrayInputStream in) throws IOException {
            return time(in);
        }

        @Override
        protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return timeV2(meta, in);
        }

        @Override
        protected Serializable deserializeTimestamp(ByteArrayInputStream in) throws IOException {
            return timestamp(in);
        }

        @Override
        protected Serializable deserializeTimestampV2(int meta, ByteArrayInputStream in) throws IOException {
            return timestampV2(meta, in);
        }

        @Override
        protected Serializable deserializeDatetime(ByteArrayInputStream in) throws IOException {
            return datetime(in);
        }

        @Override
        protected Serializable deserializeDatetimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return datetimeV2(meta, in);
        }

        @Override
        protected Serializable deserializeString(int length, ByteArrayInputStream in) throws IOException {
            return string(length, in);
        }

        @Override
        protected Serializable deserializeVarString(int meta, ByteArrayInputStream in) throws IOException {
            return string(meta, in);
        }
    }

    static final class Delete extends DeleteRowsEventDataDeserializer {
        Delete(Map<Long, TableMapEventData> tables) {
            super(tables);
        }

        @Override
        protected Serializable deserializeYear(ByteArrayInputStream in) throws IOException {
            return year(in);
        }

        @Override
        protected Serializable deserializeDate(ByteArrayInputStream in) throws IOException {
            return date(in);
        }

        @Override
        protected Serializable deserializeTime(ByteArrayInputStream in) throws IOException {
            return time(in);
        }

        @Override
        protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return timeV2(meta, in);
        }

        @Override
        protected Serializable deserializeTimestamp(ByteArrayInputStream in) throws IOException {
            return timestamp(in);
        }

        @Override
        protected Serializable deserializeTimestampV2(int meta, ByteArrayInputStream in) throws IOException {
            return timestampV2(meta, in);
        }

        @Override
        protected Serializable deserializeDatetime(ByteArrayInputStream in) throws IOException {
            return datetime(in);
        }

        @Override
        protected Serializable deserializeDatetimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return datetimeV2(meta, in);
        }

        @Override
        protected Serializable deserializeString(int length, ByteArrayInputStream in) throws IOException {
            return string(length, in);
        }

        @Override
        protected Serializable deserializeVarString(int meta, ByteArrayInputStream in) throws IOException {
            return string(meta, in);
        }
    }

    /** CHAR/BINARY (length = max bytes) and VARCHAR/VARBINARY (meta = max bytes): 1 or 2 length bytes, then bytes. */
    static byte[] string(int maxLength, ByteArrayInputStream in) throws IOException {
        int length = maxLength < 256 ? in.readInteger(1) : in.readInteger(2);
        return in.read(length);
    }

    /** YEAR: one byte, years since 1900, 0 meaning the year 0000. */
    static Integer year(ByteArrayInputStream in) throws IOException {
        int value = in.readInteger(1);
        return value == 0 ? 0 : 1900 + value;
    }

    /** DATE: 3 bytes little-endian, day in bits 0-4, month in 5-8, year above. */
    static Temporal date(ByteArrayInputStream in) throws IOException {
        int value = in.readInteger(3);
        StringBuilder text = new StringBuilder(10);
        appendDate(text, value >>> 9, (value >>> 5) & 15, value & 31);
        return new Temporal(text.toString());
    }

    /** Old TIME: 3 bytes little-endian, signed HHMMSS. */
    static Temporal time(ByteArrayInputStream in) throws IOException {
        int value = (in.readInteger(3) << 8) >> 8;
        StringBuilder text = new StringBuilder(12);
        if (value < 0) {
            text.append('-');
            value = -value;
        }
        pad(text, value / 10000, 2).append(':');
        pad(text, value / 100 % 100, 2).append(':');
        pad(text, value % 100, 2);
        return new Temporal(text.toString());
    }

    /** Old DATETIME: 8 bytes little-endian, YYYYMMDDhhmmss as a number. */
    static Temporal datetime(ByteArrayInputStream in) throws IOException {
        long value = in.readLong(8);
        long date = value / 1_000_000;
        long time = value % 1_000_000;
        StringBuilder text = new StringBuilder(19);
        appendDate(text, (int) (date / 10000), (int) (date / 100 % 100), (int) (date % 100));
        text.append(' ');
        pad(text, (int) (time / 10000), 2).append(':');
        pad(text, (int) (time / 100 % 100), 2).append(':');
        pad(text, (int) (time % 100), 2);
        return new Temporal(text.toString());
    }

    /** Old TIMESTAMP: 4 bytes little-endian seconds since the epoch (0 is the zero timestamp). */
    static Temporal timestamp(ByteArrayInputStream in) throws IOException {
        return epoch(in.readLong(4), 0, false);
    }

    /** TIMESTAMP2: 4 bytes big-endian seconds since the epoch, then the fraction. */
    static Temporal timestampV2(int meta, ByteArrayInputStream in) throws IOException {
        long seconds = bigEndian(in.read(4));
        long micros = fraction(meta, in);
        return epoch(seconds, micros, meta > 0);
    }

    private static Temporal epoch(long seconds, long micros, boolean fraction) {
        StringBuilder text = new StringBuilder(26);
        if (seconds == 0 && micros == 0) {
            text.append("0000-00-00 00:00:00");
        } else {
            long days = Math.floorDiv(seconds, 86400);
            long secondOfDay = Math.floorMod(seconds, 86400);
            java.time.LocalDate date = java.time.LocalDate.ofEpochDay(days);
            appendDate(text, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
            text.append(' ');
            appendTime(text, (int) (secondOfDay / 3600), (int) (secondOfDay / 60 % 60), (int) (secondOfDay % 60));
        }
        if (fraction) {
            pad(text.append('.'), (int) micros, 6);
        }
        return new Temporal(text.toString());
    }

    /** DATETIME2: 5 bytes big-endian (offset 0x8000000000) packing year*13+month, day, hour, minute, second. */
    static Temporal datetimeV2(int meta, ByteArrayInputStream in) throws IOException {
        long intPart = bigEndian(in.read(5)) - 0x8000000000L;
        long micros = fraction(meta, in);
        long ymd = intPart >> 17;
        long ym = ymd >> 5;
        long hms = intPart % (1 << 17);
        StringBuilder text = new StringBuilder(26);
        appendDate(text, (int) (ym / 13), (int) (ym % 13), (int) (ymd % 32));
        text.append(' ');
        appendTime(text, (int) (hms >> 12), (int) ((hms >> 6) % 64), (int) (hms % 64));
        if (meta > 0) {
            pad(text.append('.'), (int) micros, 6);
        }
        return new Temporal(text.toString());
    }

    /**
     * TIME2: 3 bytes big-endian (offset 0x800000) packing sign, hour (10 bits), minute, second; then the fraction,
     * which for negative values is stored as the complement and borrows one second from the integer part.
     */
    static Temporal timeV2(int meta, ByteArrayInputStream in) throws IOException {
        long packed;
        switch ((meta + 1) / 2) {
            case 0 -> packed = (bigEndian(in.read(3)) - 0x800000L) << 24;
            case 1 -> {
                long intPart = bigEndian(in.read(3)) - 0x800000L;
                long frac = in.read(1)[0] & 0xFF;
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x100;
                }
                packed = (intPart << 24) + frac * 10000;
            }
            case 2 -> {
                long intPart = bigEndian(in.read(3)) - 0x800000L;
                long frac = bigEndian(in.read(2));
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x10000;
                }
                packed = (intPart << 24) + frac * 100;
            }
            default -> packed = bigEndian(in.read(6)) - 0x800000000000L;
        }
        StringBuilder text = new StringBuilder(17);
        if (packed < 0) {
            text.append('-');
            packed = -packed;
        }
        long hms = packed >> 24;
        long micros = packed % (1L << 24);
        long hours = (hms >> 12) % (1 << 10);
        if (hours < 10) {
            text.append('0');
        }
        text.append(hours).append(':');
        pad(text, (int) ((hms >> 6) % 64), 2).append(':');
        pad(text, (int) (hms % 64), 2);
        if (meta > 0) {
            pad(text.append('.'), (int) micros, 6);
        }
        return new Temporal(text.toString());
    }

    /** The fractional-seconds bytes of a v2 temporal value (0 to 3 bytes, big-endian), as microseconds. */
    private static long fraction(int meta, ByteArrayInputStream in) throws IOException {
        int length = (meta + 1) / 2;
        if (length == 0) {
            return 0;
        }
        long value = bigEndian(in.read(length));
        return switch (length) {
            case 1 -> value * 10000;
            case 2 -> value * 100;
            default -> value;
        };
    }

    private static long bigEndian(byte[] bytes) {
        long value = 0;
        for (byte b : bytes) {
            value = (value << 8) | (b & 0xFF);
        }
        return value;
    }

    private static void appendDate(StringBuilder text, int year, int month, int day) {
        pad(text, year, 4).append('-');
        pad(text, month, 2).append('-');
        pad(text, day, 2);
    }

    private static void appendTime(StringBuilder text, int hour, int minute, int second) {
        pad(text, hour, 2).append(':');
        pad(text, minute, 2).append(':');
        pad(text, second, 2);
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        int digits = 1;
        for (int v = value; v >= 10; v /= 10) {
            digits++;
        }
        for (int i = digits; i < width; i++) {
            text.append('0');
        }
        return text.append(value);
    }
}
