package io.dbchange.postgres.rollback;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Random PostgreSQL column types and SQL literals for them, leaning on the values that break rollback tools:
 * numeric NaN and infinities, float -0/NaN/infinities/subnormals, bytea with every byte, arrays with quotes, commas
 * and NULLs, json with duplicate keys and odd spacing, enum labels with quotes, BC and infinite timestamps,
 * intervals mixing months, days and microseconds, bit strings, empty and unbounded ranges, and large (TOASTed) text.
 */
final class RandomValues {

    /** Types created once per database by {@link #SETUP}. */
    static final String SETUP = """
            CREATE TYPE pmood AS ENUM ('sad', 'o''k', 'a,b', 'with "quote"');
            CREATE DOMAIN pdom AS integer CHECK (VALUE > -1000000);
            """;

    static final List<String> TYPES = List.of(
            "integer",
            "bigint",
            "numeric",
            "numeric(12,3)",
            "real",
            "double precision",
            "bytea",
            "text",
            "text[]",
            "integer[]",
            "json",
            "jsonb",
            "uuid",
            "pmood",
            "pdom",
            "timestamp",
            "timestamp(3)",
            "timestamptz",
            "interval",
            "bit(6)",
            "varbit",
            "int4range",
            "numrange",
            "tstzrange",
            "boolean",
            "date",
            "char(3)",
            "double precision[]");

    private RandomValues() {}

    static String type(SplittableRandom r) {
        return TYPES.get(r.nextInt(TYPES.size()));
    }

    /** A literal of the type, or NULL about one time in eight. */
    static String literal(SplittableRandom r, String type) {
        if (r.nextInt(8) == 0) {
            return "NULL";
        }
        return quote(text(r, type)) + "::" + type;
    }

    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String text(SplittableRandom r, String type) {
        return switch (type) {
            case "integer", "pdom" -> String.valueOf(pick(r, r.nextInt(-999_999, 1_000_000), 0, 2147483647, -999_999));
            case "bigint" -> String.valueOf(pick(r, r.nextLong(), Long.MIN_VALUE, Long.MAX_VALUE, 0L));
            case "numeric" -> pick(r, decimal(r, 30), "NaN", "Infinity", "-Infinity", "1.10", "-0.000000000001", "0");
            case "numeric(12,3)" ->
                pick(r, String.valueOf(r.nextInt(-999_999, 999_999)) + "." + r.nextInt(1000), "NaN", "0.1");
            case "real" ->
                pick(
                        r,
                        floatText(Float.intBitsToFloat(r.nextInt())),
                        "-0",
                        "NaN",
                        "Infinity",
                        "-Infinity",
                        "1.4e-45",
                        "3.4028235e38",
                        "0.1");
            case "double precision" -> doubleText(r);
            case "double precision[]" -> "{" + doubleText(r) + "," + doubleText(r) + ",NULL}";
            case "bytea" -> bytea(r);
            case "text" -> r.nextInt(10) == 0 ? largeText(r) : string(r);
            case "text[]" -> textArray(r);
            case "integer[]" -> pick(r, "{}", "{1,NULL,-3}", "{{1,2},{3,4}}", "{" + r.nextInt() + "}", "[0:1]={5,6}");
            case "json" ->
                pick(
                        r,
                        "{\"a\": 1,  \"a\": [true, null]}",
                        "  [1, 2.50, \"x\\u0000y\"] ",
                        "null",
                        "\"s\"",
                        "{\"k\":" + r.nextInt() + "}",
                        "1e400");
            case "jsonb" ->
                pick(r, "{\"b\": [1, 2.50], \"a\": {}}", "null", "\"\"", "[]", "{\"k\": " + decimal(r, 5) + "}");
            case "uuid" -> new java.util.UUID(r.nextLong(), r.nextLong()).toString();
            case "pmood" -> pick(r, "sad", "o'k", "a,b", "with \"quote\"");
            case "timestamp" ->
                pick(r, timestamp(r), "infinity", "-infinity", "4713-01-01 00:00:00 BC", "2024-02-29 23:59:59.999999");
            case "timestamp(3)" -> pick(r, timestamp(r), "2000-01-01 00:00:00.123");
            case "timestamptz" ->
                pick(
                        r,
                        timestamp(r) + String.format(Locale.ROOT, "%+03d:%02d", r.nextInt(-12, 13), r.nextInt(2) * 30),
                        "infinity",
                        "2024-03-31 02:30:00 Europe/Berlin",
                        "1900-01-01 00:00:00+00");
            case "interval" -> interval(r);
            case "bit(6)" -> bits(r, 6);
            case "varbit" -> bits(r, r.nextInt(0, 70));
            case "int4range" ->
                pick(r, "empty", "[1,5)", "(,3]", "[" + r.nextInt(-9, 0) + "," + r.nextInt(0, 9) + "]", "(,)");
            case "numrange" -> pick(r, "empty", "[1.5,2.25)", "(,0]", "[-Infinity,Infinity]");
            case "tstzrange" ->
                pick(r, "empty", "[2024-01-01 00:00+00,)", "[\"2020-01-01 10:00+05\",\"2021-01-01 00:00+00\")");
            case "boolean" -> pick(r, "true", "false");
            case "date" -> pick(r, "2024-02-29", "0001-01-01 BC", "infinity", r.nextInt(1, 9999) + "-12-31");
            case "char(3)" -> pick(r, "a", "ab ", "", "xyz", "'\"\\");
            default -> throw new IllegalArgumentException(type);
        };
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom r, T... options) {
        return options[r.nextInt(options.length)];
    }

