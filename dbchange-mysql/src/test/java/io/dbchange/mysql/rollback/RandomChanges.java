package io.dbchange.mysql.rollback;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Random tables over the column types of the rollback pitfalls list, random rows, and random data-change
 * transactions on them, as SQL text. Literals here are written independently of the code under test.
 */
final class RandomChanges {

    private RandomChanges() {}

    /** A column type: its SQL, whether it may be part of a key, and a generator of literals. */
    record Type(String sql, boolean keyable, Function<SplittableRandom, String> literal) {}

    /** A column of a random table. */
    record Col(String name, Type type, boolean nullable, String extra) {
        String definition() {
            String nullability = extra.contains(" AS (") ? "" : nullable ? " NULL" : " NOT NULL";
            return "`" + name.replace("`", "``") + "` " + type.sql() + nullability + extra;
        }
    }

    /** A random table: its columns (generated ones excluded from writes), key columns, and whether the first is an int id. */
    record Shape(String name, List<Col> columns, List<Col> key, boolean intId, String ddl) {
        List<Col> writable() {
            return columns.stream().filter(c -> !c.extra().contains(" AS (")).toList();
        }
    }

    private static final String[] PIECES = {
        "a", "A", "b", "é", "É", "z", " ", "'", "\\", "\"", "%", "_", "😀", "中", "ß", "\u0000", "0", ",", "\n"
    };
    private static final String[] LATIN1 = {"a", "A", "é", "É", "ÿ", " ", "'", "\\", "x", "\u0000", ","};

