package io.dbchange.mysql.rollback.internal;

import io.dbchange.api.schema.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What rendering a binlog value of one column as an exact SQL literal needs, derived from the column's type text in
 * the schema snapshot recorded when the change ran.
 *
 * @param name the column name
 * @param kind how its binlog values are decoded and rendered
 * @param unsigned whether an integer column is {@code UNSIGNED} (the binlog carries integers signed)
 * @param bits the width of an integer (8, 16, 24, 32, 64) or {@code BIT(n)} column
 * @param padLength for {@code BINARY(n)}, n: the binlog may carry the value without its trailing zero bytes
 * @param labels the labels of an {@code ENUM} or {@code SET}, in declaration order
 * @param generated whether it is a generated column (left out of inverse statements)
 * @param onUpdate whether it has {@code ON UPDATE CURRENT_TIMESTAMP} (always set explicitly when rolling back)
 */
record ColumnShape(
        String name,
        Kind kind,
        boolean unsigned,
        int bits,
        int padLength,
        List<String> labels,
        boolean generated,
        boolean onUpdate) {

    enum Kind {
        INTEGER,
        DECIMAL,
        FLOAT,
        DOUBLE,
        BIT,
        BYTES,
        ENUM,
        SET,
        JSON,
        TEMPORAL,
        YEAR
    }

    static ColumnShape of(String table, Column column) {
        String type = column.type().toLowerCase(Locale.ROOT).strip();
        int paren = type.indexOf('(');
        int space = type.indexOf(' ');
        int end = paren >= 0 && (space < 0 || paren < space) ? paren : space >= 0 ? space : type.length();
        String base = type.substring(0, end);
        boolean unsigned = type.contains(" unsigned");
        boolean generated = column.generated().isPresent();
        boolean onUpdate = column.onUpdate().isPresent();
        Kind kind;
        int bits = 0;
        int pad = 0;
        List<String> labels = List.of();
        switch (base) {
            case "tinyint", "bool", "boolean" -> {
                kind = Kind.INTEGER;
                bits = 8;
            }
            case "smallint" -> {
                kind = Kind.INTEGER;
                bits = 16;
            }
            case "mediumint" -> {
                kind = Kind.INTEGER;
                bits = 24;
            }
            case "int", "integer" -> {
                kind = Kind.INTEGER;
                bits = 32;
            }
            case "bigint" -> {
                kind = Kind.INTEGER;
                bits = 64;
            }
            case "decimal", "numeric", "dec", "fixed" -> kind = Kind.DECIMAL;
            case "float" -> kind = type.matches("float\\(\\d+\\).*") && precision(type) > 24 ? Kind.DOUBLE : Kind.FLOAT;
            case "double", "real" -> kind = Kind.DOUBLE;
            case "bit" -> {
                kind = Kind.BIT;
                bits = paren >= 0 ? precision(type) : 1;
            }
            case "binary" -> {
                kind = Kind.BYTES;
                pad = paren >= 0 ? precision(type) : 1;
            }
            case "char",
                    "varchar",
                    "varbinary",
                    "tinytext",
                    "text",
                    "mediumtext",
                    "longtext",
                    "tinyblob",
                    "blob",
                    "mediumblob",
                    "longblob" -> kind = Kind.BYTES;
            case "enum" -> {
                kind = Kind.ENUM;
                labels = labels(column.type());
            }
            case "set" -> {
                kind = Kind.SET;
                labels = labels(column.type());
            }
            case "json" -> kind = Kind.JSON;
            case "date", "time", "datetime", "timestamp" -> kind = Kind.TEMPORAL;
            case "year" -> kind = Kind.YEAR;
            default ->
                throw Errors.unsupported("column `" + table + "`.`" + column.name() + "` has type "
                        + column.type() + ", which binlog rollback does not render exactly; leave the column unchanged"
                        + " by the change or run it without rollback");
        }
        return new ColumnShape(column.name(), kind, unsigned, bits, pad, labels, generated, onUpdate);
    }

    private static int precision(String type) {
        int open = type.indexOf('(');
        int close = type.indexOf(')', open);
        String inside = type.substring(open + 1, close);
        int comma = inside.indexOf(',');
        return Integer.parseInt((comma >= 0 ? inside.substring(0, comma) : inside).strip());
    }

    /** The labels of {@code enum('a','b''c')} or {@code set(...)}, unquoted ({@code ''} is one quote). */
    static List<String> labels(String type) {
        List<String> labels = new ArrayList<>();
        int i = type.indexOf('(') + 1;
        StringBuilder label = null;
        while (i < type.length()) {
            char c = type.charAt(i);
            if (label == null) {
                if (c == '\'') {
                    label = new StringBuilder();
                } else if (c == ')') {
                    break;
                }
                i++;
            } else if (c == '\'' && i + 1 < type.length() && type.charAt(i + 1) == '\'') {
                label.append('\'');
                i += 2;
            } else if (c == '\'') {
                labels.add(label.toString());
                label = null;
                i++;
            } else {
                label.append(c);
                i++;
            }
        }
        return List.copyOf(labels);
    }
}
