package io.dbchange.mysql.internal;

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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spells schema changes for MySQL/MariaDB ({@link DdlSpelling}); {@link MigrationPlanner} orders them. A dump is the
 * migration from an empty database: sequences, routines, tables (with their keys, indexes and checks), every foreign
 * key with {@code ALTER TABLE} once all tables exist, views in dependency order, triggers and events. A migration
 * changes tables in place ({@code ALTER TABLE ... ADD/MODIFY/DROP COLUMN} with {@code FIRST}/{@code AFTER} for the
 * column order, {@code ADD/DROP INDEX}, {@code DROP FOREIGN KEY}, {@code CONVERT TO CHARACTER SET} for a new table
 * charset or collation) and drops and creates views, routines, triggers, events and changed sequences. Statements
 * end with {@code ;}, except that routine, trigger and event bodies are wrapped in {@code DELIMITER ;;} so that the
 * script runs in the {@code mysql} client and through {@code DatabaseEngine.split}/{@code execute}.
 *
 * <p>Index visibility is written as MariaDB's {@code IGNORED}.
 */
public final class MySqlDdlWriter implements DdlSpelling {

    private static final Pattern DEFINER =
            Pattern.compile("^(DEFINER=`(?:[^`]|``)*`(?:@`(?:[^`]|``)*`)? )(.*)$", Pattern.DOTALL);

    /** A statement with a body that may contain {@code ;}: it needs another delimiter. */
    private static final Pattern COMPOUND = Pattern.compile(
            "^CREATE (?:DEFINER=`(?:[^`]|``)*`(?:@`(?:[^`]|``)*`)? )?(?:PROCEDURE|FUNCTION|TRIGGER|EVENT) ");

    private static final MySqlDdlWriter SPELLING = new MySqlDdlWriter();

    private MySqlDdlWriter() {}

    /** The identifier in backticks. */
    static String id(String name) {
        return "`" + name.replace("`", "``") + "`";
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
        return Dialect.MYSQL;
    }

    @Override
    public String script(List<String> statements) {
        StringBuilder out = new StringBuilder();
        boolean compound = false;
        for (String statement : statements) {
            boolean needs = COMPOUND.matcher(statement).find();
            if (needs != compound) {
                out.append(needs ? "\nDELIMITER ;;\n" : "\nDELIMITER ;\n");
                compound = needs;
            }
            out.append(compound ? "\n" : "").append(statement).append(compound ? " ;;\n" : ";\n");
        }
        if (compound) {
            out.append("\nDELIMITER ;\n");
        }
        return out.toString();
    }

    @Override
    public List<String> prologue() {
        return List.of();
    }

    // MySQL/MariaDB have no schemas inside a database, extensions, enum or domain types (snapshots hold none).

    @Override
    public List<String> createSchema(String schema) {
        return List.of();
    }

    @Override
    public List<String> dropSchema(String schema) {
        return List.of();
    }

    @Override
    public List<String> createExtension(String schema, String extension) {
        return List.of();
    }

    @Override
    public List<String> dropExtension(String schema, String extension) {
        return List.of();
    }

    @Override
    public List<String> createEnumType(String schema, EnumType type) {
        return List.of();
    }

    @Override
    public List<String> alterEnumType(String schema, EnumType before, EnumType after, List<ColumnRef> columns) {
        return List.of();
    }

    @Override
    public List<String> dropEnumType(String schema, EnumType type) {
        return List.of();
    }

    @Override
    public List<String> createDomainType(String schema, DomainType type) {
        return List.of();
    }

    @Override
    public List<String> alterDomainType(String schema, DomainType before, DomainType after) {
        return List.of();
    }

    @Override
    public List<String> dropDomainType(String schema, DomainType type) {
        return List.of();
    }

    @Override
    public List<String> createSequence(String schema, Sequence sequence) {
        return List.of("CREATE SEQUENCE " + id(sequence.name()) + " START WITH " + sequence.start() + " MINVALUE "
                + sequence.minValue() + " MAXVALUE " + sequence.maxValue() + " INCREMENT BY " + sequence.increment()
                + (sequence.cycle() ? " CYCLE" : " NOCYCLE"));
    }

    /** Dropped and created: MariaDB's {@code ALTER SEQUENCE} cannot change every parameter (its type). */
    @Override
    public List<String> alterSequence(String schema, Sequence before, Sequence after) {
        List<String> out = new ArrayList<>(dropSequence(schema, before));
        out.addAll(createSequence(schema, after));
        return out;
    }

