package io.dbchange.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random MySQL/MariaDB schemas for property tests: tables with random column types, defaults, indexes and FKs. */
final class RandomMySqlSchema {

    private static final String[] INTEGER_TYPES = {"TINYINT", "SMALLINT", "MEDIUMINT", "INT", "BIGINT"};
    private static final String[] OTHER_TYPES = {
        "VARCHAR(%d)",
        "CHAR(%d)",
        "DECIMAL(%d,2)",
        "DOUBLE",
        "FLOAT",
        "DATE",
        "DATETIME",
        "TIMESTAMP NULL",
        "TEXT",
        "BLOB",
        "ENUM('a','B','c d')",
        "TIME",
        "VARBINARY(%d)",
        "BIT(%d)"
    };

    private RandomMySqlSchema() {}

    static String generate(SplittableRandom random) {
        StringBuilder script = new StringBuilder();
        int tableCount = 1 + random.nextInt(5);
        List<String> tablesWithIntKey = new ArrayList<>();
        List<String> checkable = new ArrayList<>();
        for (int t = 0; t < tableCount; t++) {
            String table = "t" + t;
            List<String> lines = new ArrayList<>();
            List<String> indexable = new ArrayList<>();
            String keyType = INTEGER_TYPES[random.nextInt(INTEGER_TYPES.length)]
                    + (random.nextBoolean() ? "(" + (1 + random.nextInt(11)) + ")" : "")
                    + (random.nextBoolean() ? " UNSIGNED" : "");
            boolean autoIncrement = random.nextBoolean();
            lines.add("id " + keyType + " NOT NULL" + (autoIncrement ? " AUTO_INCREMENT" : ""));
            if (!autoIncrement) {
                // MariaDB refuses a check on an AUTO_INCREMENT column.
                checkable.add(table);
            }
            int columns = 1 + random.nextInt(8);
            for (int c = 0; c < columns; c++) {
                String column = "c" + c;
                String type = random.nextInt(3) == 0
                        ? INTEGER_TYPES[random.nextInt(INTEGER_TYPES.length)]
                        : OTHER_TYPES[random.nextInt(OTHER_TYPES.length)].formatted(1 + random.nextInt(30));
                boolean nullable = random.nextBoolean();
                String line = column + " " + type + (nullable ? "" : " NOT NULL");
                if (random.nextInt(3) == 0) {
                    line += defaultFor(type, nullable, random);
                }
                if (random.nextInt(6) == 0) {
                    line += " COMMENT 'col ''" + c + "'''";
                }
                lines.add(line);
                if (!type.equals("TEXT") && !type.equals("BLOB")) {
                    indexable.add(column);
                }
            }
            lines.add("PRIMARY KEY (id)");
            for (int i = 0; i < random.nextInt(3) && !indexable.isEmpty(); i++) {
                String column = indexable.get(random.nextInt(indexable.size()));
                lines.add((random.nextBoolean() ? "UNIQUE KEY" : "KEY") + " ix_" + table + "_" + i + " (" + column
                        + (random.nextBoolean() ? " DESC" : "") + ")");
            }
            if (!tablesWithIntKey.isEmpty() && random.nextBoolean()) {
                String parent = tablesWithIntKey.get(random.nextInt(tablesWithIntKey.size()));
                lines.add("ref_id " + "BIGINT");
                lines.add("KEY ix_" + table + "_ref (ref_id)");
                script.append("-- fk to ").append(parent).append('\n');
            }
            script.append("CREATE TABLE ")
                    .append(table)
                    .append(" (\n  ")
                    .append(String.join(",\n  ", lines))
                    .append("\n)")
                    .append(random.nextInt(4) == 0 ? " DEFAULT CHARSET=latin1" : "")
                    .append(random.nextInt(5) == 0 ? " COMMENT='table " + t + "'" : "")
                    .append(";\n");
            if (keyType.startsWith("BIGINT") && !keyType.contains("UNSIGNED")) {
                tablesWithIntKey.add(table);
            }
        }
        // Foreign keys reference a BIGINT primary key from a BIGINT column (types must match).
        for (int t = 0; t < tableCount; t++) {
            if (!tablesWithIntKey.isEmpty() && random.nextInt(3) == 0) {
                String parent = tablesWithIntKey.get(random.nextInt(tablesWithIntKey.size()));
                String[] actions = {"CASCADE", "SET NULL", "RESTRICT", "NO ACTION"};
                script.append("ALTER TABLE t")
                        .append(t)
                        .append(" ADD COLUMN fk_col BIGINT NULL, ADD CONSTRAINT fk_t")
                        .append(t)
                        .append(" FOREIGN KEY (fk_col) REFERENCES ")
                        .append(parent)
                        .append(" (id) ON DELETE ")
                        .append(actions[random.nextInt(actions.length)])
                        .append(";\n");
            }
        }
        // Checks and views over the tables.
        for (int t = 0; t < tableCount; t++) {
            if (checkable.contains("t" + t) && random.nextInt(3) == 0) {
                script.append("ALTER TABLE t")
                        .append(t)
                        .append(" ADD CONSTRAINT ck_t")
                        .append(t)
                        .append(" CHECK (id >= 0);\n");
            }
            if (random.nextInt(3) == 0) {
                script.append("CREATE VIEW v_t")
                        .append(t)
                        .append(" AS SELECT id FROM t")
                        .append(t)
                        .append(";\n");
                if (random.nextBoolean()) {
                    script.append("CREATE VIEW v_v_t")
                            .append(t)
                            .append(" AS SELECT id FROM v_t")
                            .append(t)
                            .append(" WHERE id > 1;\n");
                }
            }
        }
        return script.toString();
    }

