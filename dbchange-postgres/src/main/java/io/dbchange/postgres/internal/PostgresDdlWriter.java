package io.dbchange.postgres.internal;

import io.dbchange.api.schema.CheckConstraint;
import io.dbchange.api.schema.Column;
import io.dbchange.api.schema.DomainType;
import io.dbchange.api.schema.EnumType;
import io.dbchange.api.schema.Event;
import io.dbchange.api.schema.ForeignKey;
import io.dbchange.api.schema.Index;
import io.dbchange.api.schema.KeyPart;
import io.dbchange.api.schema.PrimaryKey;
import io.dbchange.api.schema.Routine;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.Sequence;
import io.dbchange.api.schema.Table;
import io.dbchange.api.schema.TableOptions;
import io.dbchange.api.schema.Trigger;
import io.dbchange.api.schema.View;
import io.dbchange.api.sql.Dialect;
import io.dbchange.core.schema.internal.DdlSpelling;
import io.dbchange.core.schema.internal.MigrationPlanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Spells schema changes for PostgreSQL ({@link DdlSpelling}); {@link MigrationPlanner} orders them. A dump is the
 * migration from an empty database, in this order: schemas, extensions, enum and domain types, sequences, functions
 * and procedures whose signature names no table (with {@code check_function_bodies} off, so their bodies may use
 * tables created later; a generated column, default or check may call them), tables (columns, primary keys, checks,
 * then their indexes and comments), foreign keys (once all tables and unique indexes exist), the other functions
 * (they take or return a table's row type), aggregates, views in dependency order (after the routines, as a view
 * may call one), triggers.
 *
 * <p>A migration changes tables in place ({@code ALTER COLUMN ... TYPE ... USING}, {@code SET/DROP DEFAULT},
 * {@code SET/DROP NOT NULL}, identity, {@code SET EXPRESSION}; constraints; {@code CREATE/DROP INDEX}), alters
 * sequences and domains, adds enum labels with {@code ADD VALUE} when the old labels keep their order (else renames
 * the type away, creates the new one and converts the columns through {@code text}), replaces functions with their
 * {@code CREATE OR REPLACE} definition and drops and creates views, triggers and aggregates. PostgreSQL cannot
 * reorder columns: a new column goes last, and a change of column order is not written.
 */
public final class PostgresDdlWriter implements DdlSpelling {

    private static final PostgresDdlWriter SPELLING = new PostgresDdlWriter();

    private PostgresDdlWriter() {}

