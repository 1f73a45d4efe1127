package io.dbchange.postgres.internal;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.schema.CheckConstraint;
import io.dbchange.api.schema.Column;
import io.dbchange.api.schema.DomainType;
import io.dbchange.api.schema.EnumType;
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
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads schemas of the connected PostgreSQL database from {@code pg_catalog} into a normalized
 * {@link SchemaSnapshot}, in at most 13 queries whatever the number of objects. Extensions installed into a read schema are
 * listed by name; the objects that belong to an extension are left out (the extension creates them).
 *
 * <p><b>Normalization:</b> a literal default loses its cast ({@code 'x'::character varying} is {@code 'x'}); a
 * {@code NULL} default is no default; a column whose default is {@code nextval} of a sequence the column owns is a
 * {@code serial}/{@code bigserial}/{@code smallserial} column without a default, and that sequence (like the
 * sequence of an identity column) is not listed among the sequences; a column's collation is kept only when it
 * differs from its type's; a check's outer parentheses are dropped. An index key part records
 * {@code NULLS FIRST/LAST} only when it differs from the default for its sort order ({@code NULLS LAST} for
 * {@code ASC}, {@code NULLS FIRST} for {@code DESC}) and its operator class only when that is not a default class
 * ({@code pg_opclass.opcdefault}; a default class of another, binary-coercible type named explicitly is taken as
 * the default). {@code INCLUDE} columns are read from {@code indkey} past {@code indnkeyatts}.
 *
 * <p><b>Text forms</b> that {@link PostgresDdlWriter} reads back: a view's definition is
 * {@code pg_get_viewdef(view, true)} without its final {@code ;}; a function's or procedure's definition is
 * {@code pg_get_functiondef}, an aggregate's a {@code CREATE AGGREGATE} statement built from {@code pg_aggregate}
 * (kind {@code FUNCTION}); a trigger's definition is {@code pg_get_triggerdef(trigger, true)}. A routine's signature
 * is {@code (identity arguments)} followed, for a function, by {@code  RETURNS result}.
 *
 * <p><b>Relation kinds:</b> a materialized view is a {@link View} with its indexes; an exclusion constraint is the
 * {@link Index} it owns with its operators; a partition is part of its root table's partitioning clause
 * ({@link PartitionClause}), at every level, and neither it nor what it clones from its parent (indexes, foreign
 * keys, triggers, the foreign keys cloned for each partition of a referenced table) is listed again; a table that
 * inherits lists its parents in its options and all its columns, but not the checks it only inherits.
 *
 * A partition's own indexes, checks and foreign keys (those it neither inherits nor clones from its parent) are
 * part of its entry in that clause.
 *
 * <p>Not read (yet): a partition's own defaults and NOT NULL constraints, partitions in a schema not read are
 * named but not created by a dump of only the parent's schema, operator class parameters ({@code opclass (..)}) and collations of index key parts, view check options, domain collations, column and
 * table storage parameters, privileges.
 */
public final class PostgresSchemaReader {

    private static final Pattern LITERAL_CAST =
            Pattern.compile("^('(?:[^']|'')*')::[\\w .\"]+(?:\\(\\d+(?:,\\s*\\d+)?\\))?(?:\\[\\])*$");
    private static final Pattern NULL_DEFAULT = Pattern.compile("^NULL(::.*)?$");
    private static final Pattern NEXTVAL = Pattern.compile("^nextval\\('(.+)'::regclass\\)$");
    private static final Map<String, String> SERIALS =
            Map.of("integer", "serial", "bigint", "bigserial", "smallint", "smallserial");

    /**
     * {@code pg_index.indoption} bit of a descending key part ({@code INDOPTION_DESC} in PostgreSQL's
     * <a href="https://github.com/postgres/postgres/blob/master/src/include/catalog/pg_index.h">pg_index.h</a>).
     */
    static final int INDOPTION_DESC = 0x0001;

    /** {@code pg_index.indoption} bit of a key part that sorts nulls first ({@code INDOPTION_NULLS_FIRST}). */
    static final int INDOPTION_NULLS_FIRST = 0x0002;

    private PostgresSchemaReader() {}

    /**
     * Applies one key part's {@code pg_index.indoption} bits and operator class, normalized: the null placement
     * is recorded only when it differs from PostgreSQL's default for the sort order ({@code NULLS LAST} for
     * {@code ASC}, {@code NULLS FIRST} for {@code DESC}), the operator class only when it is not a default class.
     *
     * @param part the part as built from the catalog: ascending, default operator class and null placement
     * @param option the part's {@code indoption} bits: {@value #INDOPTION_DESC} for {@code DESC},
     *     {@value #INDOPTION_NULLS_FIRST} for {@code NULLS FIRST}
     * @param operatorClass the operator class as SQL text, {@code ""} for a default class
     */
    static KeyPart keyPartOptions(KeyPart part, int option, String operatorClass) {
        boolean descending = (option & INDOPTION_DESC) != 0;
        boolean nullsFirst = (option & INDOPTION_NULLS_FIRST) != 0;
        KeyPart result = part.withOrder(descending ? KeyPart.Order.DESC : KeyPart.Order.ASC);
        if (nullsFirst != descending) {
            result = result.withNulls(nullsFirst ? KeyPart.NullsOrder.FIRST : KeyPart.NullsOrder.LAST);
        }
        return operatorClass.isEmpty() ? result : result.withOperatorClass(operatorClass);
    }