    @Override
    public List<String> dropSequence(String schema, Sequence sequence) {
        return List.of("DROP SEQUENCE " + id(sequence.name()));
    }

    @Override
    public List<String> createTable(String schema, Table table) {
        return List.of(tableDefinition(table));
    }

    @Override
    public List<String> dropTable(String schema, Table table) {
        return List.of("DROP TABLE " + id(table.name()));
    }

    /**
     * A new default charset or collation converts the table ({@code CONVERT TO}), as the columns that inherit it
     * must follow; columns with a charset or collation of their own are then restated.
     */
    @Override
    public List<String> alterTableOptions(String schema, Table before, Table after) {
        TableOptions a = before.options();
        TableOptions b = after.options();
        String alter = "ALTER TABLE " + id(after.name());
        List<String> out = new ArrayList<>();
        List<String> clauses = new ArrayList<>();
        if (!a.engine().equals(b.engine())) {
            b.engine().ifPresent(e -> clauses.add("ENGINE=" + e));
        }
        if (!a.rowFormat().equals(b.rowFormat())) {
            clauses.add("ROW_FORMAT=" + b.rowFormat().orElse("DEFAULT"));
        }
        if (!a.comment().equals(b.comment())) {
            clauses.add("COMMENT=" + MySqlSchemaReader.quote(b.comment()));
        }
        if (!clauses.isEmpty()) {
            out.add(alter + " " + String.join(" ", clauses));
        }
        if (!a.charset().equals(b.charset()) || !a.collation().equals(b.collation())) {
            out.add(alter + " CONVERT TO CHARACTER SET " + b.charset().orElse("DEFAULT")
                    + b.collation().map(c -> " COLLATE " + c).orElse(""));
            for (Column column : after.columns()) {
                // Columns added later get their whole definition then.
                boolean exists = before.column(column.name()).isPresent();
                if (exists
                        && (column.charset().isPresent() || column.collation().isPresent())) {
                    out.add(alter + " MODIFY COLUMN " + column(column));
                }
            }
        }
        if (!a.partitioning().equals(b.partitioning())) {
            out.add(alter + b.partitioning().map(p -> " PARTITION BY " + p).orElse(" REMOVE PARTITIONING"));
        }
        return out;
    }

    @Override
    public List<String> addColumn(String schema, Table table, Column column) {
        return List.of("ALTER TABLE " + id(table.name()) + " ADD COLUMN " + column(column) + position(table, column));
    }

    @Override
    public List<String> alterColumn(String schema, Table table, Column before, Column after, List<String> attributes) {
        return List.of("ALTER TABLE " + id(table.name()) + " MODIFY COLUMN " + column(after));
    }

    /**
     * Works out the order the columns are in after the drops and the {@code ADD COLUMN ... AFTER}s, then restates
     * every column from the first one out of place with {@code MODIFY ... AFTER} its predecessor: each statement
     * puts one more column in its final place.
     */
    @Override
    public List<String> reorderColumns(String schema, Table before, Table after) {
        List<String> target = after.columns().stream().map(Column::name).toList();
        List<String> current = new ArrayList<>();
        for (Column column : before.columns()) {
            if (target.contains(column.name())) {
                current.add(column.name());
            }
        }
        for (int i = 0; i < target.size(); i++) {
            String name = target.get(i);
            if (!current.contains(name)) {
                current.add(i == 0 ? 0 : current.indexOf(target.get(i - 1)) + 1, name);
            }
        }
        int first = 0;
        while (first < target.size() && target.get(first).equals(current.get(first))) {
            first++;
        }
        List<String> out = new ArrayList<>();
        for (int i = first; i < target.size(); i++) {
            Column column = after.columns().get(i);
            out.add("ALTER TABLE " + id(after.name()) + " MODIFY COLUMN " + column(column) + position(after, column));
        }
        return out;
    }

    private static String position(Table table, Column column) {
        int index = table.columns().indexOf(column);
        return index == 0
                ? " FIRST"
                : " AFTER " + id(table.columns().get(index - 1).name());
    }

    @Override
    public List<String> dropColumn(String schema, Table table, Column column) {
        return List.of("ALTER TABLE " + id(table.name()) + " DROP COLUMN " + id(column.name()));
    }

    @Override
    public List<String> addPrimaryKey(String schema, Table table, PrimaryKey key) {
        return List.of("ALTER TABLE " + id(table.name()) + " ADD PRIMARY KEY (" + parts(key.parts()) + ")");
    }

