package io.dbchange.mysql.internal;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.schema.CheckConstraint;
import io.dbchange.api.schema.Column;
import io.dbchange.api.schema.Event;
import io.dbchange.api.schema.ForeignKey;
import io.dbchange.api.schema.Index;
import io.dbchange.api.schema.KeyPart;
import io.dbchange.api.schema.PrimaryKey;
import io.dbchange.api.schema.Routine;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.Sequence;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.api.schema.SnapshotOptions.ObjectKind;
import io.dbchange.api.schema.Table;
import io.dbchange.api.schema.TableOptions;
import io.dbchange.api.schema.Trigger;
import io.dbchange.api.schema.View;
import io.dbchange.api.sql.Dialect;
import io.dbchange.core.schema.SchemaNormalizer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the connected MySQL/MariaDB database from {@code information_schema} into a normalized
 * {@link SchemaSnapshot}, in at most 14 queries whatever the number of objects (one per catalog table; MariaDB
 * sequences' parameters in one {@code UNION ALL} query; on MariaDB one lookup in {@code mysql.proc} and
 * {@code mysql.event} first, which spares a database without routines or events those two queries).
 *
 * <p><b>Normalization</b> (so that equal structures compare equal):
 *
 * <ul>
 *   <li>no {@code AUTO_INCREMENT} counters, row counts or other statistics are read;
 *   <li>integer display widths are dropped ({@code int(11)} is {@code int}, {@code year(4)} is {@code year}); type
 *       keywords are lower case, enum and set labels keep their case;
 *   <li>a table's collation is kept only when it differs from the database's default, a column's character set and
 *       collation only when they differ from its table's; a table's character set is the one its collation implies;
 *   <li>defaults: MySQL's unquoted string literals are quoted as MariaDB reports them ({@code 'x'}), a {@code NULL}
 *       default is no default, {@code current_timestamp()} is {@code CURRENT_TIMESTAMP};
 *   <li>view definitions lose the database name MariaDB qualifies every column with, so that two databases with the
 *       same views compare equal; a row format is kept only when it was given explicitly;
 *   <li>definers are dropped unless {@link SnapshotOptions#keepDefiners()}; then a view's, routine's, trigger's or
 *       event's definition starts with {@code DEFINER=`user`@`host`}.
 * </ul>
 *
 * <p><b>Text forms</b> that {@link MySqlDdlWriter} reads back: a view's definition is {@code [DEFINER=.. ][SQL
 * SECURITY INVOKER ]select ..[ WITH CASCADED|LOCAL CHECK OPTION]}; a routine's signature is {@code (IN a int, ..)}
 * or {@code (a int) RETURNS int} and its definition {@code [DEFINER=.. ]characteristics body}; a trigger's and an
 * event's definition is {@code [DEFINER=.. ]body}; an event's schedule is {@code AT '..'} or {@code EVERY n UNIT
 * [STARTS '..'] [ENDS '..']}, followed by {@code  ON COMPLETION PRESERVE} when it is kept after its last run.
 *
 * <p>A server started with {@code event_scheduler=DISABLED} (which {@code --skip-grant-tables} forces) refuses to
 * create or list events; its snapshot has no events. With {@code OFF} or {@code ON} events are read.
 *
 * <p>Not read (yet): invisible columns, index comments, subpartitions, view algorithms, trigger order among
 * triggers of the same table, timing and operation.
 */
public final class MySqlSchemaReader {

    private static final Pattern DISPLAY_WIDTH =
            Pattern.compile("^(tinyint|smallint|mediumint|int|integer|bigint|year)\\(\\d+\\)");
    private static final Pattern CURRENT_TIMESTAMP =
            Pattern.compile("(?i)^(current_timestamp|now|localtime|localtimestamp)(\\(\\s*(\\d*)\\s*\\))?$");
    private static final Pattern NUMERIC_TYPE =
            Pattern.compile("^(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real)\\b.*");

    /** A name the server's file-name encoding leaves as it is. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_]+");

    /** MySQL/MariaDB error 1577: the server was started with {@code event_scheduler=DISABLED}. */
    private static final int EVENT_SCHEDULER_DISABLED = 1577;

    private MySqlSchemaReader() {}

    /** Reads the connected database. */
    public static SchemaSnapshot read(Connection connection, SnapshotOptions options) {
        Objects.requireNonNull(connection, "'connection' must not be null");
        Objects.requireNonNull(options, "'options' must not be null");
        Reader reader = new Reader(connection, options);
        try (Statement statement = connection.createStatement()) {
            return SchemaNormalizer.normalize(reader.read(statement), options);
        } catch (SQLException e) {
            throw new DbChangeException(
                    CoreErrorCode.SCHEMA_READ_FAILED,
                    "could not read the schema of MySQL/MariaDB database '" + reader.database + "' with query ["
                            + reader.query + "]: " + e.getMessage() + " (SQLState " + e.getSQLState()
                            + "); check that the connection is open and the user may read information_schema",
                    e);
        }
    }