    /** Reads the schemas named by the options. */
    public static SchemaSnapshot read(Connection connection, SnapshotOptions options) {
        Objects.requireNonNull(connection, "'connection' must not be null");
        Objects.requireNonNull(options, "'options' must not be null");
        Reader reader = new Reader(options);
        try (Statement statement = connection.createStatement()) {
            return SchemaNormalizer.normalize(reader.read(statement), options);
        } catch (SQLException e) {
            throw new DbChangeException(
                    CoreErrorCode.SCHEMA_READ_FAILED,
                    "could not read schemas " + options.schemas() + " of PostgreSQL database '" + reader.database
                            + "' with query [" + reader.query + "]: " + e.getMessage() + " (SQLState "
                            + e.getSQLState() + "); check that the connection is open and the user may read"
                            + " pg_catalog",
                    e);
        }
    }

    /** Catalogs whose rows the reader reads or depends on (views: pg_rewrite; comments: pg_description). */
    private static final List<String> MARKER_CATALOGS = List.of(
            "pg_namespace",
            "pg_class",
            "pg_attribute",
            "pg_attrdef",
            "pg_constraint",
            "pg_index",
            "pg_inherits",
            "pg_partitioned_table",
            "pg_trigger",
            "pg_rewrite",
            "pg_proc",
            "pg_aggregate",
            "pg_type",
            "pg_enum",
            "pg_sequence",
            "pg_depend",
            "pg_description",
            "pg_extension",
            "pg_collation",
            "pg_opclass",
            "pg_am");

    /** One query: per catalog, its row count and the sum of its rows' xmin. */
    private static final String MARKER_QUERY = "SELECT string_agg(c || ':' || n || ':' || s, ',' ORDER BY c) FROM ("
            + MARKER_CATALOGS.stream()
                    .map(c -> "SELECT '" + c + "' AS c, count(*) AS n, coalesce(sum(xmin::text::bigint), 0) AS s"
                            + " FROM pg_catalog." + c)
                    .collect(Collectors.joining(" UNION ALL "))
            + ") x";

