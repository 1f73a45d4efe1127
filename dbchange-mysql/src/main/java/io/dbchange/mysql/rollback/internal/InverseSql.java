package io.dbchange.mysql.rollback.internal;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.Table;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns one row change of the binary log into the statement that undoes it, with every value as an exact literal.
 *
 * <p>Inverse statements: an inserted row is deleted, a deleted row is inserted again, an updated row is updated back
 * to its before image. Every {@code DELETE} and {@code UPDATE} finds its row by the after image, all of it: the key
 * columns with {@code =} (so an index is used) and every other stored column with null-safe {@code <=>}, strings and
 * binary values compared byte for byte; {@code LIMIT 1} keeps a table without a key to one of several identical
 * rows. So a statement matches nothing, and the verified apply refuses, when someone changed the row after the
 * change.
 *
 * <p>Type mapping (binlog value -> literal): integers are signed in the log and reinterpreted for {@code UNSIGNED}
 * columns; {@code DECIMAL} is the plain decimal text; {@code FLOAT}/{@code DOUBLE} the shortest text that reads back
 * to the same double, in E notation (so it is a double, never a decimal, literal; {@code -0.0E0} keeps its sign;
 * a zero is matched with its sign, which {@code <=>} ignores);
 * {@code BIT} the unsigned number; strings, {@code BINARY}, {@code BLOB} and MariaDB JSON the bytes as a hex literal,
 * which the server takes as bytes in the column's own character set (no escaping, immune to {@code
 * NO_BACKSLASH_ESCAPES}; {@code BINARY(n)} padded with zero bytes to n); {@code ENUM}/{@code SET} the label(s) as a
 * utf8mb4 hex literal; MySQL binary JSON its text cast to {@code JSON}; temporal values the text MySQL prints
 * ({@code TIMESTAMP} in UTC, which {@link io.dbchange.mysql.rollback.RollbackScript#SESSION_SETTINGS} selects);
 * {@code YEAR} 0 as {@code '0000'}. Generated columns are left out. Identifiers are quoted with backticks doubled.
 */
final class InverseSql {

    private final SchemaSnapshot snapshot;
    private final String database;
    private final Map<Long, Mapped> byTableId = new HashMap<>();
    /** The table of the previous row: consecutive rows almost always belong to the same table map event. */
    private Mapped last;

    private StringBuilder sql = new StringBuilder(256);

    /** Scratch buffers of an UPDATE's before and after literals, and where each column's literal ends. */
    private final StringBuilder beforeText = new StringBuilder(256);

    private final StringBuilder afterText = new StringBuilder(256);
    private int[][] endsScratch = new int[2][0];
    /** While matching an UPDATE's row: the ends of the after literals already in {@link #afterText}. */
    private int[] renderedAfter;

    private int[] ends(int columns, int which) {
        if (endsScratch[which].length < columns) {
            endsScratch[which] = new int[columns];
        }
        return endsScratch[which];
    }

    private boolean sameRegion(int i, int[] beforeEnds, int[] afterEnds) {
        int b0 = i == 0 ? 0 : beforeEnds[i - 1];
        int a0 = i == 0 ? 0 : afterEnds[i - 1];
        int length = beforeEnds[i] - b0;
        if (length != afterEnds[i] - a0) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (beforeText.charAt(b0 + k) != afterText.charAt(a0 + k)) {
                return false;
            }
        }
        return true;
    }

    private record Mapped(TableMapEventData map, TableShape shape, String quotedName, boolean[] mysqlJson) {}

    InverseSql(SchemaSnapshot snapshot, String database) {
        this.snapshot = snapshot;
        this.database = database;
    }

    /**
     * The statement undoing the change, or {@code null} when the change changed nothing (an update to equal values).
     * The result is a buffer this object reuses: consume it before the next call.
     */
    CharSequence invert(TableMapEventData map, Serializable[] before, Serializable[] after) {
        Mapped table = mapped(map);
        sql.setLength(0);
        if (before == null) {
            sql.append("DELETE FROM ").append(table.quotedName).append(" WHERE ");
            match(table, after);
            sql.append(" LIMIT 1;");
        } else if (after == null) {
            insert(table, before);
        } else {
            // Each column's before and after literal is rendered once, into two scratch buffers; the SET list
            // holds the columns whose literals differ (plus ON UPDATE columns), the WHERE clause all after values.
            int columns = table.shape.columns().size();
            StringBuilder target = sql;
            int[] beforeEnds = ends(columns, 0);
            int[] afterEnds = ends(columns, 1);
            beforeText.setLength(0);
            afterText.setLength(0);
            boolean changed = false;
            for (int i = 0; i < columns; i++) {
                if (table.shape.columns().get(i).generated()) {
                    beforeEnds[i] = beforeText.length();
                    afterEnds[i] = afterText.length();
                    continue;
                }
                sql = beforeText;
                literal(table, i, before[i]);
                beforeEnds[i] = beforeText.length();
                sql = afterText;
                literal(table, i, after[i]);
                afterEnds[i] = afterText.length();
                changed |= !sameRegion(i, beforeEnds, afterEnds);
            }
            sql = target;
            if (!changed) {
                return null;
            }
            sql.append("UPDATE ").append(table.quotedName).append(" SET ");
            boolean any = false;
            for (int i = 0; i < columns; i++) {
                ColumnShape column = table.shape.columns().get(i);
                if (column.generated() || (sameRegion(i, beforeEnds, afterEnds) && !column.onUpdate())) {
                    continue;
                }
                if (any) {
                    sql.append(", ");
                }
                any = true;
                quote(sql, column.name()).append(" = ");
                sql.append(beforeText, i == 0 ? 0 : beforeEnds[i - 1], beforeEnds[i]);
            }
            sql.append(" WHERE ");
            renderedAfter = afterEnds;
            match(table, after);
            renderedAfter = null;
            sql.append(" LIMIT 1;");
        }
        return sql;
    }

    private void insert(Mapped table, Serializable[] row) {
        sql.append("INSERT INTO ").append(table.quotedName).append(" (");
        boolean first = true;
        for (ColumnShape column : table.shape.columns()) {
            if (!column.generated()) {
                if (!first) {
                    sql.append(", ");
                }
                quote(sql, column.name());
                first = false;
            }
        }
        sql.append(") VALUES (");
        first = true;
        for (int i = 0; i < table.shape.columns().size(); i++) {
            if (!table.shape.columns().get(i).generated()) {
                if (!first) {
                    sql.append(", ");
                }
                literal(table, i, row[i]);
                first = false;
            }
        }
        sql.append(");");
    }

    private void match(Mapped table, Serializable[] row) {
        boolean first = true;
        for (int k : table.shape.key()) {
            ColumnShape column = table.shape.columns().get(k);
            if (!first) {
                sql.append(" AND ");
            }
            first = false;
            quote(sql, column.name()).append(" = ");
            literal(table, k, row[k]);
            if (column.kind() == ColumnShape.Kind.BYTES && !table.mysqlJson[k]) {
                // '=' compares by the column's collation ('a' = 'A', 'a' = 'a '); the bytes must be equal too.
                sql.append(" AND CAST(");
                quote(sql, column.name()).append(" AS BINARY) = ");
                literal(table, k, row[k]);
            }
        }
        for (int i = 0; i < table.shape.columns().size(); i++) {
            ColumnShape column = table.shape.columns().get(i);
            if (column.generated() || table.shape.isKey(i)) {
                continue;
            }
            if (!first) {
                sql.append(" AND ");
            }
            first = false;
            if (column.kind() == ColumnShape.Kind.BYTES && !table.mysqlJson[i]) {
                sql.append("CAST(");
                quote(sql, column.name()).append(" AS BINARY)");
            } else {
                quote(sql, column.name());
            }
            sql.append(" <=> ");
            literal(table, i, row[i]);
            if ((column.kind() == ColumnShape.Kind.FLOAT || column.kind() == ColumnShape.Kind.DOUBLE)
                    && row[i] != null
                    && ((Number) row[i]).doubleValue() == 0) {
                // 0.0 <=> -0.0 holds, yet they are different values (and rows); ATAN2(z, -1) is pi for +0 and -pi
                // for -0, the one comparison that sees a zero's sign.
                sql.append(" AND ATAN2(");
                quote(sql, column.name()).append(", -1) ");
                sql.append(1 / ((Number) row[i]).doubleValue() < 0 ? "< 0" : "> 0");
            }
        }
        if (first) {
            sql.append("TRUE");
        }
    }

    private Mapped mapped(TableMapEventData map) {
        if (last != null && last.map == map) {
            return last;
        }
        Mapped mapped = byTableId.get(map.getTableId());
        if (mapped != null && mapped.map == map) {
            last = mapped;
            return mapped;
        }
        if (!database.equals(map.getDatabase())) {
            throw Errors.unsupported("the change wrote rows of `" + map.getDatabase() + "`.`" + map.getTable()
                    + "`, outside the captured database `" + database + "`; run changes to other databases as"
                    + " their own change");
        }
        Schema schema = snapshot.schemas().get(0);
        Table table = schema.table(map.getTable())
                .orElseThrow(() -> Errors.unsupported("table `" + map.getTable() + "` is not in the schema snapshot"
                        + " recorded when the change ran (created by the change?); rollback covers tables that"
                        + " existed before the change"));
        TableShape shape = TableShape.of(table);
        if (shape.columns().size() != map.getColumnTypes().length) {
            throw Errors.unsupported(
                    "table `" + table.name() + "` had " + shape.columns().size()
                            + " columns when the change ran but its binlog rows have " + map.getColumnTypes().length
                            + "; was it altered during the change?");
        }
        boolean[] mysqlJson = new boolean[shape.columns().size()];
        for (int i = 0; i < mysqlJson.length; i++) {
            mysqlJson[i] = (map.getColumnTypes()[i] & 0xFF) == ColumnType.JSON.getCode();
            if (shape.columns().get(i).name().indexOf('\n') >= 0
                    || shape.columns().get(i).name().indexOf('\r') >= 0) {
                throw Errors.unsupported("column `" + table.name() + "`.`"
                        + shape.columns().get(i).name()
                        + "` has a line break in its name; rollback scripts hold one statement a line");
            }
        }
        if (table.name().indexOf('\n') >= 0 || table.name().indexOf('\r') >= 0) {
            throw Errors.unsupported("table `" + table.name() + "` has a line break in its name; rollback scripts"
                    + " hold one statement a line");
        }
        mapped = new Mapped(map, shape, quote(new StringBuilder(), table.name()).toString(), mysqlJson);
        byTableId.put(map.getTableId(), mapped);
        last = mapped;
        return mapped;
    }

    static StringBuilder quote(StringBuilder out, String identifier) {
        out.append('`');
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (c == '`') {
                out.append('`');
            }
            out.append(c);
        }
        return out.append('`');
    }

    private void literal(Mapped table, int index, Serializable value) {
        if (renderedAfter != null) {
            sql.append(afterText, index == 0 ? 0 : renderedAfter[index - 1], renderedAfter[index]);
            return;
        }
        if (value == null) {
            sql.append("NULL");
            return;
        }
        ColumnShape column = table.shape.columns().get(index);
        switch (column.kind()) {
            case INTEGER -> integer(column, value);
            case DECIMAL -> sql.append(((BigDecimal) value).toPlainString());
            case FLOAT -> floating(((Number) value).floatValue());
            case DOUBLE -> floating(((Number) value).doubleValue());
            case BIT -> {
                long[] words = ((BitSet) value).toLongArray();
                sql.append(Long.toUnsignedString(words.length == 0 ? 0 : words[0]));
            }
            case BYTES -> {
                byte[] bytes = (byte[]) value;
                if (column.padLength() > bytes.length) {
                    byte[] padded = new byte[column.padLength()];
                    System.arraycopy(bytes, 0, padded, 0, bytes.length);
                    bytes = padded;
                }
                if (table.mysqlJson[index]) {
                    json(bytes);
                } else {
                    hex(bytes);
                }
            }
            case JSON -> {
                if (table.mysqlJson[index]) {
                    json((byte[]) value);
                } else {
                    hex((byte[]) value);
                }
            }
            case ENUM -> {
                int ordinal = ((Number) value).intValue();
                if (ordinal == 0) {
                    sql.append("''");
                } else {
                    label(column.labels().get(ordinal - 1));
                }
            }
            case SET -> {
                long bits = ((Number) value).longValue();
                StringBuilder labels = new StringBuilder();
                for (int i = 0; i < column.labels().size(); i++) {
                    if ((bits & (1L << i)) != 0) {
                        if (labels.length() > 0) {
                            labels.append(',');
                        }
                        labels.append(column.labels().get(i));
                    }
                }
                label(labels.toString());
            }
            case TEMPORAL ->
                sql.append('\'').append(((ExactValues.Temporal) value).text()).append('\'');
            case YEAR -> {
                int year = ((Number) value).intValue();
                sql.append(year == 0 ? "'0000'" : Integer.toString(year));
            }
            default -> throw new IllegalStateException("unhandled kind " + column.kind());
        }
    }

    private void integer(ColumnShape column, Serializable value) {
        long v = ((Number) value).longValue();
        if (!column.unsigned()) {
            sql.append(v);
            return;
        }
        switch (column.bits()) {
            case 8 -> sql.append(v & 0xFFL);
            case 16 -> sql.append(v & 0xFFFFL);
            case 24 -> sql.append(v & 0xFFFFFFL);
            case 32 -> sql.append(v & 0xFFFFFFFFL);
            default -> sql.append(Long.toUnsignedString(v));
        }
    }

    private void floating(double value) {
        String text = Double.toString(value);
        sql.append(text);
        if (text.indexOf('E') < 0) {
            sql.append("E0");
        }
    }

    private void label(String label) {
        if (label.isEmpty()) {
            sql.append("''");
            return;
        }
        sql.append("_utf8mb4 ");
        hex(label.getBytes(StandardCharsets.UTF_8));
    }

    private void json(byte[] binary) {
        String text;
        try {
            text = JsonBinary.parseAsString(binary);
        } catch (IOException e) {
            throw Errors.unsupported("cannot decode a binary JSON value: " + e.getMessage());
        }
        sql.append("CAST(_utf8mb4 ");
        hex(text.getBytes(StandardCharsets.UTF_8));
        sql.append(" AS JSON)");
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private char[] hexScratch = new char[256];

    private void hex(byte[] bytes) {
        int n = bytes.length * 2 + 3;
        if (hexScratch.length < n) {
            hexScratch = new char[Math.max(n, hexScratch.length * 2)];
        }
        char[] out = hexScratch;
        out[0] = 'X';
        out[1] = '\'';
        int at = 2;
        for (byte b : bytes) {
            out[at++] = HEX[(b >> 4) & 0xF];
            out[at++] = HEX[b & 0xF];
        }
        out[at++] = '\'';
        sql.append(out, 0, at);
    }
}
