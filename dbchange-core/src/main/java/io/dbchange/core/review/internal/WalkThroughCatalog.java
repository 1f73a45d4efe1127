package io.dbchange.core.review.internal;

import io.dbchange.api.schema.Column;
import io.dbchange.api.schema.Index;
import io.dbchange.api.schema.KeyPart;
import io.dbchange.api.schema.Schema;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.Table;
import io.dbchange.api.sql.Dialect;
import io.dbchange.core.review.Catalog;
import io.dbchange.core.review.statement.AlterAction;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ConstraintDefinition;
import io.dbchange.core.review.statement.ConstraintDefinition.ConstraintType;
import io.dbchange.core.review.statement.IndexDefinition;
import io.dbchange.core.review.statement.ObjectName;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The mutable catalog of one review's walk-through: starts from a base snapshot (or empty) and applies each DDL
 * statement after the rules have seen it. Statements on unknown tables change nothing (the walk-through is a model,
 * not a server: it never fails).
 */
public final class WalkThroughCatalog implements Catalog {

    private final Dialect dialect;
    private final Map<String, MutableTable> tables = new LinkedHashMap<>();
    private final boolean complete;

    /** A catalog holding {@code base}'s tables, or empty. */
    public WalkThroughCatalog(Dialect dialect, Optional<SchemaSnapshot> base) {
        this.dialect = dialect;
        this.complete = base.isPresent();
        base.ifPresent(snapshot -> {
            for (Schema schema : snapshot.schemas()) {
                for (Table table : schema.tables()) {
                    tables.put(key(Optional.of(schema.name()), table.name()), MutableTable.of(table));
                }
            }
        });
    }

    private String key(Optional<String> schema, String name) {
        String table = name.toLowerCase(Locale.ROOT);
        if (dialect == Dialect.MYSQL) {
            return table;
        }
        return schema.orElse("public").toLowerCase(Locale.ROOT) + "." + table;
    }

    private String key(ObjectName name) {
        return key(name.schema(), name.name());
    }

    @Override
    public boolean complete() {
        return complete;
    }

    @Override
    public Optional<CatalogTable> table(ObjectName name) {
        return Optional.ofNullable(tables.get(key(name))).map(MutableTable::freeze);
    }

    /** Applies one statement's effect on tables, columns and indexes. */
    public void apply(ParsedStatement s) {
        switch (s.kind()) {
            case CREATE_TABLE ->
                s.target().ifPresent(name -> {
                    if (!tables.containsKey(key(name))) {
                        tables.put(key(name), fromDefinition(name.name(), s));
                    }
                });
            case DROP_TABLE -> {
                s.target().ifPresent(name -> tables.remove(key(name)));
                s.otherTargets().forEach(name -> tables.remove(key(name)));
            }
            case RENAME_TABLE ->
                s.target().ifPresent(from -> {
                    MutableTable table = tables.remove(key(from));
                    if (table != null && !s.otherTargets().isEmpty()) {
                        ObjectName to = s.otherTargets().get(0);
                        table.name = to.name();
                        tables.put(key(to), table);
                    }
                });
            case ALTER_TABLE -> s.target().ifPresent(name -> alter(name, s));
            case CREATE_INDEX ->
                s.target().ifPresent(name -> {
                    MutableTable table = tables.get(key(name));
                    IndexDefinition index = s.index().orElseThrow();
                    if (table != null) {
                        String indexName =
                                index.name().orElse(name.name() + "_" + String.join("_", index.columns()) + "_idx");
                        table.indexes.removeIf(i -> i.name().equalsIgnoreCase(indexName));
                        table.indexes.add(new CatalogIndex(indexName, index.unique(), false, index.columns()));
                    }
                });
            case DROP_INDEX -> {
                List<ObjectName> names = new ArrayList<>();
                s.target().ifPresent(names::add);
                if (dialect == Dialect.MYSQL && !s.otherTargets().isEmpty()) {
                    MutableTable table =
                            tables.get(key(s.otherTargets().get(s.otherTargets().size() - 1)));
                    if (table != null) {
                        s.target().ifPresent(i -> table.dropIndex(i.name()));
                    }
                } else {
                    names.addAll(s.otherTargets());
                    for (ObjectName index : names) {
                        tables.values().forEach(t -> t.dropIndex(index.name()));
                    }
                }
            }
            default -> {
                // other statements do not change tables, columns or indexes
            }
        }
    }

