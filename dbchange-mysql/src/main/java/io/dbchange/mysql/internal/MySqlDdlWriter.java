package io.dbchange.mysql.internal;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.schema.CheckConstraint;
import io.dbchange.api.schema.Column;
import io.dbchange.api.schema.Event;
import io.dbchange.api.schema.ForeignKey;
import io.dbchange.api.schema.Index;
import io.dbchange.api.schema.KeyPart;
import io.dbchange.api.schema.Routine;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.Sequence;
import io.dbchange.api.schema.Table;
import io.dbchange.api.schema.TableOptions;
import io.dbchange.api.schema.Trigger;
import io.dbchange.api.schema.View;
import io.dbchange.api.sql.Dialect;
import io.dbchange.core.schema.internal.ViewOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a MySQL/MariaDB snapshot (as {@link MySqlSchemaReader} reads it) as a canonical script: sequences, tables
 * (with their keys, indexes and checks), then every foreign key with {@code ALTER TABLE} once all tables exist,
 * routines, views in dependency order (after routines, as a view may call a function; routine bodies are not
 * checked when created), triggers and events. Statements end with {@code ;}, except that routine, trigger and
 * event bodies are wrapped in {@code DELIMITER ;;} so that the script runs in the {@code mysql} client and through
 * {@code DatabaseEngine.split}/{@code execute}.
 *
 * <p>Index visibility is written as MariaDB's {@code IGNORED}.
 */
public final class MySqlDdlWriter {

    private static final Pattern DEFINER =
            Pattern.compile("^(DEFINER=`(?:[^`]|``)*`(?:@`(?:[^`]|``)*`)? )(.*)$", Pattern.DOTALL);

    private MySqlDdlWriter() {}

    /** The identifier in backticks. */
    static String id(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** The script that creates the snapshot's objects in an empty database. */
    public static String write(SchemaSnapshot snapshot) {
        if (snapshot.dialect() != Dialect.MYSQL) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "the mysql engine writes MYSQL snapshots, but '" + snapshot.databaseName() + "' is a "
                            + snapshot.dialect() + " snapshot; dump it with the engine of its dialect");
        }
        Schema schema = snapshot.schemas().get(0);
        StringBuilder out = new StringBuilder();
        for (Sequence sequence : schema.sequences()) {
            out.append("CREATE SEQUENCE ")
                    .append(id(sequence.name()))
                    .append(" START WITH ")
                    .append(sequence.start())
                    .append(" MINVALUE ")
                    .append(sequence.minValue())
                    .append(" MAXVALUE ")
                    .append(sequence.maxValue())
                    .append(" INCREMENT BY ")
                    .append(sequence.increment())
                    .append(sequence.cycle() ? " CYCLE" : " NOCYCLE")
                    .append(";\n\n");
        }
        for (Table table : schema.tables()) {
            writeTable(out, table);
        }
        for (Table table : schema.tables()) {
            for (ForeignKey fk : table.foreignKeys()) {
                out.append("ALTER TABLE ")
                        .append(id(table.name()))
                        .append(" ADD CONSTRAINT ")
                        .append(id(fk.name()))
                        .append(" FOREIGN KEY (")
                        .append(ids(fk.columns()))
                        .append(") REFERENCES ")
                        .append(fk.referencedSchema().isEmpty() ? "" : id(fk.referencedSchema()) + ".")
                        .append(id(fk.referencedTable()))
                        .append(" (")
                        .append(ids(fk.referencedColumns()))
                        .append(") ON DELETE ")
                        .append(action(fk.onDelete()))
                        .append(" ON UPDATE ")
                        .append(action(fk.onUpdate()))
                        .append(";\n");
            }
        }
        boolean compound = !schema.routines().isEmpty()
                || !schema.triggers().isEmpty()
                || !schema.events().isEmpty();
        if (compound) {
            out.append("\nDELIMITER ;;\n");
            for (Routine routine : schema.routines()) {
                String[] definer = splitDefiner(routine.definition());
                out.append("\nCREATE ")
                        .append(definer[0])
                        .append(routine.kind())
                        .append(' ')
                        .append(id(routine.name()))
                        .append(routine.signature())
                        .append('\n')
                        .append(definer[1])
                        .append(" ;;\n");
            }
            out.append("\nDELIMITER ;\n");
        }
        for (View view : ViewOrder.creationOrder(schema.views())) {
            String[] definer = splitDefiner(view.definition());
            String rest = definer[1];
            String security = "";
            if (rest.startsWith("SQL SECURITY INVOKER ")) {
                security = "SQL SECURITY INVOKER ";
                rest = rest.substring(security.length());
            }
            out.append("\nCREATE ")
                    .append(definer[0])
                    .append(security)
                    .append("VIEW ")
                    .append(id(view.name()))
                    .append(" AS ")
                    .append(rest)
                    .append(";\n");
        }
        if (!schema.triggers().isEmpty() || !schema.events().isEmpty()) {
            out.append("\nDELIMITER ;;\n");
            for (Trigger trigger : schema.triggers()) {
                String[] definer = splitDefiner(trigger.definition());
                out.append("\nCREATE ")
                        .append(definer[0])
                        .append("TRIGGER ")
                        .append(id(trigger.name()))
                        .append(' ')
                        .append(trigger.timing())
                        .append(' ')
                        .append(trigger.operations().get(0))
                        .append(" ON ")
                        .append(id(trigger.table()))
                        .append(" FOR EACH ROW ")
                        .append(definer[1])
                        .append(" ;;\n");
            }
            for (Event event : schema.events()) {
                String[] definer = splitDefiner(event.definition());
                out.append("\nCREATE ")
                        .append(definer[0])
                        .append("EVENT ")
                        .append(id(event.name()))
                        .append(" ON SCHEDULE ")
                        .append(event.schedule())
                        .append(event.enabled() ? " ENABLE" : " DISABLE")
                        .append(event.comment().isEmpty() ? "" : " COMMENT " + MySqlSchemaReader.quote(event.comment()))
                        .append(" DO ")
                        .append(definer[1])
                        .append(" ;;\n");
            }
            out.append("\nDELIMITER ;\n");
        }
        return out.toString();
    }

    private static String[] splitDefiner(String definition) {
        Matcher m = DEFINER.matcher(definition);
        return m.matches() ? new String[] {m.group(1), m.group(2)} : new String[] {"", definition};
    }

    private static void writeTable(StringBuilder out, Table table) {
        List<String> lines = new ArrayList<>();
        for (Column column : table.columns()) {
            lines.add(column(column));
        }
        table.primaryKey().ifPresent(pk -> lines.add("PRIMARY KEY (" + parts(pk.parts()) + ")"));
        for (Index index : table.indexes()) {
            String kind = switch (index.method()) {
                case "fulltext" -> "FULLTEXT KEY ";
                case "spatial" -> "SPATIAL KEY ";
                default -> index.unique() ? "UNIQUE KEY " : "KEY ";
            };
            String using = index.method().equals("hash") ? " USING HASH" : "";
            lines.add(kind + id(index.name()) + " (" + parts(index.parts()) + ")" + using
                    + (index.visible() ? "" : " IGNORED"));
        }
        for (CheckConstraint check : table.checks()) {
            lines.add("CONSTRAINT " + id(check.name()) + " CHECK (" + check.expression() + ")");
        }
        out.append("CREATE TABLE ")
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
        out.append(";\n\n");
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