    private static String defaultFor(String type, boolean nullable, SplittableRandom random) {
        if (nullable && random.nextInt(4) == 0) {
            return " DEFAULT NULL";
        }
        if (type.startsWith("VARCHAR") || type.startsWith("CHAR")) {
            return " DEFAULT 'x'";
        }
        if (type.startsWith("ENUM")) {
            return " DEFAULT 'B'";
        }
        if (type.startsWith("DECIMAL") || type.equals("DOUBLE") || type.equals("FLOAT")) {
            return " DEFAULT " + (random.nextBoolean() ? "'1.5'" : "0");
        }
        if (type.equals("DATE")) {
            return " DEFAULT '2024-02-29'";
        }
        if (type.equals("DATETIME") || type.startsWith("TIMESTAMP")) {
            return random.nextBoolean() ? " DEFAULT CURRENT_TIMESTAMP" : " DEFAULT '2024-01-01 10:00:00'";
        }
        if (type.startsWith("BIT")) {
            return " DEFAULT b'1'";
        }
        for (String integer : INTEGER_TYPES) {
            if (type.equals(integer)) {
                return " DEFAULT " + (random.nextBoolean() ? "'" + random.nextInt(100) + "'" : "-1");
            }
        }
        return "";
    }

    /** {@code count} tables, each with a key, an index, a check and a foreign key to the previous one. */
    static String manyTables(int count) {
        StringBuilder script = new StringBuilder();
        for (int t = 0; t < count; t++) {
            script.append("CREATE TABLE m")
                    .append(t)
                    .append(" (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) DEFAULT 'n',")
                    .append(" prev_id INT, KEY ix_name (name), CONSTRAINT chk_m")
                    .append(t)
                    .append(" CHECK (prev_id >= 0)")
                    .append(
                            t == 0
                                    ? ""
                                    : ", CONSTRAINT fk_m" + t + " FOREIGN KEY (prev_id) REFERENCES m" + (t - 1)
                                            + " (id)")
                    .append(");\n");
            script.append("CREATE VIEW v")
                    .append(t)
                    .append(" AS SELECT id FROM m")
                    .append(t)
                    .append(";\n");
        }
        script.append("CREATE TRIGGER trg BEFORE INSERT ON m0 FOR EACH ROW SET NEW.name = 'x';\n");
        script.append("CREATE PROCEDURE p() SELECT 1;\n");
        return script.toString();
    }
}