    private void alter(ObjectName name, ParsedStatement s) {
        MutableTable table = tables.get(key(name));
        if (table == null) {
            return;
        }
        for (AlterAction a : s.actions()) {
            switch (a.type()) {
                case ADD_COLUMN ->
                    a.definition().ifPresent(d -> {
                        table.columns.removeIf(c -> c.name().equalsIgnoreCase(d.name()));
                        table.columns.add(column(d));
                        inlineKeys(table, d);
                    });
                case DROP_COLUMN ->
                    a.column().ifPresent(c -> {
                        table.columns.removeIf(x -> x.name().equalsIgnoreCase(c));
                        table.indexes.replaceAll(i -> new CatalogIndex(
                                i.name(),
                                i.unique(),
                                i.primary(),
                                i.columns().stream()
                                        .filter(k -> !k.equalsIgnoreCase(c))
                                        .toList()));
                        table.indexes.removeIf(i -> i.columns().isEmpty());
                    });
                case MODIFY_COLUMN, CHANGE_COLUMN ->
                    a.definition().ifPresent(d -> {
                        String old = a.column().orElse(d.name());
                        table.replaceColumn(old, column(d));
                        table.renameInIndexes(old, d.name());
                    });
                case RENAME_COLUMN ->
                    a.column()
                            .ifPresent(old -> a.newName().ifPresent(n -> {
                                table.column(old)
                                        .ifPresent(c -> table.replaceColumn(
                                                old, new CatalogColumn(n, c.type(), c.nullable(), c.hasDefault())));
                                table.renameInIndexes(old, n);
                            }));
                case SET_TYPE ->
                    a.column()
                            .flatMap(table::column)
                            .ifPresent(c -> table.replaceColumn(
                                    c.name(),
                                    new CatalogColumn(
                                            c.name(), a.newType().orElse(c.type()), c.nullable(), c.hasDefault())));
                case SET_DEFAULT, DROP_DEFAULT ->
                    a.column()
                            .flatMap(table::column)
                            .ifPresent(c -> table.replaceColumn(
                                    c.name(),
                                    new CatalogColumn(
                                            c.name(),
                                            c.type(),
                                            c.nullable(),
                                            a.type() == AlterAction.Type.SET_DEFAULT)));
                case SET_NOT_NULL, DROP_NOT_NULL ->
                    a.column()
                            .flatMap(table::column)
                            .ifPresent(c -> table.replaceColumn(
                                    c.name(),
                                    new CatalogColumn(
                                            c.name(),
                                            c.type(),
                                            a.type() == AlterAction.Type.DROP_NOT_NULL,
                                            c.hasDefault())));
                case ADD_CONSTRAINT -> a.constraint().ifPresent(c -> addConstraint(table, c));
                case DROP_INDEX, DROP_CONSTRAINT ->
                    a.objectName().ifPresent(n -> {
                        table.dropIndex(n);
                        table.foreignKeys.removeIf(f -> f.equalsIgnoreCase(n));
                    });
                case DROP_PRIMARY_KEY -> table.indexes.removeIf(CatalogIndex::primary);
                case DROP_FOREIGN_KEY ->
                    a.objectName().ifPresent(n -> table.foreignKeys.removeIf(f -> f.equalsIgnoreCase(n)));
                case RENAME_INDEX, RENAME_CONSTRAINT ->
                    a.objectName()
                            .ifPresent(old -> a.newName()
                                    .ifPresent(n -> table.indexes.replaceAll(
                                            i -> i.name().equalsIgnoreCase(old)
                                                    ? new CatalogIndex(n, i.unique(), i.primary(), i.columns())
                                                    : i)));
                case RENAME_TABLE ->
                    a.newName().ifPresent(n -> {
                        tables.remove(key(name));
                        table.name = n;
                        tables.put(key(name.schema(), n), table);
                    });
                default -> {
                    // options, algorithm, lock, validation and partition maintenance change no column or index
                }
            }
        }
    }

    private MutableTable fromDefinition(String name, ParsedStatement s) {
        MutableTable table = new MutableTable(name);
        for (ColumnDefinition d : s.columns()) {
            table.columns.add(column(d));
        }
        for (ColumnDefinition d : s.columns()) {
            inlineKeys(table, d);
        }
        for (ConstraintDefinition c : s.constraints()) {
            addConstraint(table, c);
        }
        return table;
    }

