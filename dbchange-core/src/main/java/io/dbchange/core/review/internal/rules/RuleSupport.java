package io.dbchange.core.review.internal.rules;

import io.dbchange.api.sql.Dialect;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.internal.Text;
import io.dbchange.core.review.statement.AlterAction;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ConstraintDefinition;
import io.dbchange.core.review.statement.ConstraintDefinition.ConstraintType;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import io.dbchange.core.review.statement.TypeNames;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Questions many rules ask of a statement. */
final class RuleSupport {

    static final Set<Dialect> BOTH = EnumSet.allOf(Dialect.class);
    static final Set<Dialect> MYSQL = EnumSet.of(Dialect.MYSQL);
    static final Set<Dialect> POSTGRES = EnumSet.of(Dialect.POSTGRESQL);

    private static final Set<String> TEXT_TYPES = Set.of(
            "CHAR",
            "VARCHAR",
            "CHARACTER",
            "CHARACTER VARYING",
            "TEXT",
            "TINYTEXT",
            "MEDIUMTEXT",
            "LONGTEXT",
            "ENUM",
            "SET",
            "NCHAR",
            "NVARCHAR");

    private static final Set<String> BLOB_TYPES = Set.of(
            "BLOB",
            "TINYBLOB",
            "MEDIUMBLOB",
            "LONGBLOB",
            "TEXT",
            "TINYTEXT",
            "MEDIUMTEXT",
            "LONGTEXT",
            "JSON",
            "BYTEA",
            "GEOMETRY");

    private static final Set<String> INTEGER_TYPES = Set.of(
            "TINYINT",
            "SMALLINT",
            "MEDIUMINT",
            "INT",
            "INTEGER",
            "BIGINT",
            "INT2",
            "INT4",
            "INT8",
            "SERIAL",
            "BIGSERIAL",
            "SMALLSERIAL",
            "SERIAL4",
            "SERIAL8",
            "SERIAL2");

    private RuleSupport() {}

    /** The table the statement is about, as written ({@code `book`} in messages). */
    static String table(ParsedStatement s) {
        return s.target().map(t -> t.qualified()).orElse("?");
    }

    /** Column definitions the statement introduces: CREATE TABLE columns and ALTER ADD/MODIFY/CHANGE definitions. */
    static List<ColumnDefinition> definedColumns(ParsedStatement s) {
        List<ColumnDefinition> columns = new ArrayList<>(s.columns());
        for (AlterAction a : s.actions()) {
            a.definition().ifPresent(columns::add);
        }
        return columns;
    }

    /** Column definitions the statement adds as new columns: CREATE TABLE columns and ALTER ADD COLUMN. */
    static List<ColumnDefinition> newColumns(ParsedStatement s) {
        List<ColumnDefinition> columns = new ArrayList<>(s.columns());
        for (AlterAction a : s.actions()) {
            if (a.type() == AlterAction.Type.ADD_COLUMN) {
                a.definition().ifPresent(columns::add);
            }
        }
        return columns;
    }

    /** Keys and constraints the statement adds: table-level, ALTER ADD and inline column keys. */
    static List<ConstraintDefinition> addedConstraints(ParsedStatement s) {
        List<ConstraintDefinition> constraints = new ArrayList<>(s.constraints());
        for (AlterAction a : s.actions()) {
            a.constraint().ifPresent(constraints::add);
        }
        for (ColumnDefinition c : definedColumns(s)) {
            if (c.inlinePrimaryKey()) {
                constraints.add(inline(ConstraintType.PRIMARY_KEY, c));
            } else if (c.inlineUnique()) {
                constraints.add(inline(ConstraintType.UNIQUE, c));
            }
            c.references().ifPresent(constraints::add);
        }
        return constraints;
    }

    private static ConstraintDefinition inline(ConstraintType type, ColumnDefinition c) {
        return new ConstraintDefinition(
                type,
                Optional.empty(),
                List.of(c.name()),
                Optional.empty(),
                List.of(),
                false,
                false,
                false,
                c.position());
    }

    static boolean isText(String type) {
        return TEXT_TYPES.contains(TypeNames.base(type));
    }

    static boolean isBlob(String type) {
        return BLOB_TYPES.contains(TypeNames.base(type));
    }

    static boolean isInteger(String type) {
        return INTEGER_TYPES.contains(TypeNames.base(type));
    }

    /** Whether two written types are the same, ignoring case and white space. */
    static boolean sameType(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    private static String normalize(String type) {
        return Text.collapseWhitespace(type.toUpperCase(Locale.ROOT))
                .replace(" ", "")
                .replace("INTEGER", "INT");
    }

    /**
     * Whether the statement's table holds data already: it was not created earlier in this script (a table in the
     * base snapshot, or one review does not know, is assumed to exist and hold rows), so locking or rewriting it can
     * hurt.
     */
    static boolean existingTable(RuleContext context) {
        Optional<String> name = context.statement().target().map(t -> t.name().toLowerCase(Locale.ROOT));
        if (name.isEmpty()) {
            return false;
        }
        boolean created = context.previous().stream()
                .anyMatch(p -> p.kind() == StatementKind.CREATE_TABLE
                        && p.target()
                                .map(t -> t.name().toLowerCase(Locale.ROOT))
                                .equals(name));
        return !created;
    }

    /** Whether the statement is CREATE TABLE or ALTER TABLE. */
    static boolean isTableDdl(ParsedStatement s) {
        return s.kind() == StatementKind.CREATE_TABLE || s.kind() == StatementKind.ALTER_TABLE;
    }

    /** Backquoted text for messages. */
    static String q(String text) {
        return "`" + text + "`";
    }
}