    @Override
    public List<String> dropPrimaryKey(String schema, Table table, PrimaryKey key) {
        return List.of("ALTER TABLE " + id(table.name()) + " DROP PRIMARY KEY");
    }

    @Override
    public List<String> createIndex(String schema, Table table, Index index) {
        return List.of("ALTER TABLE " + id(table.name()) + " ADD " + index(index));
    }

    @Override
    public List<String> dropIndex(String schema, Table table, Index index) {
        return List.of("ALTER TABLE " + id(table.name()) + " DROP INDEX " + id(index.name()));
    }

    @Override
    public List<String> addCheck(String schema, Table table, CheckConstraint check) {
        return List.of("ALTER TABLE " + id(table.name()) + " ADD " + check(check));
    }

    @Override
    public List<String> dropCheck(String schema, Table table, CheckConstraint check) {
        // IF EXISTS: MariaDB's JSON columns come with a column-level check named after the column, which DROP
        // CONSTRAINT does not find (dropping or changing the column removes it).
        return List.of("ALTER TABLE " + id(table.name()) + " DROP CONSTRAINT IF EXISTS " + id(check.name()));
    }

    @Override
    public List<String> addForeignKey(String schema, Table table, ForeignKey fk) {
        return List.of("ALTER TABLE " + id(table.name()) + " ADD CONSTRAINT " + id(fk.name()) + " FOREIGN KEY ("
                + ids(fk.columns()) + ") REFERENCES "
                + (fk.referencedSchema().isEmpty() ? "" : id(fk.referencedSchema()) + ".")
                + id(fk.referencedTable()) + " (" + ids(fk.referencedColumns()) + ") ON DELETE "
                + action(fk.onDelete()) + " ON UPDATE " + action(fk.onUpdate()));
    }

    @Override
    public List<String> dropForeignKey(String schema, Table table, ForeignKey fk) {
        return List.of("ALTER TABLE " + id(table.name()) + " DROP FOREIGN KEY " + id(fk.name()));
    }

    @Override
    public List<String> createView(String schema, View view) {
        String[] definer = splitDefiner(view.definition());
        String rest = definer[1];
        String security = "";
        if (rest.startsWith("SQL SECURITY INVOKER ")) {
            security = "SQL SECURITY INVOKER ";
            rest = rest.substring(security.length());
        }
        return List.of("CREATE " + definer[0] + security + "VIEW " + id(view.name()) + " AS " + rest);
    }

    @Override
    public List<String> dropView(String schema, View view) {
        return List.of("DROP VIEW " + id(view.name()));
    }

    @Override
    public List<String> createRoutine(String schema, Routine routine) {
        String[] definer = splitDefiner(routine.definition());
        return List.of("CREATE " + definer[0] + routine.kind() + " " + id(routine.name()) + routine.signature() + "\n"
                + definer[1]);
    }

    @Override
    public List<String> replaceRoutine(String schema, Routine before, Routine after) {
        List<String> out = new ArrayList<>(dropRoutine(schema, before));
        out.addAll(createRoutine(schema, after));
        return out;
    }

    @Override
    public List<String> dropRoutine(String schema, Routine routine) {
        return List.of("DROP " + routine.kind() + " " + id(routine.name()));
    }

    @Override
    public List<String> createTrigger(String schema, Trigger trigger) {
        String[] definer = splitDefiner(trigger.definition());
        return List.of("CREATE " + definer[0] + "TRIGGER " + id(trigger.name()) + " " + trigger.timing() + " "
                + trigger.operations().get(0) + " ON " + id(trigger.table()) + " FOR EACH ROW " + definer[1]);
    }

    @Override
    public List<String> dropTrigger(String schema, Trigger trigger) {
        return List.of("DROP TRIGGER " + id(trigger.name()));
    }

    @Override
    public List<String> createEvent(String schema, Event event) {
        String[] definer = splitDefiner(event.definition());
        return List.of("CREATE " + definer[0] + "EVENT " + id(event.name()) + " ON SCHEDULE " + event.schedule()
                + (event.enabled() ? " ENABLE" : " DISABLE")
                + (event.comment().isEmpty() ? "" : " COMMENT " + MySqlSchemaReader.quote(event.comment()))
                + " DO " + definer[1]);
    }

    @Override
    public List<String> dropEvent(String schema, Event event) {
        return List.of("DROP EVENT " + id(event.name()));
    }