    static final List<Type> TYPES = List.of(
            new Type(
                    "INT",
                    true,
                    r -> pick(
                            r, "0", "1", "-1", "2147483647", "-2147483648", Integer.toString(r.nextInt(-1000, 1000)))),
            new Type(
                    "INT UNSIGNED",
                    true,
                    r -> pick(r, "0", "4294967295", "2147483648", Long.toString(r.nextLong(0, 4294967296L)))),
            new Type(
                    "BIGINT",
                    true,
                    r -> pick(r, "-9223372036854775808", "9223372036854775807", Long.toString(r.nextLong()))),
            new Type(
                    "BIGINT UNSIGNED",
                    true,
                    r -> pick(
                            r,
                            "0",
                            "18446744073709551615",
                            "9223372036854775808",
                            Long.toUnsignedString(r.nextLong()))),
            new Type("TINYINT", true, r -> Integer.toString(r.nextInt(-128, 128))),
            new Type("TINYINT UNSIGNED", true, r -> Integer.toString(r.nextInt(0, 256))),
            new Type("SMALLINT", false, r -> Integer.toString(r.nextInt(-32768, 32768))),
            new Type(
                    "MEDIUMINT UNSIGNED", true, r -> pick(r, "16777215", "0", Integer.toString(r.nextInt(0, 1 << 24)))),
            new Type(
                    "MEDIUMINT",
                    false,
                    r -> pick(r, "-8388608", "8388607", Integer.toString(r.nextInt(-(1 << 23), 1 << 23)))),
            new Type("DECIMAL(65,30)", true, r -> decimal(r, 35, 30)),
            new Type("DECIMAL(10,2)", false, r -> decimal(r, 8, 2)),
            new Type("FLOAT", false, RandomChanges::randomFloat),
            new Type("DOUBLE", false, RandomChanges::randomDouble),
            new Type("BIT(1)", false, r -> Integer.toString(r.nextInt(2))),
            new Type("BIT(13)", false, r -> Integer.toString(r.nextInt(1 << 13))),
            new Type(
                    "BIT(64)",
                    false,
                    r -> pick(r, "18446744073709551615", "9223372036854775808", Long.toUnsignedString(r.nextLong()))),
            new Type(
                    "CHAR(5) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
                    true,
                    r -> text(r, 5, StandardCharsets.UTF_8, PIECES)),
            new Type(
                    "VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
                    true,
                    r -> text(r, 20, StandardCharsets.UTF_8, PIECES)),
            new Type(
                    "VARCHAR(12) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci",
                    false,
                    r -> text(r, 12, StandardCharsets.UTF_8, PIECES)),
            new Type("VARCHAR(12) CHARACTER SET latin1", false, r -> text(r, 12, StandardCharsets.ISO_8859_1, LATIN1)),
            new Type(
                    "TEXT CHARACTER SET utf8mb4",
                    false,
                    r -> text(r, r.nextInt(4) == 0 ? 2000 : 30, StandardCharsets.UTF_8, PIECES)),
            new Type("MEDIUMBLOB", false, r -> bytes(r, r.nextInt(8) == 0 ? 70000 : 40)),
            new Type("BINARY(4)", true, r -> bytes(r, 4)),
            new Type("VARBINARY(10)", true, r -> bytes(r, 10)),
            new Type("ENUM('a','b,c','it''s','é')", true, r -> pick(r, "'a'", "'b,c'", "'it''s'", "_utf8mb4 X'C3A9'")),
            new Type("SET('x','y','it''s')", false, r -> pick(r, "''", "'x'", "'y,x'", "'it''s,x,y'", "'y'")),
            new Type(
                    "JSON",
                    false,
                    r -> pick(
                            r,
                            "'null'",
                            "'{\"a\": [1, 2.50, null], \"b\": \"x\"}'",
                            "'[]'",
                            "'1e3'",
                            "'\"\\\\u00e9\"'")),
            new Type(
                    "DATE",
                    true,
                    r -> pick(
                            r,
                            "'0000-00-00'",
                            "'2020-00-15'",
                            "'1000-01-01'",
                            "'9999-12-31'",
                            "'1582-10-10'",
                            date(r))),
            new Type(
                    "DATETIME",
                    false,
                    r -> pick(
                            r,
                            "'0000-00-00 00:00:00'",
                            "'" + date(r).replace("'", "") + " 23:59:59'",
                            "'1582-10-04 12:00:00'")),
            new Type(
                    "DATETIME(6)",
                    true,
                    r -> "'" + date(r).replace("'", "")
                            + String.format(
                                    " %02d:%02d:%02d.%06d'",
                                    r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000))),
            new Type(
                    "DATETIME(2)",
                    false,
                    r -> "'" + date(r).replace("'", "")
                            + String.format(" %02d:00:00.%02d'", r.nextInt(24), r.nextInt(100))),
            new Type(
                    "TIMESTAMP(3)",
                    false,
                    r -> pick(
                            r,
                            "'0000-00-00 00:00:00'",
                            "FROM_UNIXTIME(" + r.nextLong(1, 2147483647L) + "." + String.format("%03d", r.nextInt(1000))
                                    + ")")),
            new Type(
                    "TIME",
                    false,
                    r -> pick(
                            r,
                            "'-838:59:59'",
                            "'838:59:59'",
                            "'00:00:00'",
                            String.format(
                                    "'%s%d:%02d:%02d'",
                                    r.nextBoolean() ? "-" : "", r.nextInt(839), r.nextInt(60), r.nextInt(60)))),
            new Type(
                    "TIME(6)",
                    false,
                    r -> pick(
                            r,
                            "'-838:59:58.999999'",
                            "'-00:00:00.000001'",
                            String.format(
                                    "'%s%d:%02d:%02d.%06d'",
                                    r.nextBoolean() ? "-" : "",
                                    r.nextInt(838),
                                    r.nextInt(60),
                                    r.nextInt(60),
                                    r.nextInt(1_000_000)))),
            new Type("YEAR", true, r -> pick(r, "'0000'", "1901", "2155", Integer.toString(r.nextInt(1901, 2156)))));

    static String pick(SplittableRandom r, String... choices) {
        return choices[r.nextInt(choices.length)];
    }

    private static String decimal(SplittableRandom r, int integerDigits, int scale) {
        StringBuilder s = new StringBuilder(r.nextBoolean() ? "-" : "");
        int digits = r.nextInt(1, integerDigits + 1);
        for (int i = 0; i < digits; i++) {
            s.append(r.nextInt(10));
        }
        s.append('.');
        for (int i = 0; i < scale; i++) {
            s.append(r.nextInt(10));
        }
        return new java.math.BigDecimal(s.toString()).toPlainString();
    }

    private static String randomFloat(SplittableRandom r) {
        float f = switch (r.nextInt(6)) {
            case 0 -> 0f;
            case 1 -> -0f;
            case 2 -> Float.MAX_VALUE;
            case 3 -> -Float.MIN_NORMAL;
            case 4 -> 1.1f;
            default -> {
                float v;
                do {
                    v = Float.intBitsToFloat(r.nextInt());
                } while (!Float.isFinite(v) || Math.abs(v) < Float.MIN_NORMAL && v != 0);
                yield v;
            }
        };
        return e(Double.toString(f));
    }

    private static String randomDouble(SplittableRandom r) {
        double d = switch (r.nextInt(6)) {
            case 0 -> 0.1;
            case 1 -> -0.0;
            case 2 -> Double.MAX_VALUE;
            case 3 -> -Double.MIN_NORMAL;
            case 4 -> 1.0 / 3;
            default -> {
                double v;
                do {
                    v = Double.longBitsToDouble(r.nextLong());
                } while (!Double.isFinite(v) || Math.abs(v) < Double.MIN_NORMAL && v != 0);
                yield v;
            }
        };
        return e(Double.toString(d));
    }

    private static String e(String text) {
        return text.contains("E") ? text : text + "E0";
    }

    private static String text(SplittableRandom r, int maxChars, Charset charset, String[] pieces) {
        int length = r.nextInt(maxChars + 1);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(pieces[r.nextInt(pieces.length)]);
        }
        if (r.nextInt(10) == 0) {
            return "''";
        }
        return "X'" + HexFormat.of().formatHex(s.toString().getBytes(charset)) + "'";
    }

    private static String bytes(SplittableRandom r, int max) {
        byte[] bytes = new byte[r.nextInt(max + 1)];
        r.nextBytes(bytes);
        if (bytes.length > 0 && r.nextBoolean()) {
            bytes[bytes.length - 1] = 0; // trailing zero bytes: BINARY padding
        }
        return bytes.length == 0 ? "X''" : "X'" + HexFormat.of().formatHex(bytes) + "'";
    }

    private static String date(SplittableRandom r) {
        return String.format("'%04d-%02d-%02d'", r.nextInt(1000, 10000), r.nextInt(1, 13), r.nextInt(1, 29));
    }

    /** A random table named {@code name}, derived from {@code r} only. */
    static Shape table(String name, SplittableRandom r) {
        List<Col> columns = new ArrayList<>();
        List<Col> key = new ArrayList<>();
        int keyKind = r.nextInt(5);
        boolean intId = keyKind == 0 || keyKind == 4;
        if (intId) {
            Col id = new Col("id", TYPES.get(0), false, r.nextInt(3) == 0 ? " AUTO_INCREMENT" : "");
            columns.add(id);
            key.add(id);
        }
        int extra = r.nextInt(2, 7);
        List<Type> keyable = TYPES.stream().filter(Type::keyable).toList();
        for (int i = 0; i < extra; i++) {
            boolean inKey = (keyKind == 1 && i < 2) || (keyKind == 2 && i == 0);
            Type type = inKey ? keyable.get(r.nextInt(keyable.size())) : TYPES.get(r.nextInt(TYPES.size()));
            boolean nullable = !inKey && r.nextInt(3) > 0;
            // MariaDB: an invisible column needs a default; NULL is one.
            String invisible = nullable && r.nextInt(8) == 0 ? " INVISIBLE" : "";
            Col col = new Col("c" + i + (r.nextInt(8) == 0 ? "`x y" : ""), type, nullable, invisible);
            columns.add(col);
            if (inKey) {
                key.add(col);
            }
        }
        // A generated column may not read an AUTO_INCREMENT one.
        if (intId && columns.get(0).extra().isEmpty() && r.nextInt(3) == 0) {
            columns.add(new Col(
                    "g",
                    new Type("BIGINT", false, x -> "0"),
                    true,
                    " AS (`id` * 2) " + pick(r, "VIRTUAL", "PERSISTENT")));
        }
        StringBuilder ddl = new StringBuilder("CREATE TABLE `" + name + "` (");
        for (int i = 0; i < columns.size(); i++) {
            ddl.append(i == 0 ? "" : ", ").append(columns.get(i).definition());
        }
        List<String> keyNames =
                key.stream().map(c -> "`" + c.name().replace("`", "``") + "`").toList();
        switch (keyKind) {
            case 0, 1 ->
                ddl.append(", PRIMARY KEY (")
                        .append(String.join(", ", keyNames))
                        .append(")");
            case 2 ->
                ddl.append(", UNIQUE KEY uk (")
                        .append(String.join(", ", keyNames))
                        .append(")");
            case 4 -> {
                ddl.append(", PRIMARY KEY (`id`)");
                Col second = columns.get(1);
                if (second.type().keyable() && !second.nullable()) {
                    ddl.append(", UNIQUE KEY uk2 (`")
                            .append(second.name().replace("`", "``"))
                            .append("`)");
                }
            }
            default -> {
                // no key: rows are matched by all their values
            }
        }
        ddl.append(") ENGINE=InnoDB CHARACTER SET utf8mb4");
        return new Shape(name, columns, key, intId, ddl.toString());
    }

    static String q(Col col) {
        return "`" + col.name().replace("`", "``") + "`";
    }

    static String q(Shape shape) {
        return "`" + shape.name() + "`";
    }

    /** INSERT IGNORE of 1..max random rows (ids from {@code nextId} when the table has an int id). */
    static String insert(Shape t, SplittableRandom r, int max, long[] nextId) {
        List<Col> cols = t.writable();
        StringBuilder sql = new StringBuilder("INSERT IGNORE INTO " + q(t) + " (");
        for (int i = 0; i < cols.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(q(cols.get(i)));
        }
        sql.append(") VALUES ");
        int rows = r.nextInt(1, max + 1);
        // Duplicate rows on purpose in tables without a key.
        String previous = null;
        for (int row = 0; row < rows; row++) {
            String values;
            if (previous != null && t.key().isEmpty() && r.nextInt(4) == 0) {
                values = previous;
            } else {
                StringBuilder v = new StringBuilder("(");
                for (int i = 0; i < cols.size(); i++) {
                    v.append(i == 0 ? "" : ", ").append(value(t, cols.get(i), r, nextId));
                }
                values = v.append(")").toString();
            }
            sql.append(row == 0 ? "" : ", ").append(values);
            previous = values;
        }
        return sql.toString();
    }

    static String value(Shape t, Col col, SplittableRandom r, long[] nextId) {
        if (t.intId() && col.name().equals("id")) {
            return Long.toString(nextId[0]++);
        }
        if (col.nullable() && r.nextInt(5) == 0) {
            return "NULL";
        }
        return col.type().literal().apply(r);
    }

    /** One random data-change statement on {@code t} (and sometimes {@code u}). */
    static String statement(Shape t, Shape u, SplittableRandom r, long[] nextId) {
        List<Col> cols = t.writable();
        Col col = cols.get(r.nextInt(cols.size()));
        switch (r.nextInt(11)) {
            case 0, 1 -> {
                return insert(t, r, 5, nextId);
            }
            case 2, 3 -> {
                Col other = cols.get(r.nextInt(cols.size()));
                String set = q(col) + " = " + value(t, col, r, nextId);
                if (other != col && !(t.intId() && other.name().equals("id"))) {
                    set += ", " + q(other) + " = " + value(t, other, r, nextId);
                }
                if (t.intId() && col.name().equals("id")) {
                    set = q(col) + " = " + nextId[0]++;
                }
                return "UPDATE IGNORE " + q(t) + " SET " + set + " LIMIT " + r.nextInt(1, 6);
            }
            case 4 -> {
                return "DELETE FROM " + q(t) + " LIMIT " + r.nextInt(1, 4);
            }
            case 5 -> {
                // Key shift: row order inside the statement matters.
                if (t.intId()) {
                    return "UPDATE " + q(t) + " SET `id` = `id` + 1 ORDER BY `id` DESC";
                }
                return "UPDATE IGNORE " + q(t) + " SET " + q(col) + " = " + q(col) + " LIMIT 3";
            }
            case 6, 7 -> {
                if (!t.intId()) {
                    return "DELETE FROM " + q(t) + " WHERE " + q(col) + " IS NULL LIMIT 2";
                }
                // REPLACE (delete + insert of the same key) or INSERT ... ON DUPLICATE KEY UPDATE of existing rows.
                StringBuilder names = new StringBuilder();
                StringBuilder values = new StringBuilder();
                for (Col c : cols) {
                    names.append(names.length() == 0 ? "" : ", ").append(q(c));
                    values.append(values.length() == 0 ? "" : ", ")
                            .append(c == col && !c.name().equals("id") ? value(t, c, r, nextId) : q(c));
                }
                String select = " (" + names + ") SELECT " + values + " FROM " + q(t) + " ORDER BY `id` DESC LIMIT 2";
                if (r.nextBoolean()) {
                    return "REPLACE INTO " + q(t) + select;
                }
                return "INSERT INTO " + q(t) + select + " ON DUPLICATE KEY UPDATE " + q(col) + " = VALUES(" + q(col)
                        + ")";
            }
            case 8 -> {
                if (u != null) {
                    List<Col> ucols = u.writable();
                    Col ucol = ucols.get(r.nextInt(ucols.size()));
                    if (!(u.intId() && ucol.name().equals("id"))
                            && !(t.intId() && col.name().equals("id"))) {
                        return "UPDATE IGNORE " + q(t) + " AS a, " + q(u) + " AS b SET a." + q(col) + " = "
                                + value(t, col, r, nextId) + ", b." + q(ucol) + " = " + value(u, ucol, r, nextId);
                    }
                }
                return insert(t, r, 3, nextId);
            }
            case 9 -> {
                return "DELETE FROM " + q(t) + " ORDER BY " + q(col) + " DESC LIMIT " + r.nextInt(1, 3);
            }
            default -> {
                if (u != null) {
                    return "DELETE a FROM " + q(t) + " AS a JOIN " + q(u) + " AS b WHERE a." + q(col) + " IS NULL";
                }
                return "UPDATE " + q(t) + " SET " + q(col) + " = " + q(col);
            }
        }
    }
}