    private void inlineKeys(MutableTable table, ColumnDefinition d) {
        if (d.inlinePrimaryKey()) {
            addConstraint(
                    table,
                    new ConstraintDefinition(
                            ConstraintType.PRIMARY_KEY,
                            Optional.empty(),
                            List.of(d.name()),
                            Optional.empty(),
                            List.of(),
                            false,
                            false,
                            false,
                            d.position()));
        } else if (d.inlineUnique()) {
            addConstraint(
                    table,
                    new ConstraintDefinition(
                            ConstraintType.UNIQUE,
                            Optional.empty(),
                            List.of(d.name()),
                            Optional.empty(),
                            List.of(),
                            false,
                            false,
                            false,
                            d.position()));
        }
        d.references().ifPresent(fk -> addConstraint(table, fk));
    }

    private void addConstraint(MutableTable table, ConstraintDefinition c) {
        switch (c.type()) {
            case PRIMARY_KEY -> {
                table.indexes.removeIf(CatalogIndex::primary);
                String name = dialect == Dialect.MYSQL ? "PRIMARY" : c.name().orElse(table.name + "_pkey");
                table.indexes.add(0, new CatalogIndex(name, true, true, c.columns()));
                for (String column : c.columns()) {
                    table.column(column)
                            .ifPresent(x -> table.replaceColumn(
                                    x.name(), new CatalogColumn(x.name(), x.type(), false, x.hasDefault())));
                }
            }
            case UNIQUE, INDEX, FULLTEXT, SPATIAL -> {
                if (c.columns().isEmpty()) {
                    return;
                }
                String name = c.name()
                        .orElse(
                                dialect == Dialect.MYSQL
                                        ? c.columns().get(0)
                                        : table.name + "_" + String.join("_", c.columns())
                                                + (c.type() == ConstraintType.UNIQUE ? "_key" : "_idx"));
                table.indexes.removeIf(i -> i.name().equalsIgnoreCase(name));
                table.indexes.add(new CatalogIndex(name, c.type() == ConstraintType.UNIQUE, false, c.columns()));
            }
            case FOREIGN_KEY -> table.foreignKeys.add(c.name().orElse(table.name + "_fk" + table.foreignKeys.size()));
            default -> {
                // CHECK and EXCLUDE constraints are not modelled
            }
        }
    }

    private static CatalogColumn column(ColumnDefinition d) {
        return new CatalogColumn(
                d.name(), d.type(), !d.notNull(), d.defaultExpression().isPresent() || d.autoIncrement());
    }

    /** A table being changed by the walk-through. */
    private static final class MutableTable {
        String name;
        final List<CatalogColumn> columns = new ArrayList<>();
        final List<CatalogIndex> indexes = new ArrayList<>();
        final List<String> foreignKeys = new ArrayList<>();

        MutableTable(String name) {
            this.name = name;
        }

        static MutableTable of(Table table) {
            MutableTable t = new MutableTable(table.name());
            for (Column c : table.columns()) {
                t.columns.add(new CatalogColumn(
                        c.name(),
                        c.type(),
                        c.nullable(),
                        c.defaultExpression().isPresent()
                                || c.identity() != Column.Identity.NONE
                                || c.generated().isPresent()));
            }
            table.primaryKey()
                    .ifPresent(pk -> t.indexes.add(new CatalogIndex(
                            pk.name(),
                            true,
                            true,
                            pk.parts().stream()
                                    .map(WalkThroughCatalog::partText)
                                    .toList())));
            for (Index i : table.indexes()) {
                t.indexes.add(new CatalogIndex(
                        i.name(),
                        i.unique(),
                        false,
                        i.parts().stream().map(WalkThroughCatalog::partText).toList()));
            }
            table.foreignKeys().forEach(fk -> t.foreignKeys.add(fk.name()));
            return t;
        }

        Optional<CatalogColumn> column(String name) {
            return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
        }

        void replaceColumn(String old, CatalogColumn column) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equalsIgnoreCase(old)) {
                    columns.set(i, column);
                    return;
                }
            }
        }

        void renameInIndexes(String old, String now) {
            indexes.replaceAll(i -> new CatalogIndex(
                    i.name(),
                    i.unique(),
                    i.primary(),
                    i.columns().stream()
                            .map(c -> c.equalsIgnoreCase(old) ? now : c)
                            .toList()));
        }

        void dropIndex(String name) {
            indexes.removeIf(i -> i.name().equalsIgnoreCase(name));
        }

        CatalogTable freeze() {
            return new CatalogTable(name, columns, indexes, foreignKeys);
        }
    }

    private static String partText(KeyPart part) {
        return part.column().orElseGet(() -> "(" + part.expression().orElse("") + ")");
    }
}