    /** The identifier in double quotes. */
    static String id(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String q(String schema, String name) {
        return id(schema) + "." + id(name);
    }

    /** The script that creates the snapshot's objects in an empty database. */
    public static String write(SchemaSnapshot snapshot) {
        return MigrationPlanner.dumpScript(snapshot, SPELLING);
    }

    /** The script that turns a database in state {@code from} into state {@code to}; {@code ""} when equal. */
    public static String migrate(SchemaSnapshot from, SchemaSnapshot to) {
        return MigrationPlanner.migrationScript(from, to, SPELLING);
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public String script(List<String> statements) {
        StringBuilder out = new StringBuilder();
        statements.forEach(s -> out.append(s).append(";\n"));
        return out.toString();
    }

    @Override
    public List<String> prologue() {
        return List.of("SET check_function_bodies = false");
    }

    @Override
    public List<String> createSchema(String schema) {
        return List.of("CREATE SCHEMA IF NOT EXISTS " + id(schema));
    }

    @Override
    public List<String> dropSchema(String schema) {
        return List.of("DROP SCHEMA " + id(schema));
    }

    @Override
    public List<String> createExtension(String schema, String extension) {
        return List.of("CREATE EXTENSION IF NOT EXISTS " + id(extension) + " WITH SCHEMA " + id(schema));
    }

    @Override
    public List<String> dropExtension(String schema, String extension) {
        return List.of("DROP EXTENSION " + id(extension));
    }

    @Override
    public List<String> createEnumType(String schema, EnumType type) {
        return List.of("CREATE TYPE " + q(schema, type.name()) + " AS ENUM ("
                + String.join(
                        ", ",
                        type.values().stream()
                                .map(PostgresSchemaReader::literal)
                                .toList()) + ")");
    }

    /**
     * {@code ADD VALUE} for each new label when the old labels keep their relative order; otherwise the old type is
     * renamed, the new one created, every column converted through {@code text} (its default dropped and set
     * again around it) and the old type dropped.
     */
    @Override
    public List<String> alterEnumType(String schema, EnumType before, EnumType after, List<ColumnRef> columns) {
        List<String> kept =
                after.values().stream().filter(before.values()::contains).toList();
        String name = q(schema, after.name());
        List<String> out = new ArrayList<>();
        if (kept.equals(before.values())) {
            for (int i = 0; i < after.values().size(); i++) {
                String value = after.values().get(i);
                if (before.values().contains(value)) {
                    continue;
                }
                String where = i > 0
                        ? " AFTER "
                                + PostgresSchemaReader.literal(after.values().get(i - 1))
                        : kept.isEmpty() ? "" : " BEFORE " + PostgresSchemaReader.literal(kept.get(0));
                out.add("ALTER TYPE " + name + " ADD VALUE " + PostgresSchemaReader.literal(value) + where);
            }
            return out;
        }
        String old = after.name() + "__dbchange_old";
        out.add("ALTER TYPE " + name + " RENAME TO " + id(old));
        out.addAll(createEnumType(schema, after));
        for (ColumnRef ref : columns) {
            Column column = ref.column();
            String alter = "ALTER TABLE " + q(schema, ref.table()) + " ALTER COLUMN " + id(column.name());
            boolean array = column.type().endsWith("[]");
            String suffix = array ? "[]" : "";
            column.defaultExpression().ifPresent(d -> out.add(alter + " DROP DEFAULT"));
            out.add(alter + " TYPE " + name + suffix + " USING " + id(column.name()) + "::text" + suffix + "::" + name
                    + suffix);
            column.defaultExpression().ifPresent(d -> out.add(alter + " SET DEFAULT " + d));
        }
        out.add("DROP TYPE " + q(schema, old));
        return out;
    }

    @Override
    public List<String> dropEnumType(String schema, EnumType type) {
        return List.of("DROP TYPE " + q(schema, type.name()));
    }

    @Override
    public List<String> createDomainType(String schema, DomainType domain) {
        StringBuilder out = new StringBuilder("CREATE DOMAIN ")
                .append(q(schema, domain.name()))
                .append(" AS ")
                .append(domain.baseType());
        domain.defaultExpression().ifPresent(d -> out.append(" DEFAULT ").append(d));
        if (!domain.nullable()) {
            out.append(" NOT NULL");
        }
        for (CheckConstraint check : domain.checks()) {
            out.append(" CONSTRAINT ")
                    .append(id(check.name()))
                    .append(" CHECK (")
                    .append(check.expression())
                    .append(')');
        }
        return List.of(out.toString());
    }

    /** {@code ALTER DOMAIN} for its default, nullability and checks; a new base type drops and creates it. */
    @Override
    public List<String> alterDomainType(String schema, DomainType before, DomainType after) {
        if (!before.baseType().equals(after.baseType())) {
            List<String> out = new ArrayList<>(dropDomainType(schema, before));
            out.addAll(createDomainType(schema, after));
            return out;
        }
        String alter = "ALTER DOMAIN " + q(schema, after.name());
        List<String> out = new ArrayList<>();
        if (!before.defaultExpression().equals(after.defaultExpression())) {
            out.add(after.defaultExpression()
                    .map(d -> alter + " SET DEFAULT " + d)
                    .orElse(alter + " DROP DEFAULT"));
        }
        if (before.nullable() != after.nullable()) {
            out.add(alter + (after.nullable() ? " DROP NOT NULL" : " SET NOT NULL"));
        }
        for (CheckConstraint check : before.checks()) {
            if (!after.checks().contains(check)) {
                out.add(alter + " DROP CONSTRAINT " + id(check.name()));
            }
        }
        for (CheckConstraint check : after.checks()) {
            if (!before.checks().contains(check)) {
                out.add(alter + " ADD CONSTRAINT " + id(check.name()) + " CHECK (" + check.expression() + ")");
            }
        }
        return out;
    }

    @Override
    public List<String> dropDomainType(String schema, DomainType type) {
        return List.of("DROP DOMAIN " + q(schema, type.name()));
    }

    @Override
    public List<String> createSequence(String schema, Sequence sequence) {
        return List.of("CREATE SEQUENCE " + q(schema, sequence.name()) + sequenceOptions(sequence));
    }

    private static String sequenceOptions(Sequence sequence) {
        return " AS " + sequence.dataType() + " INCREMENT BY " + sequence.increment() + " MINVALUE "
                + sequence.minValue() + " MAXVALUE " + sequence.maxValue() + " START WITH " + sequence.start()
                + (sequence.cycle() ? " CYCLE" : " NO CYCLE");
    }

    @Override
    public List<String> alterSequence(String schema, Sequence before, Sequence after) {
        return List.of("ALTER SEQUENCE " + q(schema, after.name()) + sequenceOptions(after));
    }

    @Override
    public List<String> dropSequence(String schema, Sequence sequence) {
        return List.of("DROP SEQUENCE " + q(schema, sequence.name()));
    }

    @Override
    public List<String> createTable(String schema, Table table) {
        List<String> out = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Column column : table.columns()) {
            lines.add(column(column));
        }
        table.primaryKey().ifPresent(pk -> lines.add(primaryKey(pk)));
        for (CheckConstraint check : table.checks()) {
            lines.add(check(check));
        }
        out.add("CREATE TABLE " + q(schema, table.name()) + " (\n  " + String.join(",\n  ", lines) + "\n)"
                + inherits(table.options().inherits())
                + table.options()
                        .partitioning()
                        .map(p -> " PARTITION BY " + PartitionClause.parse(p).key())
                        .orElse(""));
        table.options()
                .partitioning()
                .ifPresent(p -> out.addAll(createPartitions(
                        id(schema),
                        q(schema, table.name()),
                        PartitionClause.parse(p).partitions())));
        for (Index index : table.indexes()) {
            out.addAll(createIndex(schema, table, index));
        }
        if (!table.options().comment().isEmpty()) {
            out.add(tableComment(schema, table));
        }
        for (Column column : table.columns()) {
            if (!column.comment().isEmpty()) {
                out.add(columnComment(schema, table, column));
            }
        }
        return out;
    }

    private static String tableComment(String schema, Table table) {
        String comment = table.options().comment();
        return "COMMENT ON TABLE " + q(schema, table.name()) + " IS "
                + (comment.isEmpty() ? "NULL" : PostgresSchemaReader.literal(comment));
    }

    private static String columnComment(String schema, Table table, Column column) {
        return "COMMENT ON COLUMN " + q(schema, table.name()) + "." + id(column.name()) + " IS "
                + (column.comment().isEmpty() ? "NULL" : PostgresSchemaReader.literal(column.comment()));
    }

    private static String column(Column column) {
        StringBuilder line = new StringBuilder(id(column.name())).append(' ').append(column.type());
        column.collation().ifPresent(c -> line.append(" COLLATE ").append(id(c)));
        column.generated()
                .ifPresent(g -> line.append(" GENERATED ALWAYS AS (")
                        .append(g.expression())
                        .append(") STORED"));
        line.append(identity(column.identity()));
        column.defaultExpression().ifPresent(d -> line.append(" DEFAULT ").append(d));
        if (!column.nullable()) {
            line.append(" NOT NULL");
        }
        return line.toString();
    }

    private static String identity(Column.Identity identity) {
        return switch (identity) {
            case ALWAYS -> " GENERATED ALWAYS AS IDENTITY";
            case BY_DEFAULT -> " GENERATED BY DEFAULT AS IDENTITY";
            default -> "";
        };
    }

    private static String primaryKey(PrimaryKey pk) {
        return "CONSTRAINT " + id(pk.name()) + " PRIMARY KEY (" + ids(pk.columnNames()) + ")";
    }

    private static String check(CheckConstraint check) {
        return "CONSTRAINT " + id(check.name()) + " CHECK (" + check.expression() + ")";
    }

    @Override
    public List<String> dropTable(String schema, Table table) {
        return List.of("DROP TABLE " + q(schema, table.name()));
    }

    /**
     * The comment and the partitions: a partition gone or whose bound or own partitioning changed is dropped (with
     * its rows), a new one created. A changed partition key cannot be written (PostgreSQL cannot change it in
     * place).
     */
    @Override
    public List<String> alterTableOptions(String schema, Table before, Table after) {
        List<String> out = new ArrayList<>();
        Optional<String> was = before.options().partitioning();
        Optional<String> is = after.options().partitioning();
        if (was.isPresent() && is.isPresent() && !was.equals(is)) {
            PartitionClause a = PartitionClause.parse(was.get());
            PartitionClause b = PartitionClause.parse(is.get());
            if (a.key().equals(b.key())) {
                List<String> late = new ArrayList<>();
                alterPartitions(id(schema), q(schema, after.name()), a, b, out, late);
                out.addAll(late);
            }
        }
        List<TableOptions.Parent> wasParents = before.options().inherits();
        List<TableOptions.Parent> isParents = after.options().inherits();
        if (!wasParents.equals(isParents)) {
            // NO INHERIT keeps the inherited columns and checks as the table's own, so parents that stay (in the same
            // order, new ones last) are left alone; any other change is a detach and attach of all of them
            List<TableOptions.Parent> kept =
                    wasParents.stream().filter(isParents::contains).toList();
            boolean inPlace = isParents.subList(0, kept.size()).equals(kept);
            for (TableOptions.Parent p : wasParents) {
                if (!inPlace || !isParents.contains(p)) {
                    out.add("ALTER TABLE " + q(schema, after.name()) + " NO INHERIT " + q(p.schema(), p.table()));
                }
            }
            for (TableOptions.Parent p : inPlace ? isParents.subList(kept.size(), isParents.size()) : isParents) {
                out.add("ALTER TABLE " + q(schema, after.name()) + " INHERIT " + q(p.schema(), p.table()));
            }
        }
        if (!before.options().comment().equals(after.options().comment())) {
            out.add(tableComment(schema, after));
        }
        return out;
    }

    /**
     * {@code INHERITS (..)}: the table's columns are all written, those of its parents too, which PostgreSQL merges
     * with the inherited ones (their order is the parents' first, as the reader reads them).
     */
    private static String inherits(List<TableOptions.Parent> parents) {
        if (parents.isEmpty()) {
            return "";
        }
        return " INHERITS ("
                + String.join(
                        ", ",
                        parents.stream().map(p -> q(p.schema(), p.table())).toList())
                + ")";
    }

    /**
     * Turns the partitions {@code a} of {@code parent} into {@code b}, at every level: a partition whose name, bound
     * or partition key changed is detached and dropped (with its rows) and created anew; one that stays keeps its rows
     * and only its own indexes and checks change (its foreign keys: {@link #dropOptionReferences}). Drops go to
     * {@code out}, additions to {@code late}, which the caller writes after the new partitions.
     */
    private static void alterPartitions(
            String schema, String parent, PartitionClause a, PartitionClause b, List<String> out, List<String> late) {
        List<PartitionClause.Partition> create = new ArrayList<>();
        for (PartitionClause.Partition n : b.partitions()) {
            if (a.partitions().stream().noneMatch(n::sameTable)) {
                create.add(n);
            }
        }
        for (PartitionClause.Partition p : a.partitions()) {
            String name = qualify(schema, p.name());
            Optional<PartitionClause.Partition> same =
                    b.partitions().stream().filter(p::sameTable).findFirst();
            if (same.isEmpty()) {
                // detached first: a foreign key to the parent has a clone that depends on the partition
                out.add("ALTER TABLE " + parent + " DETACH PARTITION " + name);
                out.add("DROP TABLE " + name);
                continue;
            }
            PartitionClause.Partition n = same.get();
            for (String index : p.indexes()) {
                if (!n.indexes().contains(index)) {
                    out.add("DROP INDEX " + schemaOf(schema, p.name()) + "." + indexName(index));
                }
            }
            for (String check : p.checks()) {
                if (!n.checks().contains(check)) {
                    out.add("ALTER TABLE " + name + " DROP CONSTRAINT " + PartitionClause.constraintName(check));
                }
            }
            for (String index : n.indexes()) {
                if (!p.indexes().contains(index)) {
                    late.add(index);
                }
            }
            for (String check : n.checks()) {
                if (!p.checks().contains(check)) {
                    late.add("ALTER TABLE " + name + " ADD " + check);
                }
            }
            if (p.sub().isPresent() && !p.sub().equals(n.sub())) {
                alterPartitions(
                        schemaOf(schema, p.name()), name, p.sub().get(), n.sub().orElseThrow(), out, late);
            }
        }
        out.addAll(createPartitions(schema, parent, create));
    }

    /**
     * Drops the foreign keys that partitions have of their own and that do not stay as they are (the partition gone
     * or created anew, the key gone or changed), before any table is dropped: a partition's key can refer to a table
     * that goes away, and partitions change only with the table's options, after the drops.
     */
    @Override
    public List<String> dropOptionReferences(String schema, Table before, Table after) {
        Set<String> kept = partitionForeignKeys(schema, after).keySet();
        List<String> out = new ArrayList<>();
        partitionForeignKeys(schema, before).forEach((identity, key) -> {
            if (!kept.contains(identity)) {
                out.add("ALTER TABLE " + key.partition() + " DROP CONSTRAINT "
                        + PartitionClause.constraintName(key.definition()));
            }
        });
        return out;
    }

    /** Adds the foreign keys of partitions that {@link #dropOptionReferences} dropped or that are new. */
    @Override
    public List<String> addOptionReferences(String schema, Table before, Table after) {
        Set<String> existed = partitionForeignKeys(schema, before).keySet();
        List<String> out = new ArrayList<>();
        partitionForeignKeys(schema, after).forEach((identity, key) -> {
            if (!existed.contains(identity)) {
                out.add("ALTER TABLE " + key.partition() + " ADD " + key.definition());
            }
        });
        return out;
    }

    /** A foreign key of a partition: the partition's qualified name and the key's definition. */
    private record PartitionKey(String partition, String definition) {}

    /**
     * The foreign keys of the partitions of {@code table} (none for {@code null}), by an identity that changes when
     * the key or any partition on the way to it (name, bound, partition key) changes.
     */
    private static Map<String, PartitionKey> partitionForeignKeys(String schema, Table table) {
        Map<String, PartitionKey> out = new LinkedHashMap<>();
        if (table != null) {
            table.options()
                    .partitioning()
                    .ifPresent(p -> collectForeignKeys(id(schema), "", PartitionClause.parse(p), out));
        }
        return out;
    }

    private static void collectForeignKeys(
            String schema, String path, PartitionClause clause, Map<String, PartitionKey> out) {
        for (PartitionClause.Partition p : clause.partitions()) {
            String name = qualify(schema, p.name());
            String identity = path + "\u0000" + name + "\u0000" + p.bound() + "\u0000"
                    + p.sub().map(PartitionClause::key).orElse("");
            for (String key : p.foreignKeys()) {
                out.put(identity + "\u0000" + key, new PartitionKey(name, key));
            }
            p.sub().ifPresent(c -> collectForeignKeys(schemaOf(schema, p.name()), identity, c, out));
        }
    }

    /** {@code CREATE TABLE .. PARTITION OF ..} for each partition, and its own partitions after it. */
    private static List<String> createPartitions(
            String schema, String parent, List<PartitionClause.Partition> partitions) {
        List<String> out = new ArrayList<>();
        for (PartitionClause.Partition p : partitions) {
            String name = qualify(schema, p.name());
            out.add("CREATE TABLE " + name + " PARTITION OF " + parent + " " + p.bound()
                    + p.sub().map(c -> " PARTITION BY " + c.key()).orElse(""));
            out.addAll(p.indexes());
            for (String check : p.checks()) {
                out.add("ALTER TABLE " + name + " ADD " + check);
            }
            p.sub().ifPresent(c -> out.addAll(createPartitions(schemaOf(schema, p.name()), name, c.partitions())));
        }
        return out;
    }

    /** A partition's name as the reader wrote it (quoted, qualified when not in the parent's schema), qualified. */
    private static String qualify(String schema, String name) {
        return dot(name) < 0 ? schema + "." + name : name;
    }

    /** The index name of {@code CREATE [UNIQUE] INDEX name ON ..} as {@code pg_get_indexdef} writes it. */
    private static String indexName(String createIndex) {
        String rest = createIndex.substring(createIndex.indexOf("INDEX ") + "INDEX ".length());
        return rest.substring(0, rest.indexOf(" ON "));
    }

    private static String schemaOf(String schema, String name) {
        int dot = dot(name);
        return dot < 0 ? schema : name.substring(0, dot);
    }

    /** The position of the dot between schema and name outside double quotes, -1 if none. */
    private static int dot(String name) {
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public List<String> addColumn(String schema, Table table, Column column) {
        List<String> out = new ArrayList<>();
        out.add("ALTER TABLE " + q(schema, table.name()) + " ADD COLUMN " + column(column));
        if (!column.comment().isEmpty()) {
            out.add(columnComment(schema, table, column));
        }
        return out;
    }

    @Override
    public List<String> alterColumn(String schema, Table table, Column before, Column after, List<String> attributes) {
        String alter = "ALTER TABLE " + q(schema, table.name()) + " ALTER COLUMN " + id(after.name());
        List<String> out = new ArrayList<>();
        boolean retype = attributes.contains("type") || attributes.contains("collation");
        if (attributes.contains("generated")) {
            if (before.generated().isPresent() && after.generated().isPresent()) {
                out.add(alter + " SET EXPRESSION AS (" + after.generated().get().expression() + ")");
            } else if (after.generated().isEmpty()) {
                out.add(alter + " DROP EXPRESSION");
            }
        }
        if (before.identity() != after.identity() && after.identity() == Column.Identity.NONE) {
            out.add(alter + " DROP IDENTITY");
        }
        boolean defaultDropped = false;
        if (before.defaultExpression().isPresent()
                && (retype || !before.defaultExpression().equals(after.defaultExpression()))) {
            out.add(alter + " DROP DEFAULT");
            defaultDropped = true;
        }
        if (retype) {
            out.add(alter + " TYPE " + after.type()
                    + after.collation().map(c -> " COLLATE " + id(c)).orElse("") + " USING " + id(after.name()) + "::"
                    + after.type());
        }
        if (after.defaultExpression().isPresent()
                && (defaultDropped || !before.defaultExpression().equals(after.defaultExpression()))) {
            out.add(alter + " SET DEFAULT " + after.defaultExpression().get());
        }
        if (before.nullable() != after.nullable()) {
            out.add(alter + (after.nullable() ? " DROP NOT NULL" : " SET NOT NULL"));
        }
        if (before.identity() != after.identity() && after.identity() != Column.Identity.NONE) {
            out.add(
                    before.identity() == Column.Identity.NONE
                            ? alter + " ADD" + identity(after.identity())
                            : alter + " SET GENERATED "
                                    + (after.identity() == Column.Identity.ALWAYS ? "ALWAYS" : "BY DEFAULT"));
        }
        if (!before.comment().equals(after.comment())) {
            out.add(columnComment(schema, table, after));
        }
        return out;
    }

    @Override
    public List<String> reorderColumns(String schema, Table before, Table after) {
        return List.of();
    }

    @Override
    public List<String> dropColumn(String schema, Table table, Column column) {
        return List.of("ALTER TABLE " + q(schema, table.name()) + " DROP COLUMN " + id(column.name()));
    }

    @Override
    public List<String> addPrimaryKey(String schema, Table table, PrimaryKey key) {
        return List.of("ALTER TABLE " + q(schema, table.name()) + " ADD " + primaryKey(key));
    }

    @Override
    public List<String> dropPrimaryKey(String schema, Table table, PrimaryKey key) {
        return List.of("ALTER TABLE " + q(schema, table.name()) + " DROP CONSTRAINT " + id(key.name()));
    }

    @Override
    public List<String> createIndex(String schema, Table table, Index index) {
        if (index.exclusion()) {
            return List.of(exclusion(schema, table, index));
        }
        StringBuilder out = new StringBuilder("CREATE ")
                .append(index.unique() ? "UNIQUE " : "")
                .append("INDEX ")
                .append(id(index.name()))
                .append(" ON ")
                .append(q(schema, table.name()))
                .append(" USING ")
                .append(index.method())
                .append(" (")
                .append(parts(index.parts()))
                .append(')');
        if (!index.includeColumns().isEmpty()) {
            out.append(" INCLUDE (").append(ids(index.includeColumns())).append(')');
        }
        index.predicate().ifPresent(p -> out.append(" WHERE ").append(p));
        return List.of(out.toString());
    }

    /** An exclusion constraint: its index is created by the constraint and has the constraint's name. */
    private static String exclusion(String schema, Table table, Index index) {
        List<String> elements = new ArrayList<>();
        List<KeyPart> parts = index.parts();
        for (int k = 0; k < parts.size(); k++) {
            elements.add(parts(List.of(parts.get(k))) + " WITH "
                    + index.exclusionOperators().get(k));
        }
        StringBuilder out = new StringBuilder("ALTER TABLE ")
                .append(q(schema, table.name()))
                .append(" ADD CONSTRAINT ")
                .append(id(index.name()))
                .append(" EXCLUDE USING ")
                .append(index.method())
                .append(" (")
                .append(String.join(", ", elements))
                .append(')');
        if (!index.includeColumns().isEmpty()) {
            out.append(" INCLUDE (").append(ids(index.includeColumns())).append(')');
        }
        index.predicate().ifPresent(p -> out.append(" WHERE (").append(p).append(')'));
        return out.toString();
    }

    /**
     * A unique index may belong to a {@code UNIQUE} constraint (the model does not tell them apart), which must be
     * dropped instead: the constraint is dropped if there is one, then the index if it is still there.
     */
    @Override
    public List<String> dropIndex(String schema, Table table, Index index) {
        List<String> out = new ArrayList<>();
        if (index.unique() || index.exclusion()) {
            out.add("ALTER TABLE " + q(schema, table.name()) + " DROP CONSTRAINT IF EXISTS " + id(index.name()));
        }
        out.add("DROP INDEX IF EXISTS " + q(schema, index.name()));
        return out;
    }

    @Override
    public List<String> addCheck(String schema, Table table, CheckConstraint check) {
        return List.of("ALTER TABLE " + q(schema, table.name()) + " ADD " + check(check));
    }

    @Override
    public List<String> dropCheck(String schema, Table table, CheckConstraint check) {
        return List.of("ALTER TABLE " + q(schema, table.name()) + " DROP CONSTRAINT " + id(check.name()));
    }

    @Override
    public List<String> addForeignKey(String schema, Table table, ForeignKey fk) {
        return List.of("ALTER TABLE " + q(schema, table.name()) + " ADD CONSTRAINT " + id(fk.name())
                + " FOREIGN KEY (" + ids(fk.columns()) + ") REFERENCES "
                + q(fk.referencedSchema(), fk.referencedTable())
                + " (" + ids(fk.referencedColumns()) + ") ON DELETE "
                + fk.onDelete().name().replace('_', ' ')
                + " ON UPDATE " + fk.onUpdate().name().replace('_', ' '));
    }

    @Override
    public List<String> dropForeignKey(String schema, Table table, ForeignKey fk) {
        return List.of("ALTER TABLE " + q(schema, table.name()) + " DROP CONSTRAINT " + id(fk.name()));
    }

    @Override
    public List<String> createView(String schema, View view) {
        if (!view.materialized()) {
            return List.of("CREATE VIEW " + q(schema, view.name()) + " AS\n" + view.definition());
        }
        // WITH DATA (the default): a dump or migration leaves a materialized view usable, as REFRESH would.
        List<String> out = new ArrayList<>();
        out.add("CREATE MATERIALIZED VIEW " + q(schema, view.name()) + " AS\n" + view.definition());
        Table relation = Table.of(view.name(), List.of());
        for (Index index : view.indexes()) {
            out.addAll(createIndex(schema, relation, index));
        }
        return out;
    }

    @Override
    public List<String> dropView(String schema, View view) {
        return List.of((view.materialized() ? "DROP MATERIALIZED VIEW " : "DROP VIEW ") + q(schema, view.name()));
    }

    @Override
    public List<String> createRoutine(String schema, Routine routine) {
        return List.of(routine.definition());
    }

    /** A function's or procedure's definition is {@code CREATE OR REPLACE}; an aggregate is dropped and created. */
    @Override
    public List<String> replaceRoutine(String schema, Routine before, Routine after) {
        if (!isAggregate(after) && !isAggregate(before)) {
            return createRoutine(schema, after);
        }
        List<String> out = new ArrayList<>(dropRoutine(schema, before));
        out.addAll(createRoutine(schema, after));
        return out;
    }

    @Override
    public List<String> dropRoutine(String schema, Routine routine) {
        String kind = isAggregate(routine) ? "AGGREGATE" : routine.kind().name();
        return List.of("DROP " + kind + " " + q(schema, routine.name()) + arguments(routine.signature()));
    }

    private static boolean isAggregate(Routine routine) {
        return routine.definition().startsWith("CREATE AGGREGATE");
    }

    /** The parenthesized argument list at the start of a signature such as {@code (a integer) RETURNS text}. */
    static String arguments(String signature) {
        int depth = 0;
        for (int i = 0; i < signature.length(); i++) {
            char c = signature.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return signature.substring(0, i + 1);
            }
        }
        return signature;
    }

    @Override
    public List<String> createTrigger(String schema, Trigger trigger) {
        return List.of(trigger.definition());
    }

    @Override
    public List<String> dropTrigger(String schema, Trigger trigger) {
        return List.of("DROP TRIGGER " + id(trigger.name()) + " ON " + q(schema, trigger.table()));
    }

    @Override
    public List<String> createEvent(String schema, Event event) {
        return List.of();
    }

    @Override
    public List<String> dropEvent(String schema, Event event) {
        return List.of();
    }

    private static String parts(List<KeyPart> parts) {
        List<String> out = new ArrayList<>();
        for (KeyPart part : parts) {
            String text = part.column()
                    .map(PostgresDdlWriter::id)
                    .orElseGet(() -> "(" + part.expression().orElseThrow() + ")");
            text += part.operatorClass().map(c -> " " + c).orElse("");
            text += part.order() == KeyPart.Order.DESC ? " DESC" : "";
            text += part.nulls().map(n -> " NULLS " + n).orElse("");
            out.add(text);
        }
        return String.join(", ", out);
    }

    private static String ids(List<String> names) {
        return String.join(", ", names.stream().map(PostgresDdlWriter::id).toList());
    }
}