    private static String decimal(SplittableRandom r, int digits) {
        StringBuilder b = new StringBuilder(r.nextBoolean() ? "-" : "");
        int before = r.nextInt(1, digits);
        for (int i = 0; i < before; i++) {
            // no leading zeros: json numbers may not have them
            b.append((char) ('0' + (i == 0 && before > 1 ? r.nextInt(1, 10) : r.nextInt(10))));
        }
        if (r.nextBoolean()) {
            b.append('.');
            int after = r.nextInt(1, digits);
            for (int i = 0; i < after; i++) {
                b.append((char) ('0' + r.nextInt(10)));
            }
        }
        return b.toString();
    }

    private static String floatText(float f) {
        return Float.isNaN(f) ? "NaN" : Float.isInfinite(f) ? (f > 0 ? "Infinity" : "-Infinity") : Float.toString(f);
    }

    private static String doubleText(SplittableRandom r) {
        double d = Double.longBitsToDouble(r.nextLong());
        String random = Double.isNaN(d)
                ? "NaN"
                : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : Double.toString(d);
        return pick(
                r,
                random,
                "-0",
                "NaN",
                "Infinity",
                "-Infinity",
                "4.9e-324",
                "1.7976931348623157e308",
                "0.1",
                "0.30000000000000004");
    }

    private static String bytea(SplittableRandom r) {
        StringBuilder b = new StringBuilder("\\x");
        int n = r.nextInt(0, r.nextInt(10) == 0 ? 3000 : 20);
        for (int i = 0; i < n; i++) {
            b.append(String.format(Locale.ROOT, "%02x", r.nextInt(256)));
        }
        return b.toString();
    }

    private static final String[] PIECES = {
        "a", "Z", " ", "'", "\"", "\\", ",", "{", "}", "(", ")", "é", "日本", "😀", "\n", "\t", "NULL", "$$", "--", "/*"
    };

    private static String string(SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(0, 8);
        for (int i = 0; i < n; i++) {
            b.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    private static String largeText(SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(3000, 12000);
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    private static String textArray(SplittableRandom r) {
        int n = r.nextInt(0, 4);
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            if (r.nextInt(5) == 0) {
                b.append("NULL");
            } else {
                String s = string(r);
                b.append('"')
                        .append(s.replace("\\", "\\\\").replace("\"", "\\\""))
                        .append('"');
            }
        }
        return b.append('}').toString();
    }

    private static String timestamp(SplittableRandom r) {
        return String.format(
                Locale.ROOT,
                "%04d-%02d-%02d %02d:%02d:%02d.%06d",
                r.nextInt(1, 9999),
                r.nextInt(1, 13),
                r.nextInt(1, 29),
                r.nextInt(24),
                r.nextInt(60),
                r.nextInt(60),
                r.nextInt(1_000_000));
    }

    private static String interval(SplittableRandom r) {
        return String.format(
                Locale.ROOT,
                "%d mons %d days %d microseconds",
                r.nextInt(-1000, 1000),
                r.nextInt(-100, 100),
                r.nextLong(-100_000_000_000L, 100_000_000_000L));
    }

    private static String bits(SplittableRandom r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(r.nextBoolean() ? '1' : '0');
        }
        return b.toString();
    }
}