    /** A column type without integer display width, keywords in lower case, quoted labels unchanged. */
    static String normalizeType(String columnType) {
        StringBuilder out = new StringBuilder(columnType.length());
        boolean quoted = false;
        for (int i = 0; i < columnType.length(); i++) {
            char c = columnType.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            out.append(quoted || c == '\'' ? c : Character.toLowerCase(c));
        }
        String type = out.toString().strip();
        return DISPLAY_WIDTH.matcher(type).replaceFirst("$1");
    }

    /** A default or {@code ON UPDATE} expression as the server reports it, normalized. */
    static Optional<String> normalizeDefault(String value, boolean mariaDb, boolean expression, String type) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher now = CURRENT_TIMESTAMP.matcher(value.strip());
        if (now.matches()) {
            String precision = now.group(3);
            return Optional.of(
                    precision == null || precision.isEmpty()
                            ? "CURRENT_TIMESTAMP"
                            : "CURRENT_TIMESTAMP(" + precision + ")");
        }
        if (mariaDb) {
            return value.equalsIgnoreCase("NULL") ? Optional.empty() : Optional.of(value);
        }
        if (expression) {
            return Optional.of(value);
        }
        if (NUMERIC_TYPE.matcher(type).matches() || value.startsWith("b'")) {
            return Optional.of(value);
        }
        return Optional.of(quote(value));
    }

    static String quote(String literal) {
        return "'" + literal.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    static String charsetOf(String collation) {
        int underscore = collation.indexOf('_');
        return underscore < 0 ? collation : collation.substring(0, underscore);
    }

    private static final class Reader {
        private final Connection connection;
        private final SnapshotOptions options;
        private String database = "?";
        private String query = "";
        private boolean mariaDb;
        private String databaseCollation = "";
        private int lowerCaseTableNames;
        /** The database name as a literal: MariaDB reads only that schema's tables for a literal, not for DATABASE(). */
        private String schemaLiteral = "DATABASE()";

        Reader(Connection connection, SnapshotOptions options) {
            this.connection = connection;
            this.options = options;
        }

        ResultSet query(Statement statement, String sql) throws SQLException {
            query = sql;
            return statement.executeQuery(sql);
        }

        String definer(String definer) {
            if (!options.keepDefiners() || definer == null || definer.isEmpty()) {
                return "";
            }
            int at = definer.lastIndexOf('@');
            return at < 0
                    ? "DEFINER=" + MySqlDdlWriter.id(definer) + " "
                    : "DEFINER=" + MySqlDdlWriter.id(definer.substring(0, at)) + "@"
                            + MySqlDdlWriter.id(definer.substring(at + 1)) + " ";
        }

        SchemaSnapshot read(Statement statement) throws SQLException {
            try (ResultSet rs = query(
                    statement,
                    "SELECT DATABASE(), VERSION(), (SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA"
                            + " WHERE SCHEMA_NAME = DATABASE()), @@lower_case_table_names")) {
                rs.next();
                database = rs.getString(1);
                if (database == null) {
                    throw new DbChangeException(
                            CoreErrorCode.INVALID_ARGUMENT,
                            "the connection has no current database; connect with a database in the JDBC URL"
                                    + " (jdbc:mysql://host:3306/DATABASE) or run USE first");
                }
                mariaDb = rs.getString(2).toLowerCase(Locale.ROOT).contains("mariadb");
                databaseCollation = rs.getString(3);
                lowerCaseTableNames = rs.getInt(4);
                schemaLiteral = quote(database);
            }
            Map<String, TableBuilder> tables = new LinkedHashMap<>();
            List<String> sequenceNames = new ArrayList<>();
            boolean anyView = false;
            try (ResultSet rs = query(
                    statement,
                    "SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, CREATE_OPTIONS, TABLE_COMMENT"
                            + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = " + schemaLiteral)) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String type = rs.getString(2);
                    if (type.equals("SEQUENCE")) {
                        sequenceNames.add(name);
                    } else if (type.equals("VIEW")) {
                        anyView = true;
                    } else {
                        tables.put(
                                name,
                                new TableBuilder(
                                        name,
                                        rs.getString(3),
                                        rs.getString(4),
                                        rs.getString(5),
                                        Objects.requireNonNullElse(rs.getString(6), "")));
                    }
                }
            }
            if (options.includes(ObjectKind.TABLE) && !tables.isEmpty()) {
                readColumns(statement, tables);
                readIndexes(statement, tables);
                readForeignKeys(statement, tables);
                readChecks(statement, tables);
                readPartitions(statement, tables);
            }
            List<Table> builtTables = new ArrayList<>();
            if (options.includes(ObjectKind.TABLE)) {
                for (TableBuilder table : tables.values()) {
                    builtTables.add(table.build(databaseCollation));
                }
            }
            // TABLES lists every view of the schema (TABLE_TYPE 'VIEW'): without one there is nothing for VIEWS to
            // return, and the common tenant database skips a query that costs as much as reading its columns.
            List<View> views = options.includes(ObjectKind.VIEW) && anyView ? readViews(statement) : List.of();
            List<Sequence> sequences = options.includes(ObjectKind.SEQUENCE) && !sequenceNames.isEmpty()
                    ? readSequences(statement, sequenceNames)
                    : List.of();
            long[] inventory = routinesAndEvents(statement);
            List<Routine> routines = options.includes(ObjectKind.ROUTINE) && (inventory == null || inventory[0] > 0)
                    ? readRoutines(statement)
                    : List.of();
            List<Trigger> triggers = options.includes(ObjectKind.TRIGGER) ? readTriggers(statement) : List.of();
            List<Event> events = options.includes(ObjectKind.EVENT) && (inventory == null || inventory[1] > 0)
                    ? readEvents(statement)
                    : List.of();
            Schema schema =
                    new Schema("", builtTables, views, sequences, routines, triggers, List.of(), List.of(), events);
            return new SchemaSnapshot(Dialect.MYSQL, database, Instant.now(), List.of(schema));
        }

        private void readColumns(Statement statement, Map<String, TableBuilder> tables) throws SQLException {
            try (ResultSet rs = query(
                    statement,
                    "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_DEFAULT, IS_NULLABLE, COLUMN_TYPE, CHARACTER_SET_NAME,"
                            + " COLLATION_NAME, EXTRA, COLUMN_COMMENT, GENERATION_EXPRESSION"
                            + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = " + schemaLiteral
                            + " ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
                while (rs.next()) {
                    TableBuilder table = tables.get(rs.getString(1));
                    if (table == null) {
                        continue;
                    }
                    String name = rs.getString(2);
                    String type = normalizeType(rs.getString(5));
                    boolean nullable = rs.getString(4).equals("YES");
                    String extra =
                            Objects.requireNonNullElse(rs.getString(8), "").toLowerCase(Locale.ROOT);
                    String generation = rs.getString(10);
                    Optional<Column.Generated> generated = Optional.empty();
                    if (generation != null && !generation.isBlank() && extra.contains("generated")) {
                        generated = Optional.of(new Column.Generated(
                                generation,
                                extra.contains("stored") || extra.contains("persistent")
                                        ? Column.Storage.STORED
                                        : Column.Storage.VIRTUAL));
                    }
                    Column.Identity identity =
                            extra.contains("auto_increment") ? Column.Identity.AUTO_INCREMENT : Column.Identity.NONE;
                    Optional<String> defaultValue = generated.isPresent() || identity != Column.Identity.NONE
                            ? Optional.empty()
                            : normalizeDefault(rs.getString(3), mariaDb, extra.contains("default_generated"), type);
                    Optional<String> onUpdate = Optional.empty();
                    int onUpdateAt = extra.indexOf("on update ");
                    if (onUpdateAt >= 0) {
                        String rawExtra = rs.getString(8);
                        onUpdate = normalizeDefault(
                                rawExtra.substring(onUpdateAt + "on update ".length())
                                        .strip(),
                                true,
                                true,
                                type);
                    }
                    String charset = rs.getString(6);
                    String collation = rs.getString(7);
                    Optional<String> ownCharset = charset != null && !charset.equals(table.charset())
                            ? Optional.of(charset)
                            : Optional.empty();
                    Optional<String> ownCollation = collation != null && !collation.equals(table.collation)
                            ? Optional.of(collation)
                            : Optional.empty();
                    table.columns.add(new Column(
                            name,
                            type,
                            nullable,
                            defaultValue,
                            generated,
                            identity,
                            ownCharset,
                            ownCollation,
                            Objects.requireNonNullElse(rs.getString(9), ""),
                            onUpdate));
                }
            }
        }

        private void readIndexes(Statement statement, Map<String, TableBuilder> tables) throws SQLException {
            String visibility = mariaDb ? "IGNORED = 'NO'" : "IS_VISIBLE = 'YES'";
            String expression = mariaDb ? "NULL" : "EXPRESSION";
            Map<String, List<Object[]>> rows = new LinkedHashMap<>();
            try (ResultSet rs = query(
                    statement,
                    "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, COLLATION, INDEX_TYPE, "
                            + visibility + ", " + expression
                            + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = " + schemaLiteral
                            + " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")) {
                while (rs.next()) {
                    TableBuilder table = tables.get(rs.getString(1));
                    if (table == null) {
                        continue;
                    }
                    String indexName = rs.getString(2);
                    String column = rs.getString(4);
                    String expr = rs.getString(9);
                    int subPart = rs.getInt(5);
                    KeyPart part = column != null
                            ? KeyPart.column(column)
                            : KeyPart.expression(Objects.requireNonNull(expr, "index part"));
                    if (column != null && !rs.wasNull() && subPart > 0) {
                        part = part.withPrefixLength(subPart);
                    }
                    if ("D".equals(rs.getString(6))) {
                        part = part.withOrder(KeyPart.Order.DESC);
                    }
                    String key = table.name + "\u0000" + indexName;
                    rows.computeIfAbsent(key, k -> new ArrayList<>()).add(new Object[] {
                        table, indexName, rs.getInt(3) == 0, part, rs.getString(7), rs.getBoolean(8)
                    });
                }
            }
            for (List<Object[]> index : rows.values()) {
                Object[] first = index.get(0);
                TableBuilder table = (TableBuilder) first[0];
                String name = (String) first[1];
                List<KeyPart> parts = index.stream().map(r -> (KeyPart) r[3]).toList();
                if (name.equals("PRIMARY")) {
                    table.primaryKey = Optional.of(new PrimaryKey(name, parts));
                } else {
                    table.indexes.add(new Index(
                            name,
                            (Boolean) first[2],
                            parts,
                            ((String) first[4]).toLowerCase(Locale.ROOT),
                            Optional.empty(),
                            (Boolean) first[5]));
                }
            }
        }

        private void readForeignKeys(Statement statement, Map<String, TableBuilder> tables) throws SQLException {
            if (mariaDb && readInnoDbForeignKeys(statement, tables)) {
                return;
            }
            // Two queries joined here rather than one JOIN of two information_schema tables: MariaDB joins those
            // by nested loops over their materialized rows, which took 22 s for 5,000 foreign keys (1.6 s + 2.3 s
            // apart).
            Map<String, String[]> rules = new HashMap<>();
            try (ResultSet rs = query(
                    statement,
                    "SELECT TABLE_NAME, CONSTRAINT_NAME, DELETE_RULE, UPDATE_RULE"
                            + " FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = "
                            + schemaLiteral)) {
                while (rs.next()) {
                    rules.put(
                            rs.getString(1) + "\u0000" + rs.getString(2),
                            new String[] {rs.getString(3), rs.getString(4)});
                }
            }
            Map<String, List<String[]>> rows = new LinkedHashMap<>();
            try (ResultSet rs = query(
                    statement,
                    "SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA,"
                            + " REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME"
                            + " FROM information_schema.KEY_COLUMN_USAGE"
                            + " WHERE TABLE_SCHEMA = " + schemaLiteral + " AND REFERENCED_TABLE_NAME IS NOT NULL"
                            + " ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION")) {
                while (rs.next()) {
                    String[] row = new String[8];
                    for (int i = 0; i < 6; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    String key = row[0] + "\u0000" + row[1];
                    String[] rule = rules.get(key);
                    if (rule == null) {
                        continue; // dropped between the two queries
                    }
                    row[6] = rule[0];
                    row[7] = rule[1];
                    rows.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
                }
            }
            for (List<String[]> fk : rows.values()) {
                String[] first = fk.get(0);
                TableBuilder table = tables.get(first[0]);
                if (table == null) {
                    continue;
                }
                table.foreignKeys.add(new ForeignKey(
                        first[1],
                        fk.stream().map(r -> r[2]).toList(),
                        first[3].equals(database) ? "" : first[3],
                        first[4],
                        fk.stream().map(r -> r[5]).toList(),
                        action(first[6]),
                        action(first[7])));
            }
        }

        /**
         * Reads the foreign keys of the database from InnoDB's own dictionary (MariaDB's {@code INNODB_SYS_FOREIGN}
         * and {@code INNODB_SYS_FOREIGN_COLS}), the source {@code REFERENTIAL_CONSTRAINTS} and
         * {@code KEY_COLUMN_USAGE} report from too. Those two open every table of the database to ask InnoDB (about
         * 1.5 s each for 2,500 tables on a loaded machine); these read two small system tables (10 ms).
         *
         * <p>The dictionary names tables {@code database/table} in the server's file-name encoding, where a character
         * outside {@code [A-Za-z0-9_]} may become {@code @xxxx}. Rather than decode it, this path gives up (returns
         * false, and the caller reads information_schema) when a name of the database's foreign keys has an
         * {@code @}, when the database name itself would be encoded, when table names are stored in lower case
         * ({@code lower_case_table_names} not 0), or when the user may not read the tables (they need the PROCESS
         * privilege). Nothing is added to the tables unless the whole read succeeds.
         */
        private boolean readInnoDbForeignKeys(Statement statement, Map<String, TableBuilder> tables)
                throws SQLException {
            if (lowerCaseTableNames != 0 || !PLAIN_NAME.matcher(database).matches()) {
                return false;
            }
            String prefix = database + "/";
            // LIKE narrows the scan; '_' in the name is a wildcard there, so rows are checked exactly below.
            String like = quote(database + "/%");
            Map<String, String[]> keys = new java.util.TreeMap<>();
            try (ResultSet rs = query(
                    statement,
                    "SELECT ID, FOR_NAME, REF_NAME, TYPE FROM information_schema.INNODB_SYS_FOREIGN"
                            + " WHERE FOR_NAME LIKE " + like)) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    String forName = rs.getString(2);
                    String refName = rs.getString(3);
                    if (!forName.startsWith(prefix)) {
                        continue;
                    }
                    if (id.indexOf('@') >= 0 || forName.indexOf('@') >= 0 || refName.indexOf('@') >= 0) {
                        return false;
                    }
                    int idSlash = id.indexOf('/');
                    int refSlash = refName.indexOf('/');
                    if (idSlash < 0 || refSlash < 0) {
                        return false;
                    }
                    int type = rs.getInt(4);
                    keys.put(id, new String[] {
                        forName.substring(prefix.length()),
                        id.substring(idSlash + 1),
                        refName.substring(0, refSlash),
                        refName.substring(refSlash + 1),
                        innoDbRule(type, 1, 2, 16),
                        innoDbRule(type, 4, 8, 32)
                    });
                }
            } catch (SQLException e) {
                // 1227: no PROCESS privilege; 1109: no such table (a server without InnoDB's dictionary tables).
                if (e.getErrorCode() == 1227 || e.getErrorCode() == 1109) {
                    return false;
                }
                throw e;
            }
            Map<String, List<String[]>> columns = new HashMap<>();
            if (!keys.isEmpty()) {
                try (ResultSet rs = query(
                        statement,
                        "SELECT ID, FOR_COL_NAME, REF_COL_NAME, POS FROM information_schema.INNODB_SYS_FOREIGN_COLS"
                                + " WHERE ID LIKE " + like + " ORDER BY ID, POS")) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        if (keys.containsKey(id)) {
                            columns.computeIfAbsent(id, k -> new ArrayList<>())
                                    .add(new String[] {rs.getString(2), rs.getString(3)});
                        }
                    }
                } catch (SQLException e) {
                    if (e.getErrorCode() == 1227 || e.getErrorCode() == 1109) {
                        return false;
                    }
                    throw e;
                }
            }
            List<Runnable> adds = new ArrayList<>();
            for (Map.Entry<String, String[]> entry : keys.entrySet()) {
                String[] key = entry.getValue();
                List<String[]> parts = columns.get(entry.getKey());
                if (parts == null) {
                    return false; // dropped between the two queries: read information_schema instead
                }
                TableBuilder table = tables.get(key[0]);
                if (table == null) {
                    continue; // not a table of the snapshot (an ALTER's intermediate #sql table, or ignored)
                }
                ForeignKey fk = new ForeignKey(
                        key[1],
                        parts.stream().map(p -> p[0]).toList(),
                        key[2].equals(database) ? "" : key[2],
                        key[3],
                        parts.stream().map(p -> p[1]).toList(),
                        action(key[4]),
                        action(key[5]));
                adds.add(() -> table.foreignKeys.add(fk));
            }
            adds.forEach(Runnable::run);
            return true;
        }

        /** The rule InnoDB's flags encode as {@code REFERENTIAL_CONSTRAINTS} spells it (no flag: RESTRICT). */
        private static String innoDbRule(int type, int cascade, int setNull, int noAction) {
            if ((type & cascade) != 0) {
                return "CASCADE";
            }
            if ((type & setNull) != 0) {
                return "SET NULL";
            }
            return (type & noAction) != 0 ? "NO ACTION" : "RESTRICT";
        }

        private void readChecks(Statement statement, Map<String, TableBuilder> tables) throws SQLException {
            String sql = mariaDb
                    ? "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
                            + " WHERE CONSTRAINT_SCHEMA = " + schemaLiteral
                    : "SELECT t.TABLE_NAME, c.CONSTRAINT_NAME, c.CHECK_CLAUSE FROM information_schema.TABLE_CONSTRAINTS t"
                            + " JOIN information_schema.CHECK_CONSTRAINTS c ON c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA"
                            + " AND c.CONSTRAINT_NAME = t.CONSTRAINT_NAME"
                            + " WHERE t.TABLE_SCHEMA = " + schemaLiteral + " AND t.CONSTRAINT_TYPE = 'CHECK'";
            try (ResultSet rs = query(statement, sql)) {
                while (rs.next()) {
                    TableBuilder table = tables.get(rs.getString(1));
                    if (table != null) {
                        table.checks.add(new CheckConstraint(rs.getString(2), rs.getString(3)));
                    }
                }
            }
        }

        private void readPartitions(Statement statement, Map<String, TableBuilder> tables) throws SQLException {
            if (tables.values().stream().noneMatch(t -> t.createOptions.contains("partitioned"))) {
                return;
            }
            Map<String, List<String[]>> rows = new LinkedHashMap<>();
            try (ResultSet rs = query(
                    statement,
                    "SELECT TABLE_NAME, PARTITION_NAME, PARTITION_METHOD, PARTITION_EXPRESSION, PARTITION_DESCRIPTION"
                            + " FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = " + schemaLiteral
                            + " AND PARTITION_NAME IS NOT NULL AND SUBPARTITION_NAME IS NULL"
                            + " ORDER BY TABLE_NAME, PARTITION_ORDINAL_POSITION")) {
                while (rs.next()) {
                    String[] row = new String[5];
                    for (int i = 0; i < 5; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    rows.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row);
                }
            }
            rows.forEach((tableName, partitions) -> {
                TableBuilder table = tables.get(tableName);
                if (table == null) {
                    return;
                }
                String method = partitions.get(0)[2];
                String expression = partitions.get(0)[3];
                String columns = method.contains("COLUMNS") || method.contains("KEY") ? "" : " ";
                StringBuilder clause = new StringBuilder(method)
                        .append(columns)
                        .append('(')
                        .append(expression)
                        .append(") (");
                for (int i = 0; i < partitions.size(); i++) {
                    String[] p = partitions.get(i);
                    clause.append(i == 0 ? "" : ", ").append("PARTITION ").append(MySqlDdlWriter.id(p[1]));
                    if (method.startsWith("RANGE")) {
                        clause.append(" VALUES LESS THAN ")
                                .append(p[4].equals("MAXVALUE") ? "MAXVALUE" : "(" + p[4] + ")");
                    } else if (method.startsWith("LIST")) {
                        clause.append(" VALUES IN (").append(p[4]).append(')');
                    }
                }
                table.partitioning = Optional.of(clause.append(')').toString());
            });
        }

        private List<View> readViews(Statement statement) throws SQLException {
            List<View> views = new ArrayList<>();
            String qualifier = MySqlDdlWriter.id(database) + ".";
            try (ResultSet rs = query(
                    statement,
                    "SELECT TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, DEFINER, SECURITY_TYPE"
                            + " FROM information_schema.VIEWS WHERE TABLE_SCHEMA = " + schemaLiteral)) {
                while (rs.next()) {
                    String select = rs.getString(2).replace(qualifier, "");
                    String check = rs.getString(3);
                    String definition = definer(rs.getString(4))
                            + ("INVOKER".equals(rs.getString(5)) ? "SQL SECURITY INVOKER " : "")
                            + select
                            + (check == null || check.equals("NONE") ? "" : " WITH " + check + " CHECK OPTION");
                    views.add(new View(rs.getString(1), definition));
                }
            }
            return views;
        }

        private List<Sequence> readSequences(Statement statement, List<String> names) throws SQLException {
            List<Sequence> sequences = new ArrayList<>();
            String sql = names.stream()
                    .map(n -> "SELECT " + quote(n) + ", start_value, increment, minimum_value, maximum_value,"
                            + " cycle_option FROM " + MySqlDdlWriter.id(n))
                    .collect(Collectors.joining(" UNION ALL "));
            try (ResultSet rs = query(statement, sql)) {
                while (rs.next()) {
                    sequences.add(new Sequence(
                            rs.getString(1),
                            "bigint",
                            rs.getLong(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            rs.getLong(5),
                            rs.getInt(6) != 0));
                }
            }
            return sequences;
        }

        private List<Routine> readRoutines(Statement statement) throws SQLException {
            List<String[]> rows = new ArrayList<>();
            try (ResultSet rs = query(
                    statement,
                    "SELECT ROUTINE_TYPE, ROUTINE_NAME, ROUTINE_DEFINITION, IS_DETERMINISTIC, SQL_DATA_ACCESS,"
                            + " SECURITY_TYPE, ROUTINE_COMMENT, DEFINER FROM information_schema.ROUTINES"
                            + " WHERE ROUTINE_SCHEMA = " + schemaLiteral)) {
                while (rs.next()) {
                    String[] row = new String[8];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    rows.add(row);
                }
            }
            if (rows.isEmpty()) {
                // PARAMETERS is the costliest query of a small database (it opens every routine's definition), and a
                // database without routines has no parameters: the common case of a tenant database skips it.
                return List.of();
            }
            Map<String, List<String>> parameters = new LinkedHashMap<>();
            Map<String, String> returns = new LinkedHashMap<>();
            try (ResultSet rs = query(
                    statement,
                    "SELECT ROUTINE_TYPE, SPECIFIC_NAME, ORDINAL_POSITION, PARAMETER_MODE, PARAMETER_NAME,"
                            + " DTD_IDENTIFIER FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = "
                            + schemaLiteral
                            + " ORDER BY ROUTINE_TYPE, SPECIFIC_NAME, ORDINAL_POSITION")) {
                while (rs.next()) {
                    String key = rs.getString(1) + " " + rs.getString(2);
                    String type = normalizeType(rs.getString(6));
                    if (rs.getInt(3) == 0) {
                        returns.put(key, type);
                    } else {
                        String mode = rs.getString(1).equals("PROCEDURE") ? rs.getString(4) + " " : "";
                        parameters
                                .computeIfAbsent(key, k -> new ArrayList<>())
                                .add(mode + MySqlDdlWriter.id(rs.getString(5)) + " " + type);
                    }
                }
            }
            List<Routine> routines = new ArrayList<>();
            for (String[] row : rows) {
                String kind = row[0];
                String key = kind + " " + row[1];
                String signature = "(" + String.join(", ", parameters.getOrDefault(key, List.of())) + ")"
                        + (returns.containsKey(key) ? " RETURNS " + returns.get(key) : "");
                String comment = Objects.requireNonNullElse(row[6], "");
                String definition = definer(row[7])
                        + ("YES".equals(row[3]) ? "DETERMINISTIC " : "NOT DETERMINISTIC ")
                        + row[4] + " SQL SECURITY " + row[5]
                        + (comment.isEmpty() ? "" : " COMMENT " + quote(comment))
                        + "\n" + row[2];
                routines.add(new Routine(
                        kind.equals("FUNCTION") ? Routine.Kind.FUNCTION : Routine.Kind.PROCEDURE,
                        row[1],
                        signature,
                        definition));
            }
            return routines;
        }

        private List<Trigger> readTriggers(Statement statement) throws SQLException {
            List<Trigger> triggers = new ArrayList<>();
            try (ResultSet rs = query(
                    statement,
                    "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT,"
                            // EVENT_OBJECT_SCHEMA, not TRIGGER_SCHEMA, is what MariaDB narrows TRIGGERS by (its
                            // lookup column); TRIGGER_SCHEMA alone opened every table of every database on the server
                            // (EXPLAIN: "Scanned all databases"). A trigger lives in its table's schema, so the two
                            // are always equal and the rows are the same.
                            + " DEFINER FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = " + schemaLiteral
                            + " AND TRIGGER_SCHEMA = " + schemaLiteral)) {
                while (rs.next()) {
                    triggers.add(new Trigger(
                            rs.getString(1),
                            rs.getString(2),
                            Trigger.Timing.valueOf(rs.getString(3)),
                            List.of(Trigger.Operation.valueOf(rs.getString(4))),
                            definer(rs.getString(6)) + rs.getString(5)));
                }
            }
            return triggers;
        }

        /**
         * MariaDB only: how many routines and events the database has, from the tables MariaDB keeps them in
         * ({@code mysql.proc}, {@code mysql.event}; one indexed lookup each), or null when unknown (MySQL, whose data
         * dictionary has no such tables; a user who may not read them; names compared without case,
         * {@code lower_case_table_names=2}). A zero skips the {@code information_schema} query, which costs the
         * server about 0.35 ms of CPU even when it finds nothing, against about 0.13 ms for both lookups (measured
         * on MariaDB 11.4): the common tenant database has neither. A count above zero reads
         * {@code information_schema} as before, which shows what the user may see.
         */
        private long[] routinesAndEvents(Statement statement) {
            if (!mariaDb
                    || lowerCaseTableNames == 2
                    || !(options.includes(ObjectKind.ROUTINE) || options.includes(ObjectKind.EVENT))) {
                return null;
            }
            try (ResultSet rs = query(
                    statement,
                    "SELECT (SELECT COUNT(*) FROM mysql.proc WHERE db = " + schemaLiteral
                            + "), (SELECT COUNT(*) FROM mysql.event WHERE db = " + schemaLiteral + ")")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            } catch (SQLException e) {
                // no SELECT on the mysql schema (the usual for an application's user): information_schema tells
                return null;
            }
        }

        private List<Event> readEvents(Statement statement) throws SQLException {
            try {
                return readEnabledEvents(statement);
            } catch (SQLException e) {
                if (e.getErrorCode() == EVENT_SCHEDULER_DISABLED) {
                    // A server started with event_scheduler=DISABLED refuses CREATE EVENT and every read of events.
                    return List.of();
                }
                throw e;
            }
        }

        private List<Event> readEnabledEvents(Statement statement) throws SQLException {
            List<Event> events = new ArrayList<>();
            try (ResultSet rs = query(
                    statement,
                    "SELECT EVENT_NAME, EVENT_DEFINITION, EVENT_TYPE, EXECUTE_AT, INTERVAL_VALUE, INTERVAL_FIELD,"
                            + " STARTS, ENDS, STATUS, ON_COMPLETION, DEFINER, EVENT_COMMENT"
                            + " FROM information_schema.EVENTS WHERE EVENT_SCHEMA = " + schemaLiteral)) {
                while (rs.next()) {
                    String schedule;
                    if ("ONE TIME".equals(rs.getString(3))) {
                        schedule = "AT " + quote(timestamp(rs.getString(4)));
                    } else {
                        schedule = "EVERY " + rs.getString(5) + " " + rs.getString(6);
                        String starts = rs.getString(7);
                        String ends = rs.getString(8);
                        schedule += starts == null ? "" : " STARTS " + quote(timestamp(starts));
                        schedule += ends == null ? "" : " ENDS " + quote(timestamp(ends));
                    }
                    if ("PRESERVE".equals(rs.getString(10))) {
                        schedule += " ON COMPLETION PRESERVE";
                    }
                    events.add(new Event(
                            rs.getString(1),
                            schedule,
                            definer(rs.getString(11)) + rs.getString(2),
                            "ENABLED".equals(rs.getString(9)),
                            Objects.requireNonNullElse(rs.getString(12), "")));
                }
            }
            return events;
        }

        private static String timestamp(String value) {
            return value.endsWith(".0") ? value.substring(0, value.length() - 2) : value;
        }

        private static ForeignKey.Action action(String rule) {
            return ForeignKey.Action.valueOf(rule.replace(' ', '_'));
        }
    }

    private static final class TableBuilder {
        final String name;
        final String engine;
        final String collation;
        final String createOptions;
        final String comment;
        final List<Column> columns = new ArrayList<>();
        Optional<PrimaryKey> primaryKey = Optional.empty();
        final List<Index> indexes = new ArrayList<>();
        final List<ForeignKey> foreignKeys = new ArrayList<>();
        final List<CheckConstraint> checks = new ArrayList<>();
        Optional<String> partitioning = Optional.empty();

        TableBuilder(String name, String engine, String collation, String createOptions, String comment) {
            this.name = name;
            this.engine = engine;
            this.collation = collation;
            this.createOptions = Objects.requireNonNullElse(createOptions, "").toLowerCase(Locale.ROOT);
            this.comment = comment;
        }

        String charset() {
            return collation == null ? null : charsetOf(collation);
        }

        Table build(String databaseCollation) {
            Optional<String> ownCollation = collation != null && !collation.equals(databaseCollation)
                    ? Optional.of(collation)
                    : Optional.empty();
            Optional<String> rowFormat = Optional.empty();
            Matcher m = Pattern.compile("row_format=(\\w+)").matcher(createOptions);
            if (m.find()) {
                rowFormat = Optional.of(m.group(1).toUpperCase(Locale.ROOT));
            }
            TableOptions options = new TableOptions(
                    Optional.ofNullable(engine),
                    ownCollation.map(MySqlSchemaReader::charsetOf),
                    ownCollation,
                    rowFormat,
                    comment,
                    partitioning);
            return new Table(name, columns, primaryKey, indexes, foreignKeys, checks, options);
        }
    }
}