    private static String[] splitDefiner(String definition) {
        Matcher m = DEFINER.matcher(definition);
        return m.matches() ? new String[] {m.group(1), m.group(2)} : new String[] {"", definition};
    }

    private static String tableDefinition(Table table) {
        List<String> lines = new ArrayList<>();
        for (Column column : table.columns()) {
            lines.add(column(column));
        }
        table.primaryKey().ifPresent(pk -> lines.add("PRIMARY KEY (" + parts(pk.parts()) + ")"));
        for (Index index : table.indexes()) {
            lines.add(index(index));
        }
        for (CheckConstraint check : table.checks()) {
            lines.add(check(check));
        }
        StringBuilder out = new StringBuilder("CREATE TABLE ")
                .append(id(table.name()))
                .append(" (\n  ")
                .append(String.join(",\n  ", lines))
                .append("\n)");
        TableOptions options = table.options();
        options.engine().ifPresent(e -> out.append(" ENGINE=").append(e));
        options.charset().ifPresent(c -> out.append(" DEFAULT CHARSET=").append(c));
        options.collation().ifPresent(c -> out.append(" COLLATE=").append(c));
        options.rowFormat().ifPresent(r -> out.append(" ROW_FORMAT=").append(r));
        if (!options.comment().isEmpty()) {
            out.append(" COMMENT=").append(MySqlSchemaReader.quote(options.comment()));
        }
        options.partitioning().ifPresent(p -> out.append("\nPARTITION BY ").append(p));
        return out.toString();
    }

    private static String index(Index index) {
        String kind = switch (index.method()) {
            case "fulltext" -> "FULLTEXT KEY ";
            case "spatial" -> "SPATIAL KEY ";
            default -> index.unique() ? "UNIQUE KEY " : "KEY ";
        };
        String using = index.method().equals("hash") ? " USING HASH" : "";
        return kind + id(index.name()) + " (" + parts(index.parts()) + ")" + using
                + (index.visible() ? "" : " IGNORED");
    }

    private static String check(CheckConstraint check) {
        return "CONSTRAINT " + id(check.name()) + " CHECK (" + check.expression() + ")";
    }

    private static String column(Column column) {
        StringBuilder line = new StringBuilder(id(column.name())).append(' ').append(column.type());
        column.charset().ifPresent(c -> line.append(" CHARACTER SET ").append(c));
        column.collation().ifPresent(c -> line.append(" COLLATE ").append(c));
        column.generated()
                .ifPresent(g -> line.append(" GENERATED ALWAYS AS (")
                        .append(g.expression())
                        .append(") ")
                        .append(g.storage() == Column.Storage.STORED ? "STORED" : "VIRTUAL"));
        if (!column.nullable()) {
            line.append(" NOT NULL");
        } else if (column.generated().isEmpty()) {
            line.append(" NULL");
        }
        column.defaultExpression().ifPresent(d -> line.append(" DEFAULT ").append(defaultValue(d)));
        column.onUpdate().ifPresent(u -> line.append(" ON UPDATE ").append(u));
        if (column.identity() == Column.Identity.AUTO_INCREMENT) {
            line.append(" AUTO_INCREMENT");
        }
        if (!column.comment().isEmpty()) {
            line.append(" COMMENT ").append(MySqlSchemaReader.quote(column.comment()));
        }
        return line.toString();
    }

    /** A literal or a {@code CURRENT_TIMESTAMP} as written; any other expression in parentheses. */
    private static String defaultValue(String expression) {
        if (expression.startsWith("'")
                || expression.startsWith("b'")
                || expression.startsWith("CURRENT_TIMESTAMP")
                || expression.matches("-?[0-9.eE+-]+")) {
            return expression;
        }
        return "(" + expression + ")";
    }

    private static String parts(List<KeyPart> parts) {
        List<String> out = new ArrayList<>();
        for (KeyPart part : parts) {
            String text = part.column()
                    .map(MySqlDdlWriter::id)
                    .orElseGet(() -> "(" + part.expression().orElseThrow() + ")");
            if (part.prefixLength().isPresent()) {
                text += "(" + part.prefixLength().getAsInt() + ")";
            }
            if (part.order() == KeyPart.Order.DESC) {
                text += " DESC";
            }
            out.add(text);
        }
        return String.join(", ", out);
    }

    private static String ids(List<String> names) {
        return String.join(", ", names.stream().map(MySqlDdlWriter::id).toList());
    }

    private static String action(ForeignKey.Action action) {
        return action.name().replace('_', ' ');
    }
}