    /**
     * The change marker of {@code PostgresEngine.schemaChangeMarker}: per catalog the row count and the sum of the
     * rows' {@code xmin}, in one query.
     */
    public static String changeMarker(Connection connection) {
        Objects.requireNonNull(connection, "'connection' must not be null");
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(MARKER_QUERY)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new DbChangeException(
                    CoreErrorCode.SCHEMA_READ_FAILED,
                    "could not read the catalog change marker of PostgreSQL: " + e.getMessage() + " (SQLState "
                            + e.getSQLState() + "); check that the connection is open and the user may read"
                            + " pg_catalog",
                    e);
        }
    }

    /** A default expression without the cast of a literal; empty for {@code NULL}. */
    static Optional<String> normalizeDefault(String expression) {
        if (expression == null || NULL_DEFAULT.matcher(expression).matches()) {
            return Optional.empty();
        }
        Matcher literal = LITERAL_CAST.matcher(expression);
        return Optional.of(literal.matches() ? literal.group(1) : expression);
    }

    /** The expression without parentheses around all of it. */
    static String stripOuterParentheses(String expression) {
        String text = expression.strip();
        while (text.startsWith("(") && text.endsWith(")") && closes(text)) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text;
    }

    /** Whether the parenthesis at 0 closes at the last character (outside string literals). */
    private static boolean closes(String text) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
                if (depth == 0 && i < text.length() - 1) {
                    return false;
                }
            }
        }
        return depth == 0;
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static final class Reader {
        private final SnapshotOptions options;
        private final String schemaList;
        private String database = "?";
        private String query = "";

        Reader(SnapshotOptions options) {
            this.options = options;
            this.schemaList = options.schemas().stream()
                    .map(PostgresSchemaReader::literal)
                    .collect(Collectors.joining(", "));
        }

        private ResultSet query(Statement statement, String sql) throws SQLException {
            query = sql;
            return statement.executeQuery(sql);
        }

        private String notInExtension(String classTable, String oid) {
            return " AND NOT EXISTS (SELECT 1 FROM pg_depend dx WHERE dx.classid = '" + classTable
                    + "'::regclass AND dx.objid = " + oid + " AND dx.deptype = 'e')";
        }

        SchemaSnapshot read(Statement statement) throws SQLException {
            try (ResultSet rs = query(statement, "SELECT current_database()")) {
                rs.next();
                database = rs.getString(1);
            }
            Map<String, SchemaBuilder> schemas = new LinkedHashMap<>();
            for (String name : options.schemas()) {
                schemas.put(name, new SchemaBuilder(name));
            }
            try (ResultSet rs = query(
                    statement,
                    "SELECT n.nspname, e.extname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
                            + " WHERE n.nspname IN (" + schemaList + ")")) {
                while (rs.next()) {
                    schemas.get(rs.getString(1)).extensions.add(rs.getString(2));
                }
            }
            Map<Long, TableBuilder> tables = new LinkedHashMap<>();
            if (options.includes(ObjectKind.TABLE)) {
                readTables(statement, schemas, tables);
            }
            if (tables.values().stream().anyMatch(t -> t.partitioning.isPresent())) {
                readPartitions(statement, tables);
            }
            Set<String> hiddenSequences = new HashSet<>();
            Map<Long, List<Index>> viewIndexes = new HashMap<>();
            if (!tables.isEmpty()) {
                readColumns(statement, tables, hiddenSequences);
                readConstraints(statement, tables);
            }
            if (!tables.isEmpty() || options.includes(ObjectKind.VIEW)) {
                readIndexes(statement, tables, viewIndexes);
            }
            if (options.includes(ObjectKind.SEQUENCE)) {
                readSequences(statement, schemas, hiddenSequences);
            }
            if (options.includes(ObjectKind.VIEW)) {
                readViews(statement, schemas, viewIndexes);
            }
            if (options.includes(ObjectKind.ROUTINE)) {
                readRoutines(statement, schemas);
            }
            if (options.includes(ObjectKind.TRIGGER)) {
                readTriggers(statement, schemas);
            }
            if (options.includes(ObjectKind.ENUM_TYPE)) {
                readEnums(statement, schemas);
            }
            if (options.includes(ObjectKind.DOMAIN_TYPE)) {
                readDomains(statement, schemas);
            }
            for (TableBuilder table : tables.values()) {
                schemas.get(table.schema).tables.add(table.build());
            }
            List<Schema> built =
                    schemas.values().stream().map(SchemaBuilder::build).toList();
            return new SchemaSnapshot(Dialect.POSTGRESQL, database, Instant.now(), built);
        }

        private void readTables(Statement statement, Map<String, SchemaBuilder> schemas, Map<Long, TableBuilder> tables)
                throws SQLException {
            try (ResultSet rs = query(
                    statement,
                    "SELECT n.nspname, c.relname, c.oid, obj_description(c.oid, 'pg_class'),"
                            + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,"
                            // the tables it inherits from (INHERITS), as schema and name pairs in order
                            + " array(SELECT pn.nspname || '.' || p.relname FROM pg_inherits ih"
                            + " JOIN pg_class p ON p.oid = ih.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace"
                            + " WHERE ih.inhrelid = c.oid ORDER BY ih.inhseqno),"
                            + " array(SELECT pn.nspname FROM pg_inherits ih"
                            + " JOIN pg_class p ON p.oid = ih.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace"
                            + " WHERE ih.inhrelid = c.oid ORDER BY ih.inhseqno)"
                            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE n.nspname IN (" + schemaList + ") AND c.relkind IN ('r', 'p')"
                            + " AND NOT c.relispartition" + notInExtension("pg_class", "c.oid")
                            + " ORDER BY n.nspname, c.relname")) {
                while (rs.next()) {
                    tables.put(
                            rs.getLong(3),
                            new TableBuilder(
                                    rs.getString(1),
                                    rs.getString(2),
                                    Objects.requireNonNullElse(rs.getString(4), ""),
                                    Optional.ofNullable(rs.getString(5)),
                                    parents(strings(rs.getArray(6)), strings(rs.getArray(7)))));
                }
            }
        }

        /**
         * The partitions of the partitioned tables, at every level, into their root's partitioning clause
         * ({@link PartitionClause}): a partition is not a table of the snapshot, as its columns, indexes and
         * constraints are its parent's.
         */
        private void readPartitions(Statement statement, Map<Long, TableBuilder> tables) throws SQLException {
            Map<Long, List<PartitionRow>> children = new HashMap<>();
            try (ResultSet rs = query(
                    statement,
                    "WITH RECURSIVE tree(parent, child) AS (SELECT ih.inhparent, ih.inhrelid FROM pg_inherits ih"
                            + " JOIN pg_class par ON par.oid = ih.inhparent"
                            + " JOIN pg_namespace n ON n.oid = par.relnamespace"
                            + " WHERE par.relkind = 'p' AND NOT par.relispartition AND n.nspname IN (" + schemaList
                            + ") UNION ALL SELECT ih.inhparent, ih.inhrelid FROM pg_inherits ih"
                            + " JOIN tree ON tree.child = ih.inhparent)"
                            + " SELECT tree.parent, pc.oid, CASE WHEN pn.nspname = n.nspname"
                            + " THEN quote_ident(pc.relname)"
                            + " ELSE quote_ident(pn.nspname) || '.' || quote_ident(pc.relname) END,"
                            + " pg_get_expr(pc.relpartbound, pc.oid),"
                            + " CASE WHEN pc.relkind = 'p' THEN pg_get_partkeydef(pc.oid) END,"
                            // the indexes it has of its own (one cloned from its parent's is a partition of it)
                            + " array(SELECT pg_get_indexdef(pi.indexrelid) FROM pg_index pi"
                            + " JOIN pg_class pic ON pic.oid = pi.indexrelid WHERE pi.indrelid = pc.oid"
                            + " AND NOT EXISTS (SELECT 1 FROM pg_inherits ii WHERE ii.inhrelid = pi.indexrelid)"
                            + " ORDER BY pic.relname),"
                            // the checks and foreign keys it has of its own (not inherited, not cloned from its
                            // parent's), a foreign key spelled here with its referenced table schema-qualified so
                            // that the text does not depend on the session's search_path
                            + " array(SELECT 'CONSTRAINT ' || quote_ident(con.conname) || ' ' || CASE con.contype"
                            + " WHEN 'c' THEN pg_get_constraintdef(con.oid, true)"
                            + " ELSE 'FOREIGN KEY (' || (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord)"
                            + " FROM unnest(con.conkey) WITH ORDINALITY k(num, ord) JOIN pg_attribute a"
                            + " ON a.attrelid = con.conrelid AND a.attnum = k.num) || ') REFERENCES '"
                            + " || quote_ident(fn.nspname) || '.' || quote_ident(fc.relname) || ' ('"
                            + " || (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord)"
                            + " FROM unnest(con.confkey) WITH ORDINALITY k(num, ord) JOIN pg_attribute a"
                            + " ON a.attrelid = con.confrelid AND a.attnum = k.num) || ')'"
                            + " || CASE con.confupdtype WHEN 'r' THEN ' ON UPDATE RESTRICT'"
                            + " WHEN 'c' THEN ' ON UPDATE CASCADE' WHEN 'n' THEN ' ON UPDATE SET NULL'"
                            + " WHEN 'd' THEN ' ON UPDATE SET DEFAULT' ELSE '' END"
                            + " || CASE con.confdeltype WHEN 'r' THEN ' ON DELETE RESTRICT'"
                            + " WHEN 'c' THEN ' ON DELETE CASCADE' WHEN 'n' THEN ' ON DELETE SET NULL'"
                            + " WHEN 'd' THEN ' ON DELETE SET DEFAULT' ELSE '' END END"
                            + " FROM pg_constraint con LEFT JOIN pg_class fc ON fc.oid = con.confrelid"
                            + " LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace"
                            + " WHERE con.conrelid = pc.oid AND con.contype IN ('c', 'f') AND con.conparentid = 0"
                            + " AND con.conislocal AND con.coninhcount = 0 ORDER BY con.conname)"
                            + " FROM tree JOIN pg_class pc ON pc.oid = tree.child"
                            + " JOIN pg_namespace pn ON pn.oid = pc.relnamespace"
                            + " JOIN pg_class par ON par.oid = tree.parent"
                            + " JOIN pg_namespace n ON n.oid = par.relnamespace"
                            + " WHERE pc.relispartition ORDER BY pc.relname")) {
                while (rs.next()) {
                    children.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new PartitionRow(
                                    rs.getLong(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    strings(rs.getArray(6)),
                                    strings(rs.getArray(7))));
                }
            }
            for (Map.Entry<Long, TableBuilder> table : tables.entrySet()) {
                Optional<String> key = table.getValue().partitioning;
                if (key.isPresent()) {
                    table.getValue().partitioning = Optional.of(
                            clause(table.getKey(), key.get(), children).text());
                }
            }
        }

        private static List<TableOptions.Parent> parents(List<String> qualified, List<String> schemas) {
            List<TableOptions.Parent> out = new ArrayList<>();
            for (int i = 0; i < qualified.size(); i++) {
                String schema = schemas.get(i);
                out.add(new TableOptions.Parent(schema, qualified.get(i).substring(schema.length() + 1)));
            }
            return out;
        }

        /**
         * One partition as read: its oid, name, bound, if partitioned its partition key, and its own indexes and
         * constraints.
         */
        private record PartitionRow(
                long oid, String name, String bound, String key, List<String> indexes, List<String> constraints) {}

        private static PartitionClause clause(long oid, String key, Map<Long, List<PartitionRow>> children) {
            List<PartitionClause.Partition> partitions = new ArrayList<>();
            for (PartitionRow row : children.getOrDefault(oid, List.of())) {
                partitions.add(new PartitionClause.Partition(
                        row.name(),
                        row.bound(),
                        Optional.ofNullable(row.key()).map(k -> clause(row.oid(), k, children)),
                        row.indexes(),
                        row.constraints()));
            }
            return new PartitionClause(key, partitions);
        }

        private void readColumns(Statement statement, Map<Long, TableBuilder> tables, Set<String> hiddenSequences)
                throws SQLException {
            try (ResultSet rs = query(
                    statement,
                    "SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                            + " pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated,"
                            + " CASE WHEN a.attcollation <> t.typcollation THEN co.collname END,"
                            + " col_description(a.attrelid, a.attnum),"
                            + " o.qualified, CASE WHEN o.deptype = 'a' THEN o.regname END"
                            + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                            + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid"
                            + " LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
                            + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                            // sequences owned by a column (serial: 'a', identity: 'i'), joined once, not per column
                            + " LEFT JOIN (SELECT d.refobjid, d.refobjsubid, d.deptype,"
                            + " sn.nspname || '.' || s.relname AS qualified, s.oid::regclass::text AS regname"
                            + " FROM pg_depend d JOIN pg_class s ON s.oid = d.objid"
                            + " JOIN pg_namespace sn ON sn.oid = s.relnamespace"
                            + " WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass"
                            + " AND s.relkind = 'S' AND d.deptype IN ('a', 'i')) o"
                            + " ON o.refobjid = a.attrelid AND o.refobjsubid = a.attnum"
                            + " WHERE n.nspname IN (" + schemaList + ") AND c.relkind IN ('r', 'p')"
                            + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum")) {
                while (rs.next()) {
                    TableBuilder table = tables.get(rs.getLong(1));
                    if (table == null) {
                        continue;
                    }
                    if (table.attributes.containsKey(rs.getInt(2))) {
                        continue; // a second sequence owned by the same column
                    }
                    String name = rs.getString(3);
                    String type = rs.getString(4);
                    String rawDefault = rs.getString(6);
                    String identityKind = rs.getString(7);
                    String generatedKind = rs.getString(8);
                    String ownedSequence = rs.getString(11);
                    String ownedSequenceText = rs.getString(12);
                    Column.Identity identity = switch (identityKind == null ? "" : identityKind) {
                        case "a" -> Column.Identity.ALWAYS;
                        case "d" -> Column.Identity.BY_DEFAULT;
                        default -> Column.Identity.NONE;
                    };
                    Optional<Column.Generated> generated = Optional.empty();
                    Optional<String> defaultValue = Optional.empty();
                    if ("s".equals(generatedKind)) {
                        generated = Optional.of(new Column.Generated(rawDefault, Column.Storage.STORED));
                    } else if (identity != Column.Identity.NONE) {
                        if (ownedSequence != null) {
                            hiddenSequences.add(ownedSequence);
                        }
                    } else if (rawDefault != null) {
                        Matcher nextval = NEXTVAL.matcher(rawDefault);
                        if (ownedSequenceText != null
                                && nextval.matches()
                                && nextval.group(1).equals(ownedSequenceText)
                                && SERIALS.containsKey(type)) {
                            type = SERIALS.get(type);
                            hiddenSequences.add(ownedSequence);
                        } else {
                            defaultValue = normalizeDefault(rawDefault);
                        }
                    }
                    table.attributes.put(rs.getInt(2), name);
                    table.columns.add(new Column(
                            name,
                            type,
                            !rs.getBoolean(5),
                            defaultValue,
                            generated,
                            identity,
                            Optional.empty(),
                            Optional.ofNullable(rs.getString(9)),
                            Objects.requireNonNullElse(rs.getString(10), "")));
                }
            }
        }

        private void readConstraints(Statement statement, Map<Long, TableBuilder> tables) throws SQLException {
            try (ResultSet rs = query(
                    statement,
                    "SELECT con.conrelid, con.conname, con.contype, fn.nspname, fc.relname,"
                            + " array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)"
                            + " JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord),"
                            + " array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)"
                            + " JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord),"
                            + " con.confdeltype, con.confupdtype, pg_get_constraintdef(con.oid, true)"
                            + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid"
                            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " LEFT JOIN pg_class fc ON fc.oid = con.confrelid"
                            + " LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace"
                            // conparentid: a foreign key's clone for each partition of the table it references
                            + " WHERE n.nspname IN (" + schemaList + ") AND con.contype IN ('p', 'f', 'c')"
                            + " AND con.conparentid = 0"
                            // a check only inherited from a parent table is the parent's
                            + " AND con.conislocal")) {
                while (rs.next()) {
                    TableBuilder table = tables.get(rs.getLong(1));
                    if (table == null) {
                        continue;
                    }
                    String name = rs.getString(2);
                    List<String> columns = strings(rs.getArray(6));
                    switch (rs.getString(3)) {
                        case "p" ->
                            table.primaryKey = Optional.of(new PrimaryKey(
                                    name, columns.stream().map(KeyPart::column).toList()));
                        case "f" ->
                            table.foreignKeys.add(new ForeignKey(
                                    name,
                                    columns,
                                    rs.getString(4),
                                    rs.getString(5),
                                    strings(rs.getArray(7)),
                                    action(rs.getString(8)),
                                    action(rs.getString(9))));
                        default -> {
                            String definition = rs.getString(10);
                            table.checks.add(new CheckConstraint(
                                    name, stripOuterParentheses(definition.substring("CHECK ".length()))));
                        }
                    }
                }
            }
        }

        /** Indexes of tables, and of materialized views into {@code viewIndexes} by the view's oid. */
        private void readIndexes(
                Statement statement, Map<Long, TableBuilder> tables, Map<Long, List<Index>> viewIndexes)
                throws SQLException {
            try (ResultSet rs = query(
                    statement,
                    "SELECT i.indrelid, ic.relname, i.indisunique, am.amname, pg_get_expr(i.indpred, i.indrelid, true),"
                            + " array(SELECT pg_get_indexdef(i.indexrelid, k, true)"
                            + " FROM generate_series(1, i.indnkeyatts) k ORDER BY k),"
                            + " array_to_string(i.indkey::int2[], ' '), array_to_string(i.indoption::int2[], ' '),"
                            + " i.indnkeyatts,"
                            // The operator class of each key part, '' for a default class.
                            + " array(SELECT CASE WHEN opc.opcdefault THEN ''"
                            + " WHEN opn.nspname = 'pg_catalog' THEN quote_ident(opc.opcname)"
                            + " ELSE quote_ident(opn.nspname) || '.' || quote_ident(opc.opcname) END"
                            + " FROM generate_series(1, i.indnkeyatts) k"
                            + " JOIN pg_opclass opc ON opc.oid = i.indclass[k - 1]"
                            + " JOIN pg_namespace opn ON opn.oid = opc.opcnamespace ORDER BY k),"
                            + " c.relkind,"
                            // the column name of each indkey entry ('' for an expression), for materialized views
                            + " array(SELECT coalesce(a.attname, '') FROM unnest(i.indkey::int2[]) WITH ORDINALITY"
                            + " k(num, ord) LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num"
                            + " ORDER BY k.ord),"
                            // the operators of an exclusion constraint's key parts, empty for any other index; only
                            // looked up for an exclusion index: pg_constraint has no index on conindid, and a scan
                            // per index made this query quadratic (3.9 s for 5,000 tables)
                            + " CASE WHEN i.indisexclusion THEN"
                            + " array(SELECT CASE WHEN opn.nspname = 'pg_catalog' THEN op.oprname"
                            + " ELSE 'OPERATOR(' || quote_ident(opn.nspname) || '.' || op.oprname || ')' END"
                            + " FROM pg_constraint xc, unnest(xc.conexclop) WITH ORDINALITY x(opr, ord)"
                            + " JOIN pg_operator op ON op.oid = x.opr JOIN pg_namespace opn ON opn.oid = op.oprnamespace"
                            + " WHERE xc.conindid = i.indexrelid AND xc.contype = 'x' ORDER BY x.ord)"
                            + " ELSE '{}'::text[] END"
                            + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                            + " JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " JOIN pg_am am ON am.oid = ic.relam"
                            + " WHERE n.nspname IN (" + schemaList + ") AND c.relkind IN ('r', 'p', 'm')"
                            + " AND NOT i.indisprimary")) {
                while (rs.next()) {
                    boolean ofView = rs.getString(11).equals("m");
                    TableBuilder table = tables.get(rs.getLong(1));
                    Map<Integer, String> attributes;
                    if (ofView) {
                        List<String> names = strings(rs.getArray(12));
                        String[] numbers = rs.getString(7).split(" ");
                        attributes = new HashMap<>();
                        for (int k = 0; k < names.size(); k++) {
                            attributes.put(Integer.parseInt(numbers[k]), names.get(k));
                        }
                    } else if (table == null) {
                        continue;
                    } else {
                        attributes = table.attributes;
                    }
                    List<String> texts = strings(rs.getArray(6));
                    String[] keys = rs.getString(7).split(" ");
                    String[] flags = rs.getString(8).split(" ");
                    int keyCount = rs.getInt(9);
                    List<String> operatorClasses = strings(rs.getArray(10));
                    List<KeyPart> parts = new ArrayList<>();
                    for (int k = 0; k < texts.size(); k++) {
                        int attnum = Integer.parseInt(keys[k]);
                        KeyPart part =
                                attnum > 0 ? KeyPart.column(attributes.get(attnum)) : KeyPart.expression(texts.get(k));
                        int option = k < flags.length && !flags[k].isEmpty() ? Integer.parseInt(flags[k]) : 0;
                        String operatorClass = k < operatorClasses.size() ? operatorClasses.get(k) : "";
                        parts.add(keyPartOptions(part, option, operatorClass));
                    }
                    // INCLUDE columns follow the key columns in indkey; they are always plain columns.
                    List<String> include = new ArrayList<>();
                    for (int k = keyCount; k < keys.length; k++) {
                        include.add(attributes.get(Integer.parseInt(keys[k])));
                    }
                    Index index = new Index(
                            rs.getString(2),
                            rs.getBoolean(3),
                            parts,
                            rs.getString(4),
                            Optional.ofNullable(rs.getString(5)),
                            true,
                            include,
                            strings(rs.getArray(13)));
                    if (ofView) {
                        viewIndexes
                                .computeIfAbsent(rs.getLong(1), v -> new ArrayList<>())
                                .add(index);
                    } else {
                        table.indexes.add(index);
                    }
                }
            }
        }

        private void readSequences(Statement statement, Map<String, SchemaBuilder> schemas, Set<String> hidden)
                throws SQLException {
            try (ResultSet rs = query(
                    statement,
                    "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,"
                            + " s.seqmin, s.seqmax, s.seqcycle"
                            + " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid"
                            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE n.nspname IN (" + schemaList + ")" + notInExtension("pg_class", "c.oid"))) {
                while (rs.next()) {
                    if (hidden.contains(rs.getString(1) + "." + rs.getString(2))) {
                        continue;
                    }
                    schemas.get(rs.getString(1))
                            .sequences
                            .add(new Sequence(
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getLong(4),
                                    rs.getLong(5),
                                    rs.getLong(6),
                                    rs.getLong(7),
                                    rs.getBoolean(8)));
                }
            }
        }

        private void readViews(
                Statement statement, Map<String, SchemaBuilder> schemas, Map<Long, List<Index>> viewIndexes)
                throws SQLException {
            try (ResultSet rs = query(
                    statement,
                    "SELECT n.nspname, c.relname, pg_get_viewdef(c.oid, true), c.relkind, c.oid"
                            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE n.nspname IN (" + schemaList + ") AND c.relkind IN ('v', 'm')"
                            + notInExtension("pg_class", "c.oid"))) {
                while (rs.next()) {
                    String definition = rs.getString(3).strip();
                    if (definition.endsWith(";")) {
                        definition = definition.substring(0, definition.length() - 1);
                    }
                    boolean materialized = rs.getString(4).equals("m");
                    schemas.get(rs.getString(1))
                            .views
                            .add(new View(
                                    rs.getString(2),
                                    definition,
                                    materialized,
                                    materialized ? viewIndexes.getOrDefault(rs.getLong(5), List.of()) : List.of()));
                }
            }
        }

        private void readRoutines(Statement statement, Map<String, SchemaBuilder> schemas) throws SQLException {
            try (ResultSet rs = query(
                    statement,
                    "SELECT n.nspname, p.proname, p.prokind, pg_get_function_identity_arguments(p.oid),"
                            + " pg_get_function_result(p.oid),"
                            + " CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END,"
                            + " ag.aggtransfn::regproc::text, format_type(ag.aggtranstype, NULL),"
                            + " CASE WHEN ag.aggfinalfn <> 0 THEN ag.aggfinalfn::regproc::text END, ag.agginitval"
                            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                            + " LEFT JOIN pg_aggregate ag ON ag.aggfnoid = p.oid"
                            + " WHERE n.nspname IN (" + schemaList + ")" + notInExtension("pg_proc", "p.oid"))) {
                while (rs.next()) {
                    String schema = rs.getString(1);
                    String name = rs.getString(2);
                    String kind = rs.getString(3);
                    String arguments = rs.getString(4);
                    String definition;
                    if (kind.equals("a")) {
                        String initial = rs.getString(10);
                        String finalFunction = rs.getString(9);
                        definition = "CREATE AGGREGATE " + PostgresDdlWriter.id(schema) + "."
                                + PostgresDdlWriter.id(name) + "(" + arguments + ") (SFUNC = " + rs.getString(7)
                                + ", STYPE = " + rs.getString(8)
                                + (finalFunction == null ? "" : ", FINALFUNC = " + finalFunction)
                                + (initial == null ? "" : ", INITCOND = " + literal(initial)) + ")";
                    } else {
                        definition = rs.getString(6).strip();
                    }
                    boolean procedure = kind.equals("p");
                    String signature = "(" + arguments + ")" + (procedure ? "" : " RETURNS " + rs.getString(5));
                    schemas.get(schema)
                            .routines
                            .add(new Routine(
                                    procedure ? Routine.Kind.PROCEDURE : Routine.Kind.FUNCTION,
                                    name,
                                    signature,
                                    definition));
                }
            }
        }

        private void readTriggers(Statement statement, Map<String, SchemaBuilder> schemas) throws SQLException {
            try (ResultSet rs = query(
                    statement,
                    "SELECT n.nspname, t.tgname, c.relname, t.tgtype, pg_get_triggerdef(t.oid, true)"
                            + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                            // a trigger cloned onto a partition (tgparentid) is its parent's
                            + " WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND n.nspname IN (" + schemaList + ")")) {
                while (rs.next()) {
                    int type = rs.getInt(4);
                    Trigger.Timing timing = (type & 64) != 0
                            ? Trigger.Timing.INSTEAD_OF
                            : (type & 2) != 0 ? Trigger.Timing.BEFORE : Trigger.Timing.AFTER;
                    List<Trigger.Operation> operations = new ArrayList<>();
                    if ((type & 4) != 0) {
                        operations.add(Trigger.Operation.INSERT);
                    }
                    if ((type & 16) != 0) {
                        operations.add(Trigger.Operation.UPDATE);
                    }
                    if ((type & 8) != 0) {
                        operations.add(Trigger.Operation.DELETE);
                    }
                    if ((type & 32) != 0) {
                        operations.add(Trigger.Operation.TRUNCATE);
                    }
                    schemas.get(rs.getString(1))
                            .triggers
                            .add(new Trigger(rs.getString(2), rs.getString(3), timing, operations, rs.getString(5)));
                }
            }
        }

        private void readEnums(Statement statement, Map<String, SchemaBuilder> schemas) throws SQLException {
            try (ResultSet rs = query(
                    statement,
                    "SELECT n.nspname, t.typname,"
                            + " array(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)"
                            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                            + " WHERE t.typtype = 'e' AND n.nspname IN (" + schemaList + ")"
                            + notInExtension("pg_type", "t.oid"))) {
                while (rs.next()) {
                    schemas.get(rs.getString(1)).enumTypes.add(new EnumType(rs.getString(2), strings(rs.getArray(3))));
                }
            }
        }

        private void readDomains(Statement statement, Map<String, SchemaBuilder> schemas) throws SQLException {
            try (ResultSet rs = query(
                    statement,
                    "SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault,"
                            + " array(SELECT con.conname FROM pg_constraint con WHERE con.contypid = t.oid"
                            + " AND con.contype = 'c' ORDER BY con.conname),"
                            + " array(SELECT pg_get_constraintdef(con.oid, true) FROM pg_constraint con"
                            + " WHERE con.contypid = t.oid AND con.contype = 'c' ORDER BY con.conname)"
                            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                            + " WHERE t.typtype = 'd' AND n.nspname IN (" + schemaList + ")"
                            + notInExtension("pg_type", "t.oid"))) {
                while (rs.next()) {
                    List<String> names = strings(rs.getArray(6));
                    List<String> definitions = strings(rs.getArray(7));
                    List<CheckConstraint> checks = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) {
                        checks.add(new CheckConstraint(
                                names.get(i),
                                stripOuterParentheses(definitions.get(i).substring("CHECK ".length()))));
                    }
                    schemas.get(rs.getString(1))
                            .domainTypes
                            .add(new DomainType(
                                    rs.getString(2),
                                    rs.getString(3),
                                    !rs.getBoolean(4),
                                    normalizeDefault(rs.getString(5)),
                                    checks));
                }
            }
        }

        private static List<String> strings(Array array) throws SQLException {
            if (array == null) {
                return List.of();
            }
            Object[] values = (Object[]) array.getArray();
            List<String> out = new ArrayList<>(values.length);
            for (Object value : values) {
                out.add(String.valueOf(value));
            }
            return out;
        }

        private static ForeignKey.Action action(String code) {
            return switch (code) {
                case "r" -> ForeignKey.Action.RESTRICT;
                case "c" -> ForeignKey.Action.CASCADE;
                case "n" -> ForeignKey.Action.SET_NULL;
                case "d" -> ForeignKey.Action.SET_DEFAULT;
                default -> ForeignKey.Action.NO_ACTION;
            };
        }
    }

    private static final class SchemaBuilder {
        final String name;
        final List<Table> tables = new ArrayList<>();
        final List<View> views = new ArrayList<>();
        final List<Sequence> sequences = new ArrayList<>();
        final List<Routine> routines = new ArrayList<>();
        final List<Trigger> triggers = new ArrayList<>();
        final List<EnumType> enumTypes = new ArrayList<>();
        final List<DomainType> domainTypes = new ArrayList<>();
        final List<String> extensions = new ArrayList<>();

        SchemaBuilder(String name) {
            this.name = name;
        }

        Schema build() {
            return new Schema(
                    name, tables, views, sequences, routines, triggers, enumTypes, domainTypes, List.of(), extensions);
        }
    }

    private static final class TableBuilder {
        final String schema;
        final String name;
        final String comment;
        Optional<String> partitioning;
        final Map<Integer, String> attributes = new HashMap<>();
        final List<Column> columns = new ArrayList<>();
        Optional<PrimaryKey> primaryKey = Optional.empty();
        final List<Index> indexes = new ArrayList<>();
        final List<ForeignKey> foreignKeys = new ArrayList<>();
        final List<CheckConstraint> checks = new ArrayList<>();

        final List<TableOptions.Parent> inherits;

        TableBuilder(
                String schema,
                String name,
                String comment,
                Optional<String> partitioning,
                List<TableOptions.Parent> inherits) {
            this.inherits = inherits;
            this.schema = schema;
            this.name = name;
            this.comment = comment;
            this.partitioning = partitioning;
        }

        Table build() {
            TableOptions options = new TableOptions(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    comment,
                    partitioning,
                    inherits);
            return new Table(name, columns, primaryKey, indexes, foreignKeys, checks, options);
        }
    }
}
