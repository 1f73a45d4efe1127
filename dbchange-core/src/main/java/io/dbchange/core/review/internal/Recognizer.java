package io.dbchange.core.review.internal;

import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SourcePosition;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.review.statement.AlterAction;
import io.dbchange.core.review.statement.ColumnDefinition;
import io.dbchange.core.review.statement.ConstraintDefinition;
import io.dbchange.core.review.statement.ConstraintDefinition.ConstraintType;
import io.dbchange.core.review.statement.DmlClauses;
import io.dbchange.core.review.statement.IndexDefinition;
import io.dbchange.core.review.statement.ObjectName;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.ParsedStatement.ParsedBy;
import io.dbchange.core.review.statement.StatementKind;
import io.dbchange.core.review.statement.TableOptionsDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the statement model from tokens. It knows the shape of the statements rules care about (table, index and
 * DML statements, with their clauses and positions) and the first words of every other statement of MySQL and
 * PostgreSQL, so that only text that is not SQL of the dialect ends up {@link StatementKind#UNRECOGNIZED}.
 *
 * <p>Rationale: JSqlParser does not record source positions of clauses and cannot parse a fair share of real
 * migration DDL (functional indexes, {@code DROP FOREIGN KEY}, {@code ALTER COLUMN ... SET DATA TYPE}, ...), so the
 * structure and positions of a statement come from here for both paths; JSqlParser decides the path and validates
 * syntax. Hazard: the recognizer is permissive; it accepts some text a server would reject. Review is not a syntax
 * check of the server.
 */
final class Recognizer {

    private static final Set<String> COLUMN_ATTRIBUTES = Set.of(
            "NOT",
            "NULL",
            "DEFAULT",
            "PRIMARY",
            "UNIQUE",
            "REFERENCES",
            "COMMENT",
            "CHARACTER",
            "CHARSET",
            "COLLATE",
            "AUTO_INCREMENT",
            "GENERATED",
            "CHECK",
            "CONSTRAINT",
            "ON",
            "AS",
            "KEY",
            "VISIBLE",
            "INVISIBLE",
            "STORAGE",
            "COLUMN_FORMAT",
            "SRID",
            "IDENTITY",
            "FIRST",
            "AFTER");

    private static final Set<String> OTHER_FIRST_WORDS = Set.of(
            "ANALYZE",
            "DO",
            "SHOW",
            "EXPLAIN",
            "DESCRIBE",
            "DESC",
            "VACUUM",
            "FLUSH",
            "OPTIMIZE",
            "REINDEX",
            "CLUSTER",
            "REFRESH",
            "SAVEPOINT",
            "RELEASE",
            "PREPARE",
            "EXECUTE",
            "DEALLOCATE",
            "DECLARE",
            "LOAD",
            "HANDLER",
            "CHECKPOINT",
            "LISTEN",
            "NOTIFY",
            "UNLISTEN",
            "DISCARD",
            "RESET",
            "SECURITY",
            "UNLOCK",
            "CHECKSUM",
            "REPAIR",
            "CHECK",
            "KILL",
            "INSTALL",
            "UNINSTALL",
            "PURGE",
            "CHANGE",
            "RESTART",
            "SHUTDOWN",
            "IMPORT",
            "XA",
            "FETCH",
            "CLOSE",
            "MOVE",
            "REASSIGN",
            "VALUES",
            "TABLE",
            "ABORT",
            "END",
            "SOURCE",
            "DELIMITER",
            "CACHE",
            "BINLOG");

    private final SqlStatement statement;
    private final Dialect dialect;
    private final List<Token> t;
    private final Positions positions;
    private final Draft d;
    private int p;

    private Recognizer(SqlStatement statement, Dialect dialect) {
        this.statement = statement;
        this.dialect = dialect;
        this.t = Tokenizer.tokenize(statement.sql(), dialect);
        this.positions = new Positions(statement);
        this.d = new Draft(statement);
    }

    /** The model of {@code statement}, marked as parsed by {@code parsedBy}; never throws. */
    static ParsedStatement recognize(SqlStatement statement, Dialect dialect, ParsedBy parsedBy) {
        Recognizer r = new Recognizer(statement, dialect);
        try {
            r.statement();
        } catch (RuntimeException e) {
            // The recognizer walks off malformed text (an index out of range, a missing name); the statement is
            // then what the first words said, or unrecognized when even those were not understood.
            if (r.d.kind == null) {
                r.d.kind = StatementKind.UNRECOGNIZED;
                r.d.problem = Optional.of(
                        "the statement could not be read: " + e.getClass().getSimpleName());
            }
        }
        if (r.d.kind == null) {
            r.d.kind = StatementKind.UNRECOGNIZED;
        }
        r.d.parsedBy = r.d.kind == StatementKind.UNRECOGNIZED ? ParsedBy.NONE : parsedBy;
        return r.d.build();
    }

    /** The tokens of a statement, for rules and tests that need the raw words. */
    static List<Token> tokens(SqlStatement statement, Dialect dialect) {
        return Tokenizer.tokenize(statement.sql(), dialect);
    }

    // ---------------------------------------------------------------- dispatch

    private void statement() {
        if (t.isEmpty()) {
            d.kind = StatementKind.OTHER;
            return;
        }
        Token first = t.get(0);
        if (first.isSymbol("(")) {
            d.kind = StatementKind.SELECT;
            dml();
            return;
        }
        if (first.kind() != Token.Kind.WORD) {
            unrecognized("it does not begin with a keyword");
            return;
        }
        String word = first.upper();
        p = 1;
        switch (word) {
            case "CREATE" -> create();
            case "ALTER" -> alter();
            case "DROP" -> drop();
            case "RENAME" -> renameTable();
            case "TRUNCATE" -> truncate();
            case "INSERT", "REPLACE", "UPSERT" -> insert();
            case "UPDATE" -> {
                d.kind = StatementKind.UPDATE;
                skipWords("LOW_PRIORITY", "IGNORE", "ONLY");
                d.target = Optional.of(name());
                dml();
            }
            case "DELETE" -> {
                d.kind = StatementKind.DELETE;
                skipWords("LOW_PRIORITY", "QUICK", "IGNORE");
                if (at("FROM")) {
                    p++;
                }
                skipWords("ONLY");
                d.target = Optional.of(name());
                dml();
            }
            case "SELECT", "WITH" -> {
                d.kind = withKind();
                dml();
            }
            case "LOCK" -> {
                d.kind = StatementKind.LOCK;
                skipWords("TABLE", "TABLES", "ONLY");
                if (p < t.size() && t.get(p).isIdentifier()) {
                    d.target = Optional.of(name());
                }
            }
            case "COPY" -> {
                d.kind = StatementKind.COPY;
                if (p < t.size() && t.get(p).isIdentifier()) {
                    d.target = Optional.of(name());
                }
            }
            case "SET" -> set();
            case "BEGIN", "START" -> d.kind = StatementKind.BEGIN;
            case "COMMIT" -> d.kind = StatementKind.COMMIT;
            case "ROLLBACK" -> d.kind = StatementKind.ROLLBACK;
            case "GRANT" -> d.kind = StatementKind.GRANT;
            case "REVOKE" -> d.kind = StatementKind.REVOKE;
            case "USE" -> d.kind = StatementKind.USE;
            case "CALL" -> d.kind = StatementKind.CALL;
            case "COMMENT" -> d.kind = StatementKind.COMMENT;
            default -> {
                if (word.equals("END") || word.equals("ABORT")) {
                    d.kind = word.equals("END") ? StatementKind.COMMIT : StatementKind.ROLLBACK;
                } else if (OTHER_FIRST_WORDS.contains(word)) {
                    d.kind = StatementKind.OTHER;
                } else {
                    unrecognized("'" + first.text() + "' does not begin a " + dialectName() + " statement");
                }
            }
        }
    }

    private String dialectName() {
        return dialect == Dialect.MYSQL ? "MySQL" : "PostgreSQL";
    }

    private void unrecognized(String why) {
        d.kind = StatementKind.UNRECOGNIZED;
        d.problem = Optional.of(why);
    }

    private StatementKind withKind() {
        // WITH ... INSERT/UPDATE/DELETE (PostgreSQL data-modifying CTE main statement) -> that kind.
        int depth = 0;
        for (int i = 1; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.isSymbol("(")) {
                depth++;
            } else if (k.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && (k.is("INSERT") || k.is("UPDATE") || k.is("DELETE") || k.is("SELECT"))) {
                return switch (k.upper()) {
                    case "INSERT" -> StatementKind.INSERT;
                    case "UPDATE" -> StatementKind.UPDATE;
                    case "DELETE" -> StatementKind.DELETE;
                    default -> StatementKind.SELECT;
                };
            }
        }
        return StatementKind.SELECT;
    }

    // ---------------------------------------------------------------- CREATE

    private void create() {
        skipWords(
                "OR",
                "REPLACE",
                "TEMPORARY",
                "TEMP",
                "UNLOGGED",
                "GLOBAL",
                "LOCAL",
                "EXTERNAL",
                "TRUSTED",
                "PROCEDURAL",
                "RECURSIVE",
                "CONSTRAINT",
                "DEFAULT",
                "AGGREGATE");
        skipMySqlViewPrefix();
        boolean unique = false;
        String indexKind = null;
        while (at("UNIQUE") || at("FULLTEXT") || at("SPATIAL")) {
            unique |= at("UNIQUE");
            indexKind = t.get(p).upper();
            p++;
        }
        String what = word();
        p++;
        switch (what) {
            case "TABLE" -> createTable();
            case "INDEX" -> createIndex(unique, indexKind);
            case "VIEW" -> simpleCreate(StatementKind.CREATE_VIEW);
            case "MATERIALIZED" -> {
                skipWords("VIEW");
                simpleCreate(StatementKind.CREATE_VIEW);
            }
            case "SEQUENCE" -> simpleCreate(StatementKind.CREATE_SEQUENCE);
            case "SCHEMA" -> simpleCreate(StatementKind.CREATE_SCHEMA);
            case "DATABASE" -> simpleCreate(StatementKind.CREATE_DATABASE);
            case "FUNCTION" -> simpleCreate(StatementKind.CREATE_FUNCTION);
            case "PROCEDURE" -> simpleCreate(StatementKind.CREATE_PROCEDURE);
            case "TRIGGER" -> simpleCreate(StatementKind.CREATE_TRIGGER);
            case "EVENT" -> simpleCreate(StatementKind.CREATE_EVENT);
            case "TYPE" -> simpleCreate(StatementKind.CREATE_TYPE);
            case "EXTENSION" -> simpleCreate(StatementKind.CREATE_EXTENSION);
            default -> d.kind = StatementKind.DDL_OTHER;
        }
    }

    /** MySQL {@code CREATE ALGORITHM=x DEFINER=u SQL SECURITY y VIEW} and {@code CREATE DEFINER=u PROCEDURE}. */
    private void skipMySqlViewPrefix() {
        while (p < t.size()) {
            if (at("ALGORITHM") || at("DEFINER")) {
                p++;
                if (p < t.size() && t.get(p).isSymbol("=")) {
                    p++;
                }
                // a user is 'name'@'host', `name`@`host`, name@host or CURRENT_USER[()]
                p++;
                while (p < t.size()
                        && (t.get(p).text().startsWith("@")
                                || t.get(p).isSymbol("(")
                                || t.get(p).isSymbol(")"))) {
                    p++;
                }
            } else if (at("SQL") && p + 1 < t.size() && t.get(p + 1).is("SECURITY")) {
                p += 3;
            } else {
                return;
            }
        }
    }

    private void simpleCreate(StatementKind kind) {
        d.kind = kind;
        if (at("IF")) {
            p += 3;
            d.ifNotExists = true;
        }
        if (kind == StatementKind.CREATE_SCHEMA && at("AUTHORIZATION")) {
            p++;
        }
        if (p < t.size() && t.get(p).isIdentifier()) {
            d.target = Optional.of(name());
        }
        if (kind == StatementKind.CREATE_TRIGGER) {
            // ... ON table
            int on = findTopLevel(p, "ON");
            if (on > 0) {
                p = on + 1;
                d.otherTargets.add(name());
            }
        }
    }

    private void createTable() {
        d.kind = StatementKind.CREATE_TABLE;
        if (at("IF")) {
            p += 3;
            d.ifNotExists = true;
        }
        d.target = Optional.of(name());
        if (at("PARTITION") && p + 1 < t.size() && t.get(p + 1).is("OF")) {
            d.options.partitioned = true;
        }
        if (p < t.size() && t.get(p).isSymbol("(")) {
            int close = matching(p);
            for (int[] part : splitTopLevel(p + 1, close)) {
                tableElement(part[0], part[1]);
            }
            p = close + 1;
        }
        tableOptions(p, t.size());
    }

    /** Reads table options in [from, to): ENGINE, CHARSET, COLLATE, COMMENT, PARTITION BY. */
    private void tableOptions(int from, int to) {
        for (int i = from; i < to; i++) {
            Token k = t.get(i);
            if (k.kind() != Token.Kind.WORD) {
                continue;
            }
            switch (k.upper()) {
                case "ENGINE" -> d.options.engine = Optional.of(valueAfter(i, to));
                case "CHARSET" -> d.options.charset = Optional.of(valueAfter(i, to));
                case "CHARACTER" -> {
                    if (i + 1 < to && t.get(i + 1).is("SET")) {
                        d.options.charset = Optional.of(valueAfter(i + 1, to));
                    }
                }
                case "COLLATE" -> d.options.collation = Optional.of(valueAfter(i, to));
                case "COMMENT" -> d.options.comment = Optional.of(valueAfter(i, to));
                case "PARTITION" -> {
                    if (i + 1 < to && t.get(i + 1).is("BY")) {
                        d.options.partitioned = true;
                        return;
                    }
                }
                case "AS", "SELECT" -> {
                    return; // CREATE TABLE ... AS SELECT: the rest is a query
                }
                default -> {
                    // other options are not reviewed
                }
            }
        }
    }

    private String valueAfter(int i, int to) {
        int j = i + 1;
        if (j < to && t.get(j).isSymbol("=")) {
            j++;
        }
        return j < to ? t.get(j).value() : "";
    }

    /** One element of a table body in [from, to); {@code action} non-null when it comes from ALTER TABLE ADD. */
    private Object tableElement(int from, int to) {
        if (from >= to) {
            return null;
        }
        Token first = t.get(from);
        Optional<String> constraintName = Optional.empty();
        int i = from;
        if (first.is("CONSTRAINT")) {
            if (i + 1 < to && !isConstraintStart(t.get(i + 1))) {
                constraintName = Optional.of(t.get(i + 1).value());
                i += 2;
            } else {
                i++;
            }
        }
        if (i < to && isConstraintStart(t.get(i)) && !(first == t.get(i) && isColumnNamedLikeKeyword(i, to))) {
            ConstraintDefinition c = constraint(i, to, constraintName, positions.at(first.start()));
            d.constraints.add(c);
            return c;
        }
        if (first.is("LIKE") || first.is("PERIOD")) {
            return null;
        }
        ColumnDefinition column = column(from, to);
        d.columns.add(column);
        return column;
    }

    /** A column called {@code key} or {@code check}: the next token is a type name, not {@code (} or a name. */
    private boolean isColumnNamedLikeKeyword(int i, int to) {
        Token k = t.get(i);
        if (!(k.is("KEY") || k.is("INDEX") || k.is("CHECK"))) {
            return false;
        }
        return i + 1 < to
                && t.get(i + 1).kind() == Token.Kind.WORD
                && i + 2 < to
                && !t.get(i + 2).isSymbol("(")
                && !t.get(i + 2).is("USING");
    }

    private static boolean isConstraintStart(Token k) {
        return k.is("PRIMARY")
                || k.is("UNIQUE")
                || k.is("KEY")
                || k.is("INDEX")
                || k.is("FOREIGN")
                || k.is("CHECK")
                || k.is("FULLTEXT")
                || k.is("SPATIAL")
                || k.is("EXCLUDE");
    }

    private ConstraintDefinition constraint(int i, int to, Optional<String> name, SourcePosition position) {
        Token k = t.get(i);
        ConstraintType type = switch (k.upper()) {
            case "PRIMARY" -> ConstraintType.PRIMARY_KEY;
            case "UNIQUE" -> ConstraintType.UNIQUE;
            case "FOREIGN" -> ConstraintType.FOREIGN_KEY;
            case "CHECK" -> ConstraintType.CHECK;
            case "FULLTEXT" -> ConstraintType.FULLTEXT;
            case "SPATIAL" -> ConstraintType.SPATIAL;
            case "EXCLUDE" -> ConstraintType.EXCLUDE;
            default -> ConstraintType.INDEX;
        };
        int j = i + 1;
        while (j < to && (t.get(j).is("KEY") || t.get(j).is("INDEX"))) {
            j++;
        }
        // MySQL: UNIQUE [KEY] name (cols), KEY name USING BTREE (cols), FOREIGN KEY name (cols)
        if (j < to
                && t.get(j).isIdentifier()
                && !t.get(j).is("USING")
                && j + 1 < to
                && (t.get(j + 1).isSymbol("(") || t.get(j + 1).is("USING"))) {
            if (name.isEmpty()) {
                name = Optional.of(t.get(j).value());
            }
            j++;
        }
        if (j < to
                && t.get(j).is("USING")
                && j + 1 < to
                && !t.get(j + 1).isSymbol("(")
                && !t.get(j + 1).is("INDEX")) {
            j += 2;
        }
        List<String> columns = List.of();
        if (type != ConstraintType.CHECK
                && type != ConstraintType.EXCLUDE
                && j < to
                && t.get(j).isSymbol("(")) {
            int close = matching(j);
            columns = keyParts(j, close);
            j = close + 1;
        }
        Tail tail = tail(j, to);
        return new ConstraintDefinition(
                type,
                name,
                columns,
                tail.referenced,
                tail.referencedColumns,
                tail.cascade,
                tail.notValid,
                tail.usingIndex,
                position);
    }

    /** What follows a key's column list: REFERENCES, ON DELETE CASCADE, USING INDEX, NOT VALID. */
    private static final class Tail {
        Optional<ObjectName> referenced = Optional.empty();
        List<String> referencedColumns = List.of();
        boolean cascade;
        boolean usingIndex;
        boolean notValid;
    }

    private Tail tail(int from, int to) {
        Tail tail = new Tail();
        for (int m = from; m < to; m++) {
            Token x = t.get(m);
            if (x.is("REFERENCES") && m + 1 < to) {
                int save = p;
                p = m + 1;
                tail.referenced = Optional.of(name());
                if (p < to && t.get(p).isSymbol("(")) {
                    int close = matching(p);
                    tail.referencedColumns = keyParts(p, close);
                    p = close;
                }
                m = p;
                p = save;
            } else if (x.is("DELETE")
                    && m > 0
                    && t.get(m - 1).is("ON")
                    && m + 1 < to
                    && t.get(m + 1).is("CASCADE")) {
                tail.cascade = true;
            } else if (x.is("USING") && m + 1 < to && t.get(m + 1).is("INDEX")) {
                tail.usingIndex = true;
            } else if (x.is("NOT") && m + 1 < to && t.get(m + 1).is("VALID")) {
                tail.notValid = true;
            } else if (x.isSymbol("(")) {
                m = matching(m);
            }
        }
        return tail;
    }

    /** The key parts between the parentheses at {@code open} and {@code close}. */
    private List<String> keyParts(int open, int close) {
        List<String> parts = new ArrayList<>();
        for (int[] part : splitTopLevel(open + 1, close)) {
            if (part[0] >= part[1]) {
                continue;
            }
            Token k = t.get(part[0]);
            if (k.isIdentifier()
                    && (part[0] + 1 == part[1] || !t.get(part[0] + 1).isSymbol("(") || dialect == Dialect.MYSQL)) {
                parts.add(k.value());
            } else {
                parts.add(text(part[0], part[1]));
            }
        }
        return parts;
    }

    private ColumnDefinition column(int from, int to) {
        Token nameToken = t.get(from);
        int i = from + 1;
        int typeStart = i;
        while (i < to) {
            Token k = t.get(i);
            if (k.isSymbol("(")) {
                i = matching(i) + 1;
                continue;
            }
            if (i > typeStart
                    && k.kind() == Token.Kind.WORD
                    && COLUMN_ATTRIBUTES.contains(k.upper())
                    && !(k.is("CHARACTER") && !(i + 1 < to && t.get(i + 1).is("SET")))) {
                break;
            }
            i++;
        }
        String type = typeStart < i ? text(typeStart, i).toUpperCase(Locale.ROOT) : "";
        String base = io.dbchange.core.review.statement.TypeNames.base(type);
        boolean notNull = false;
        boolean explicitNull = false;
        Optional<String> defaultExpression = Optional.empty();
        Optional<String> comment = Optional.empty();
        Optional<String> charset = Optional.empty();
        Optional<String> collation = Optional.empty();
        boolean autoIncrement = base.endsWith("SERIAL");
        boolean primaryKey = false;
        boolean unique = false;
        boolean onUpdate = false;
        Optional<ConstraintDefinition> references = Optional.empty();
        Optional<String> placement = Optional.empty();
        while (i < to) {
            Token k = t.get(i);
            switch (k.kind() == Token.Kind.WORD ? k.upper() : "") {
                case "NOT" -> {
                    if (i + 1 < to && t.get(i + 1).is("NULL")) {
                        notNull = true;
                        i += 2;
                    } else {
                        i++;
                    }
                }
                case "NULL" -> {
                    explicitNull = true;
                    i++;
                }
                case "FIRST" -> {
                    placement = Optional.of("FIRST");
                    i++;
                }
                case "AFTER" -> {
                    placement =
                            Optional.of("AFTER " + (i + 1 < to ? t.get(i + 1).value() : ""));
                    i += 2;
                }
                case "DEFAULT" -> {
                    int end = attributeEnd(i + 1, to);
                    defaultExpression = Optional.of(text(i + 1, end));
                    i = end;
                }
                case "PRIMARY" -> {
                    primaryKey = true;
                    notNull = true;
                    i += 2;
                }
                case "UNIQUE" -> {
                    unique = true;
                    i++;
                    if (i < to && t.get(i).is("KEY")) {
                        i++;
                    }
                }
                case "AUTO_INCREMENT" -> {
                    autoIncrement = true;
                    i++;
                }
                case "IDENTITY" -> {
                    autoIncrement = true;
                    i++;
                }
                case "GENERATED" -> {
                    int end = attributeEnd(i + 1, to);
                    if (text(i, end).toUpperCase(Locale.ROOT).contains("IDENTITY")) {
                        autoIncrement = true;
                    }
                    i = end;
                }
                case "COMMENT" -> {
                    comment = Optional.of(i + 1 < to ? t.get(i + 1).value() : "");
                    i += 2;
                }
                case "CHARACTER" -> {
                    charset = Optional.of(i + 2 < to ? t.get(i + 2).value() : "");
                    i += 3;
                }
                case "CHARSET" -> {
                    charset = Optional.of(i + 1 < to ? t.get(i + 1).value() : "");
                    i += 2;
                }
                case "COLLATE" -> {
                    collation = Optional.of(i + 1 < to ? t.get(i + 1).value() : "");
                    i += 2;
                }
                case "ON" -> {
                    if (i + 1 < to && t.get(i + 1).is("UPDATE")) {
                        onUpdate = true;
                    }
                    i = attributeEnd(i + 2, to);
                }
                case "REFERENCES" -> {
                    Tail tail = tail(i, to);
                    references = Optional.of(new ConstraintDefinition(
                            ConstraintType.FOREIGN_KEY,
                            Optional.empty(),
                            List.of(nameToken.value()),
                            tail.referenced,
                            tail.referencedColumns,
                            tail.cascade,
                            tail.notValid,
                            false,
                            positions.at(k.start())));
                    i = to;
                }
                default -> i++;
            }
        }
        return new ColumnDefinition(
                nameToken.value(),
                type,
                notNull,
                explicitNull,
                defaultExpression,
                comment,
                charset,
                collation,
                autoIncrement,
                primaryKey,
                unique,
                onUpdate,
                references,
                placement,
                positions.at(nameToken.start()));
    }

    /** The end of an attribute's expression: the next column attribute keyword at depth 0. */
    private int attributeEnd(int from, int to) {
        int i = from;
        while (i < to) {
            Token k = t.get(i);
            if (k.isSymbol("(")) {
                i = matching(i) + 1;
                continue;
            }
            if (i > from && k.kind() == Token.Kind.WORD && COLUMN_ATTRIBUTES.contains(k.upper()) && !k.is("NULL")) {
                return i;
            }
            if (i > from && k.is("NULL") && !t.get(i - 1).is("NOT")) {
                return i;
            }
            i++;
        }
        return to;
    }

    private void createIndex(boolean unique, String indexKind) {
        d.kind = StatementKind.CREATE_INDEX;
        if (at("CONCURRENTLY")) {
            d.concurrently = true;
            p++;
        }
        if (at("IF")) {
            d.ifNotExists = true;
            p += 3;
        }
        Optional<String> name = Optional.empty();
        SourcePosition position = positions.at(p < t.size() ? t.get(p).start() : 0);
        if (!at("ON")) {
            name = Optional.of(t.get(p).value());
            p++;
        }
        Optional<String> method =
                indexKind == null || indexKind.equals("UNIQUE") ? Optional.empty() : Optional.of(indexKind);
        if (at("USING")) {
            method = Optional.of(t.get(p + 1).value());
            p += 2;
        }
        expect("ON");
        skipWords("ONLY");
        d.target = Optional.of(name());
        if (at("USING")) {
            method = Optional.of(t.get(p + 1).value());
            p += 2;
        }
        List<String> columns = List.of();
        if (p < t.size() && t.get(p).isSymbol("(")) {
            int close = matching(p);
            columns = keyParts(p, close);
            p = close + 1;
        }
        boolean partial = findTopLevel(p, "WHERE") >= 0;
        d.index = Optional.of(new IndexDefinition(name, unique, columns, method, partial, position));
    }

    // ---------------------------------------------------------------- ALTER

    private void alter() {
        String what = word();
        p++;
        if (what.equals("TABLE")) {
            alterTable();
        } else if (what.equals("SEQUENCE")) {
            d.kind = StatementKind.ALTER_SEQUENCE;
            if (at("IF")) {
                p += 2;
                d.ifExists = true;
            }
            d.target = Optional.of(name());
        } else {
            d.kind = StatementKind.DDL_OTHER;
        }
    }

    private void alterTable() {
        d.kind = StatementKind.ALTER_TABLE;
        if (at("IF")) {
            p += 2;
            d.ifExists = true;
        }
        skipWords("ONLY");
        d.target = Optional.of(name());
        for (int[] part : splitTopLevel(p, t.size())) {
            if (part[0] < part[1]) {
                d.actions.add(alterAction(part[0], part[1]));
            }
        }
    }

    private AlterAction alterAction(int from, int to) {
        Act a = new Act(positions.at(t.get(from).start()));
        int i = from;
        String w = t.get(i).kind() == Token.Kind.WORD ? t.get(i).upper() : "";
        switch (w) {
            case "ADD" -> {
                i++;
                if (i < to && (t.get(i).is("PARTITION"))) {
                    a.type = AlterAction.Type.OTHER;
                    break;
                }
                boolean columnWord = i < to && t.get(i).is("COLUMN");
                if (columnWord) {
                    i++;
                }
                if (i + 2 < to && t.get(i).is("IF") && t.get(i + 1).is("NOT")) {
                    i += 3;
                }
                if (!columnWord
                        && i < to
                        && (t.get(i).is("CONSTRAINT") || isConstraintStart(t.get(i)))
                        && !isColumnNamedLikeKeyword(i, to)) {
                    a.type = AlterAction.Type.ADD_CONSTRAINT;
                    int before = d.constraints.size();
                    tableElement(i, to);
                    if (d.constraints.size() > before) {
                        a.constraint = Optional.of(d.constraints.remove(d.constraints.size() - 1));
                    }
                } else if (i < to && t.get(i).isSymbol("(")) {
                    // MySQL ADD (col1 ..., col2 ...): only the first column is modelled per action
                    a.type = AlterAction.Type.ADD_COLUMN;
                    int close = matching(i);
                    List<int[]> parts = splitTopLevel(i + 1, close);
                    ColumnDefinition c = column(parts.get(0)[0], parts.get(0)[1]);
                    a.definition = Optional.of(c);
                    a.column = Optional.of(c.name());
                } else {
                    a.type = AlterAction.Type.ADD_COLUMN;
                    ColumnDefinition c = column(i, to);
                    a.definition = Optional.of(c);
                    a.column = Optional.of(c.name());
                }
            }
            case "DROP" -> {
                i++;
                String x =
                        i < to && t.get(i).kind() == Token.Kind.WORD ? t.get(i).upper() : "";
                switch (x) {
                    case "CONSTRAINT", "CHECK" -> {
                        a.type = AlterAction.Type.DROP_CONSTRAINT;
                        i++;
                    }
                    case "INDEX", "KEY" -> {
                        a.type = AlterAction.Type.DROP_INDEX;
                        i++;
                    }
                    case "PRIMARY" -> {
                        a.type = AlterAction.Type.DROP_PRIMARY_KEY;
                        i = to;
                    }
                    case "FOREIGN" -> {
                        a.type = AlterAction.Type.DROP_FOREIGN_KEY;
                        i += 2;
                    }
                    case "PARTITION" -> {
                        a.type = AlterAction.Type.OTHER;
                        i = to;
                    }
                    case "COLUMN" -> {
                        a.type = AlterAction.Type.DROP_COLUMN;
                        i++;
                    }
                    default -> a.type = AlterAction.Type.DROP_COLUMN;
                }
                if (i + 1 < to && t.get(i).is("IF") && t.get(i + 1).is("EXISTS")) {
                    a.ifExists = true;
                    i += 2;
                }
                if (i < to) {
                    String dropped = t.get(i).value();
                    if (a.type == AlterAction.Type.DROP_COLUMN) {
                        a.column = Optional.of(dropped);
                    } else {
                        a.objectName = Optional.of(dropped);
                    }
                }
                a.cascade = containsWord(i, to, "CASCADE");
            }
            case "MODIFY" -> {
                i++;
                if (i < to && t.get(i).is("COLUMN")) {
                    i++;
                }
                a.type = AlterAction.Type.MODIFY_COLUMN;
                ColumnDefinition c = column(i, to);
                a.definition = Optional.of(c);
                a.column = Optional.of(c.name());
            }
            case "CHANGE" -> {
                i++;
                if (i < to && t.get(i).is("COLUMN")) {
                    i++;
                }
                a.type = AlterAction.Type.CHANGE_COLUMN;
                a.column = Optional.of(t.get(i).value());
                ColumnDefinition c = column(i + 1, to);
                a.definition = Optional.of(c);
                if (!c.name().equals(a.column.get())) {
                    a.newName = Optional.of(c.name());
                }
            }
            case "RENAME" -> {
                i++;
                String x =
                        i < to && t.get(i).kind() == Token.Kind.WORD ? t.get(i).upper() : "";
                switch (x) {
                    case "TO", "AS" -> {
                        a.type = AlterAction.Type.RENAME_TABLE;
                        a.newName = Optional.of(t.get(i + 1).value());
                    }
                    case "INDEX", "KEY" -> {
                        a.type = AlterAction.Type.RENAME_INDEX;
                        a.objectName = Optional.of(t.get(i + 1).value());
                        a.newName = Optional.of(t.get(i + 3).value());
                    }
                    case "CONSTRAINT" -> {
                        a.type = AlterAction.Type.RENAME_CONSTRAINT;
                        a.objectName = Optional.of(t.get(i + 1).value());
                        a.newName = Optional.of(t.get(i + 3).value());
                    }
                    default -> {
                        if (x.equals("COLUMN")) {
                            i++;
                        }
                        if (i + 1 < to && (t.get(i + 1).is("TO") || t.get(i + 1).is("AS"))) {
                            a.type = AlterAction.Type.RENAME_COLUMN;
                            a.column = Optional.of(t.get(i).value());
                            a.newName = Optional.of(t.get(i + 2).value());
                        } else {
                            // MySQL RENAME new_name (without TO)
                            a.type = AlterAction.Type.RENAME_TABLE;
                            a.newName = Optional.of(t.get(i).value());
                        }
                    }
                }
            }
            case "ALTER" -> {
                i++;
                if (i < to
                        && (t.get(i).is("INDEX")
                                || t.get(i).is("CONSTRAINT")
                                || t.get(i).is("CHECK"))) {
                    a.type = AlterAction.Type.OTHER;
                    break;
                }
                if (i < to && t.get(i).is("COLUMN")) {
                    i++;
                }
                a.column = Optional.of(t.get(i).value());
                i++;
                String x = i < to ? t.get(i).upper() : "";
                String y = i + 1 < to ? t.get(i + 1).upper() : "";
                if (x.equals("TYPE") || (x.equals("SET") && y.equals("DATA"))) {
                    a.type = AlterAction.Type.SET_TYPE;
                    int s = x.equals("TYPE") ? i + 1 : i + 3;
                    int e = s;
                    while (e < to && !t.get(e).is("USING") && !t.get(e).is("COLLATE")) {
                        e++;
                    }
                    a.newType = Optional.of(text(s, e).toUpperCase(Locale.ROOT));
                } else if (x.equals("SET") && y.equals("DEFAULT")) {
                    a.type = AlterAction.Type.SET_DEFAULT;
                    a.defaultExpression = Optional.of(text(i + 2, to));
                } else if (x.equals("DROP") && y.equals("DEFAULT")) {
                    a.type = AlterAction.Type.DROP_DEFAULT;
                } else if (x.equals("SET") && y.equals("NOT")) {
                    a.type = AlterAction.Type.SET_NOT_NULL;
                } else if (x.equals("DROP") && y.equals("NOT")) {
                    a.type = AlterAction.Type.DROP_NOT_NULL;
                } else {
                    a.type = AlterAction.Type.OTHER;
                }
            }
            case "VALIDATE" -> {
                a.type = AlterAction.Type.VALIDATE_CONSTRAINT;
                a.objectName = Optional.of(t.get(i + 2).value());
            }
            case "ALGORITHM" -> a.type = AlterAction.Type.ALGORITHM;
            case "LOCK" -> a.type = AlterAction.Type.LOCK;
            case "ENGINE",
                    "CHARSET",
                    "CHARACTER",
                    "DEFAULT",
                    "COLLATE",
                    "COMMENT",
                    "CONVERT",
                    "AUTO_INCREMENT",
                    "ROW_FORMAT" -> {
                a.type = AlterAction.Type.SET_OPTIONS;
                tableOptions(from, to);
            }
            case "PARTITION" -> {
                a.type = AlterAction.Type.OTHER;
                d.options.partitioned = true;
            }
            default -> a.type = AlterAction.Type.OTHER;
        }
        return a.build();
    }

    /** Mutable draft of one alter action. */
    private static final class Act {
        AlterAction.Type type = AlterAction.Type.OTHER;
        Optional<String> column = Optional.empty();
        Optional<String> newName = Optional.empty();
        Optional<ColumnDefinition> definition = Optional.empty();
        Optional<ConstraintDefinition> constraint = Optional.empty();
        Optional<String> objectName = Optional.empty();
        Optional<String> newType = Optional.empty();
        Optional<String> defaultExpression = Optional.empty();
        boolean ifExists;
        boolean cascade;
        final SourcePosition position;

        Act(SourcePosition position) {
            this.position = position;
        }

        AlterAction build() {
            return new AlterAction(
                    type,
                    column,
                    newName,
                    definition,
                    constraint,
                    objectName,
                    newType,
                    defaultExpression,
                    ifExists,
                    cascade,
                    position);
        }
    }

    // ---------------------------------------------------------------- DROP, RENAME, TRUNCATE

    private void drop() {
        skipWords("TEMPORARY", "MATERIALIZED");
        String what = word();
        p++;
        d.kind = switch (what) {
            case "TABLE" -> StatementKind.DROP_TABLE;
            case "INDEX" -> StatementKind.DROP_INDEX;
            case "VIEW" -> StatementKind.DROP_VIEW;
            case "SEQUENCE" -> StatementKind.DROP_SEQUENCE;
            case "SCHEMA" -> StatementKind.DROP_SCHEMA;
            case "DATABASE" -> StatementKind.DROP_DATABASE;
            default -> StatementKind.DROP_OTHER;
        };
        if (d.kind == StatementKind.DROP_OTHER) {
            return;
        }
        if (at("CONCURRENTLY")) {
            d.concurrently = true;
            p++;
        }
        if (at("IF")) {
            d.ifExists = true;
            p += 2;
        }
        List<ObjectName> names = new ArrayList<>();
        names.add(name());
        while (p < t.size() && t.get(p).isSymbol(",")) {
            p++;
            names.add(name());
        }
        d.target = Optional.of(names.get(0));
        d.otherTargets.addAll(names.subList(1, names.size()));
        if (at("ON")) {
            p++;
            d.otherTargets.add(name()); // MySQL DROP INDEX i ON t
        }
        d.cascade = containsWord(p, t.size(), "CASCADE");
    }

    private void renameTable() {
        d.kind = StatementKind.RENAME_TABLE;
        skipWords("TABLE", "TABLES");
        d.target = Optional.of(name());
        expect("TO");
        d.otherTargets.add(name());
    }

    private void truncate() {
        d.kind = StatementKind.TRUNCATE;
        skipWords("TABLE", "ONLY");
        d.target = Optional.of(name());
        while (p < t.size() && t.get(p).isSymbol(",")) {
            p++;
            d.otherTargets.add(name());
        }
        d.cascade = containsWord(p, t.size(), "CASCADE");
    }

    // ---------------------------------------------------------------- DML

    private void insert() {
        d.kind = StatementKind.INSERT;
        skipWords("LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE", "INTO");
        d.target = Optional.of(name());
        if (at("AS")) {
            p += 2; // PostgreSQL alias
        }
        Optional<List<String>> columns = Optional.empty();
        if (p < t.size() && t.get(p).isSymbol("(")) {
            int close = matching(p);
            boolean query = p + 1 < t.size()
                    && (t.get(p + 1).is("SELECT") || t.get(p + 1).is("WITH"));
            if (!query) {
                columns = Optional.of(keyParts(p, close));
                p = close + 1;
            }
        }
        int rows = 0;
        boolean select = false;
        if (at("VALUES") || at("VALUE")) {
            p++;
            while (p < t.size() && t.get(p).isSymbol("(")) {
                rows++;
                p = matching(p) + 1;
                if (p < t.size() && t.get(p).isSymbol(",")) {
                    p++;
                } else {
                    break;
                }
            }
        } else if (at("SET")) {
            columns = Optional.of(List.of()); // MySQL INSERT ... SET col = value names its columns
            rows = 1;
        } else if (at("SELECT") || at("WITH") || (p < t.size() && t.get(p).isSymbol("(")) || at("TABLE")) {
            select = true;
        }
        d.insertColumns = columns;
        d.insertRows = rows;
        d.insertSelect = select;
        dml();
    }

    /** Top-level clauses and SELECT * anywhere in a DML statement. */
    private void dml() {
        int where = findTopLevel(0, "WHERE");
        if (where >= 0) {
            d.where = Optional.of(positions.at(t.get(where).start()));
        }
        int limit = findTopLevel(0, "LIMIT");
        if (limit >= 0) {
            d.limit = Optional.of(positions.at(t.get(limit).start()));
        }
        int order = findTopLevel(0, "ORDER");
        if (order >= 0 && order + 1 < t.size() && t.get(order + 1).is("BY")) {
            d.orderBy = Optional.of(positions.at(t.get(order).start()));
        }
        for (int i = 0; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.isSymbol("*") && i > 0) {
                Token before = t.get(i - 1);
                boolean item = before.is("SELECT")
                        || before.is("DISTINCT")
                        || before.is("ALL")
                        || before.isSymbol(",")
                        || before.isSymbol(".");
                boolean end = i + 1 == t.size()
                        || t.get(i + 1).is("FROM")
                        || t.get(i + 1).isSymbol(",")
                        || t.get(i + 1).isSymbol(")");
                if (before.isSymbol(".")) {
                    item = true;
                }
                if (item && end && d.selectAll.isEmpty() && isInSelectList(i)) {
                    d.selectAll =
                            Optional.of(positions.at((before.isSymbol(".") && i >= 2 ? t.get(i - 2) : k).start()));
                }
            }
            if ((k.is("RAND") || k.is("RANDOM"))
                    && i + 1 < t.size()
                    && t.get(i + 1).isSymbol("(")
                    && findBackward(i, "ORDER")) {
                d.orderByRand = true;
            }
            if (k.is("LIKE") || k.is("ILIKE")) {
                int j = i + 1;
                if (j < t.size()
                        && t.get(j).kind() == Token.Kind.STRING
                        && t.get(j).value().startsWith("%")
                        && d.leadingWildcardLike.isEmpty()) {
                    d.leadingWildcardLike = Optional.of(positions.at(t.get(j).start()));
                }
            }
        }
    }

    /** Whether the token at {@code i} sits between a SELECT and its FROM (not in RETURNING or COUNT(*)). */
    private boolean isInSelectList(int i) {
        int depth = 0;
        for (int j = i - 1; j >= 0; j--) {
            Token k = t.get(j);
            if (k.isSymbol(")")) {
                depth++;
            } else if (k.isSymbol("(")) {
                if (depth == 0) {
                    return false; // inside a function call such as count(*) unless a SELECT comes first
                }
                depth--;
            } else if (depth == 0 && (k.is("SELECT"))) {
                return true;
            } else if (depth == 0 && (k.is("FROM") || k.is("RETURNING") || k.is("WHERE"))) {
                return false;
            }
        }
        return false;
    }

    private boolean findBackward(int i, String keyword) {
        for (int j = i - 1; j >= 0 && j >= i - 4; j--) {
            if (t.get(j).is(keyword)) {
                return true;
            }
        }
        return false;
    }

    private void set() {
        d.kind = StatementKind.SET;
        skipWords("SESSION", "LOCAL", "GLOBAL", "PERSIST");
        if (p < t.size()) {
            String name = t.get(p).value().toLowerCase(Locale.ROOT);
            if (name.startsWith("@@")) {
                name = name.substring(2);
                int dot = name.indexOf('.');
                if (dot >= 0 && p + 2 < t.size()) {
                    name = name.substring(dot + 1);
                } else if ((name.equals("session") || name.equals("global"))
                        && p + 2 < t.size()
                        && t.get(p + 1).isSymbol(".")) {
                    name = t.get(p + 2).value().toLowerCase(Locale.ROOT);
                }
            }
            d.setting = Optional.of(name);
        }
    }

    // ---------------------------------------------------------------- helpers

    private boolean at(String keyword) {
        return p < t.size() && t.get(p).is(keyword);
    }

    private String word() {
        return p < t.size() && t.get(p).kind() == Token.Kind.WORD ? t.get(p).upper() : "";
    }

    private void skipWords(String... words) {
        boolean moved = true;
        while (moved && p < t.size()) {
            moved = false;
            for (String w : words) {
                if (t.get(p).is(w)) {
                    p++;
                    moved = true;
                    break;
                }
            }
        }
    }

    private void expect(String keyword) {
        if (!at(keyword)) {
            throw new IllegalStateException("expected " + keyword);
        }
        p++;
    }

    /** A possibly qualified name at {@code p}: {@code a}, {@code a.b} or {@code a.b.c} (catalog ignored). */
    private ObjectName name() {
        Token first = t.get(p);
        if (!first.isIdentifier()) {
            throw new IllegalStateException("expected a name");
        }
        List<String> parts = new ArrayList<>();
        parts.add(first.value());
        p++;
        while (p + 1 < t.size() && t.get(p).isSymbol(".") && t.get(p + 1).isIdentifier()) {
            parts.add(t.get(p + 1).value());
            p += 2;
        }
        String name = parts.get(parts.size() - 1);
        Optional<String> schema = parts.size() > 1 ? Optional.of(parts.get(parts.size() - 2)) : Optional.empty();
        return new ObjectName(schema, name, positions.at(first.start()));
    }

    /** The index of the parenthesis closing the one at {@code open}, or the last token. */
    private int matching(int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).isSymbol("(")) {
                depth++;
            } else if (t.get(i).isSymbol(")")) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return t.size() - 1 < open ? open : t.size();
    }

    /** Ranges [start, end) in [from, to) separated by commas at parenthesis depth 0. */
    private List<int[]> splitTopLevel(int from, int to) {
        List<int[]> parts = new ArrayList<>();
        int depth = 0;
        int start = from;
        int end = Math.min(to, t.size());
        for (int i = from; i < end; i++) {
            Token k = t.get(i);
            if (k.isSymbol("(")) {
                depth++;
            } else if (k.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && k.isSymbol(",")) {
                parts.add(new int[] {start, i});
                start = i + 1;
            }
        }
        parts.add(new int[] {start, end});
        return parts;
    }

    /** The index of {@code keyword} at parenthesis depth 0 from {@code from}, or -1. */
    private int findTopLevel(int from, String keyword) {
        int depth = 0;
        for (int i = from; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.isSymbol("(")) {
                depth++;
            } else if (k.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && k.is(keyword)) {
                return i;
            }
        }
        return -1;
    }

    private boolean containsWord(int from, int to, String keyword) {
        for (int i = from; i < Math.min(to, t.size()); i++) {
            if (t.get(i).is(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** The source text of tokens [from, to), white space collapsed. */
    private String text(int from, int to) {
        if (from >= to || from >= t.size()) {
            return "";
        }
        int last = Math.min(to, t.size()) - 1;
        return statement.sql().substring(t.get(from).start(), t.get(last).end()).transform(Text::collapseWhitespace);
    }

    /** Mutable draft of the statement model. */
    static final class Draft {
        final SqlStatement statement;
        StatementKind kind;
        ParsedBy parsedBy = ParsedBy.RECOGNIZER;
        Optional<ObjectName> target = Optional.empty();
        final List<ObjectName> otherTargets = new ArrayList<>();
        boolean ifExists;
        boolean ifNotExists;
        boolean concurrently;
        boolean cascade;
        final List<ColumnDefinition> columns = new ArrayList<>();
        final List<ConstraintDefinition> constraints = new ArrayList<>();
        final Options options = new Options();
        final List<AlterAction> actions = new ArrayList<>();
        Optional<IndexDefinition> index = Optional.empty();
        Optional<SourcePosition> where = Optional.empty();
        Optional<SourcePosition> limit = Optional.empty();
        Optional<SourcePosition> orderBy = Optional.empty();
        Optional<SourcePosition> selectAll = Optional.empty();
        Optional<List<String>> insertColumns = Optional.empty();
        int insertRows;
        boolean insertSelect;
        boolean orderByRand;
        Optional<SourcePosition> leadingWildcardLike = Optional.empty();
        Optional<String> setting = Optional.empty();
        Optional<String> problem = Optional.empty();

        Draft(SqlStatement statement) {
            this.statement = statement;
        }

        ParsedStatement build() {
            DmlClauses dml = kind.isDml()
                    ? new DmlClauses(
                            where,
                            limit,
                            orderBy,
                            selectAll,
                            insertColumns,
                            insertRows,
                            insertSelect,
                            orderByRand,
                            leadingWildcardLike)
                    : DmlClauses.NONE;
            return new ParsedStatement(
                    statement,
                    kind,
                    parsedBy,
                    target,
                    otherTargets,
                    ifExists,
                    ifNotExists,
                    concurrently,
                    cascade,
                    columns,
                    constraints,
                    options.build(),
                    actions,
                    index,
                    dml,
                    setting,
                    problem);
        }
    }

    /** Mutable draft of table options. */
    static final class Options {
        Optional<String> engine = Optional.empty();
        Optional<String> charset = Optional.empty();
        Optional<String> collation = Optional.empty();
        Optional<String> comment = Optional.empty();
        boolean partitioned;

        TableOptionsDefinition build() {
            return new TableOptionsDefinition(engine, charset, collation, comment, partitioned);
        }
    }
}
