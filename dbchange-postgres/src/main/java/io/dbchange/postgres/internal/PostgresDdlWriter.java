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
import io.dbchange.api.schema.Routine;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.Sequence;
import io.dbchange.api.schema.Table;
import io.dbchange.api.schema.Trigger;
import io.dbchange.api.schema.View;
import io.dbchange.api.sql.Dialect;
import io.dbchange.core.schema.internal.ViewOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes a PostgreSQL snapshot (as {@link PostgresSchemaReader} reads it) as a canonical script, in this order:
 * schemas, extensions, enum and domain types, sequences, functions and procedures whose signature names no table (with
 * {@code check_function_bodies} off, so their bodies may use tables created later; a generated column, default or
 * check may call them), tables (columns, primary keys, checks), indexes, foreign keys (once all tables and unique
 * indexes exist), the other functions (they take or return a table's row type), aggregates, views in dependency
 * order (after the routines, as a view may call one), triggers, comments.
 */
public final class PostgresDdlWriter {

    private PostgresDdlWriter() {}

    /** The identifier in double quotes. */
    static String id(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The script that creates the snapshot's objects in an empty database. */
    public static String write(SchemaSnapshot snapshot) {
        if (snapshot.dialect() != Dialect.POSTGRESQL) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "the postgresql engine writes POSTGRESQL snapshots, but '" + snapshot.databaseName() + "' is a "
                            + snapshot.dialect() + " snapshot; dump it with the engine of its dialect");
        }
        StringBuilder out = new StringBuilder("SET check_function_bodies = false;\n\n");
        List<Schema> schemas = snapshot.schemas();
        for (Schema schema : schemas) {
            out.append("CREATE SCHEMA IF NOT EXISTS ").append(id(schema.name())).append(";\n");
        }
        for (Schema schema : schemas) {
            for (String extension : schema.extensions()) {
                out.append("CREATE EXTENSION IF NOT EXISTS ")
                        .append(id(extension))
                        .append(" WITH SCHEMA ")
                        .append(id(schema.name()))
                        .append(";\n");
            }
        }
        for (Schema schema : schemas) {
            String s = id(schema.name()) + ".";
            for (EnumType type : schema.enumTypes()) {
                out.append("\nCREATE TYPE ")
                        .append(s)
                        .append(id(type.name()))
                        .append(" AS ENUM (")
                        .append(String.join(
                                ", ",
                                type.values().stream()
                                        .map(PostgresSchemaReader::literal)
                                        .toList()))
                        .append(");\n");
            }
            for (DomainType domain : schema.domainTypes()) {
                out.append("\nCREATE DOMAIN ")
                        .append(s)
                        .append(id(domain.name()))
                        .append(" AS ")
                        .append(domain.baseType());
                domain.defaultExpression()
                        .ifPresent(d -> out.append(" DEFAULT ").append(d));
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
                out.append(";\n");
            }
            for (Sequence sequence : schema.sequences()) {
                out.append("\nCREATE SEQUENCE ")
                        .append(s)
                        .append(id(sequence.name()))
                        .append(" AS ")
                        .append(sequence.dataType())
                        .append(" INCREMENT BY ")
                        .append(sequence.increment())
                        .append(" MINVALUE ")
                        .append(sequence.minValue())
                        .append(" MAXVALUE ")
                        .append(sequence.maxValue())
                        .append(" START WITH ")
                        .append(sequence.start())
                        .append(sequence.cycle() ? " CYCLE" : " NO CYCLE")
                        .append(";\n");
            }
        }
        // Functions whose signature names no table come before the tables: a generated column, default or check
        // may call them (bodies are not checked, so they may use tables created later). Functions taking or
        // returning a table's row type need the table first and come after the tables and keys.
        List<Routine> afterTables = new ArrayList<>();
        for (Schema schema : schemas) {
            for (Routine routine : schema.routines()) {
                if (routine.definition().startsWith("CREATE AGGREGATE") || namesATable(routine, schemas)) {
                    afterTables.add(routine);
                } else {
                    out.append('\n').append(routine.definition()).append(";\n");
                }
            }
        }
        for (Schema schema : schemas) {
            for (Table table : schema.tables()) {
                writeTable(out, schema.name(), table);
            }
        }
        for (Schema schema : schemas) {
            for (Table table : schema.tables()) {
                for (Index index : table.indexes()) {
                    out.append("CREATE ")
                            .append(index.unique() ? "UNIQUE " : "")
                            .append("INDEX ")
                            .append(id(index.name()))
                            .append(" ON ")
                            .append(id(schema.name()))
                            .append('.')
                            .append(id(table.name()))
                            .append(" USING ")
                            .append(index.method())
                            .append(" (")
                            .append(parts(index.parts()))
                            .append(')');
                    if (!index.includeColumns().isEmpty()) {
                        out.append(" INCLUDE (")
                                .append(ids(index.includeColumns()))
                                .append(')');
                    }
                    index.predicate().ifPresent(p -> out.append(" WHERE ").append(p));
                    out.append(";\n");
                }
            }
        }
        for (Schema schema : schemas) {
            for (Table table : schema.tables()) {
                for (ForeignKey fk : table.foreignKeys()) {
                    out.append("ALTER TABLE ")
                            .append(id(schema.name()))
                            .append('.')
                            .append(id(table.name()))
                            .append(" ADD CONSTRAINT ")
                            .append(id(fk.name()))
                            .append(" FOREIGN KEY (")
                            .append(ids(fk.columns()))
                            .append(") REFERENCES ")
                            .append(id(fk.referencedSchema()))
                            .append('.')
                            .append(id(fk.referencedTable()))
                            .append(" (")
                            .append(ids(fk.referencedColumns()))
                            .append(") ON DELETE ")
                            .append(fk.onDelete().name().replace('_', ' '))
                            .append(" ON UPDATE ")
                            .append(fk.onUpdate().name().replace('_', ' '))
                            .append(";\n");
                }
            }
        }
        for (Routine routine : afterTables) {
            if (!routine.definition().startsWith("CREATE AGGREGATE")) {
                out.append('\n').append(routine.definition()).append(";\n");
            }
        }
        for (Routine aggregate : afterTables) {
            if (aggregate.definition().startsWith("CREATE AGGREGATE")) {
                out.append('\n').append(aggregate.definition()).append(";\n");
            }
        }
        for (Schema schema : schemas) {
            for (View view : ViewOrder.creationOrder(schema.views())) {
                out.append("\nCREATE VIEW ")
                        .append(id(schema.name()))
                        .append('.')
                        .append(id(view.name()))
                        .append(" AS\n")
                        .append(view.definition())
                        .append(";\n");
            }
        }
        for (Schema schema : schemas) {
            for (Trigger trigger : schema.triggers()) {
                out.append('\n').append(trigger.definition()).append(";\n");
            }
        }
        for (Schema schema : schemas) {
            for (Table table : schema.tables()) {
                String qualified = id(schema.name()) + "." + id(table.name());
                if (!table.options().comment().isEmpty()) {
                    out.append("COMMENT ON TABLE ")
                            .append(qualified)
                            .append(" IS ")
                            .append(PostgresSchemaReader.literal(table.options().comment()))
                            .append(";\n");
                }
                for (Column column : table.columns()) {
                    if (!column.comment().isEmpty()) {
                        out.append("COMMENT ON COLUMN ")
                                .append(qualified)
                                .append('.')
                                .append(id(column.name()))
                                .append(" IS ")
                                .append(PostgresSchemaReader.literal(column.comment()))
                                .append(";\n");
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean namesATable(Routine routine, List<Schema> schemas) {
        for (Schema schema : schemas) {
            for (Table table : schema.tables()) {
                Pattern word = Pattern.compile("(?<![\\w$])" + Pattern.quote(table.name()) + "(?![\\w$])");
                if (word.matcher(routine.signature()).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void writeTable(StringBuilder out, String schema, Table table) {
        List<String> lines = new ArrayList<>();
        for (Column column : table.columns()) {
            StringBuilder line =
                    new StringBuilder(id(column.name())).append(' ').append(column.type());
            column.collation().ifPresent(c -> line.append(" COLLATE ").append(id(c)));
            column.generated()
                    .ifPresent(g -> line.append(" GENERATED ALWAYS AS (")
                            .append(g.expression())
                            .append(") STORED"));
            switch (column.identity()) {
                case ALWAYS -> line.append(" GENERATED ALWAYS AS IDENTITY");
                case BY_DEFAULT -> line.append(" GENERATED BY DEFAULT AS IDENTITY");
                default -> {}
            }
            column.defaultExpression().ifPresent(d -> line.append(" DEFAULT ").append(d));
            if (!column.nullable()) {
                line.append(" NOT NULL");
            }
            lines.add(line.toString());
        }
        table.primaryKey()
                .ifPresent(pk ->
                        lines.add("CONSTRAINT " + id(pk.name()) + " PRIMARY KEY (" + ids(pk.columnNames()) + ")"));
        for (CheckConstraint check : table.checks()) {
            lines.add("CONSTRAINT " + id(check.name()) + " CHECK (" + check.expression() + ")");
        }
        out.append("\nCREATE TABLE ")
                .append(id(schema))
                .append('.')
                .append(id(table.name()))
                .append(" (\n  ")
                .append(String.join(",\n  ", lines))
                .append("\n)");
        table.options()
                .partitioning()
                .ifPresent(p -> out.append(" PARTITION BY ").append(p));
        out.append(";\n");
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
