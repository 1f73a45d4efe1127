package io.dbchange.core.review.statement;

import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.review.internal.Text;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One statement as review rules see it: its kind, the objects it touches and the clauses rules ask about.
 *
 * @param statement the statement as cut from its script (index, text, positions)
 * @param kind what it does
 * @param parsedBy which parsing path understood it
 * @param target the main object: the table of a table statement or DML, the index of {@code CREATE/DROP INDEX}, the
 *     schema, database, view or sequence of their statements; empty when there is none or it is unknown
 * @param otherTargets further objects named by the statement (the other tables of {@code DROP TABLE a, b},
 *     the table of {@code CREATE INDEX}, the new name of {@code RENAME TABLE})
 * @param ifExists {@code IF EXISTS}
 * @param ifNotExists {@code IF NOT EXISTS}
 * @param concurrently PostgreSQL {@code CONCURRENTLY}
 * @param cascade {@code CASCADE} on a drop or truncate
 * @param columns the column definitions of {@code CREATE TABLE}
 * @param constraints the keys and constraints of {@code CREATE TABLE} (table-level and inline)
 * @param tableOptions table options of {@code CREATE TABLE}/{@code ALTER TABLE}
 * @param actions the actions of {@code ALTER TABLE}
 * @param index the index of {@code CREATE INDEX}
 * @param dml the clauses of DML statements
 * @param setting for {@code SET}: the variable name, lower case (e.g. {@code lock_timeout}), if recognized
 * @param problem why the statement is {@link StatementKind#UNRECOGNIZED}, if it is
 */
public record ParsedStatement(
        SqlStatement statement,
        StatementKind kind,
        ParsedBy parsedBy,
        Optional<ObjectName> target,
        List<ObjectName> otherTargets,
        boolean ifExists,
        boolean ifNotExists,
        boolean concurrently,
        boolean cascade,
        List<ColumnDefinition> columns,
        List<ConstraintDefinition> constraints,
        TableOptionsDefinition tableOptions,
        List<AlterAction> actions,
        Optional<IndexDefinition> index,
        DmlClauses dml,
        Optional<String> setting,
        Optional<String> problem) {

    public ParsedStatement {
        Objects.requireNonNull(statement, "'statement' must not be null");
        Objects.requireNonNull(kind, "'kind' must not be null");
        Objects.requireNonNull(parsedBy, "'parsedBy' must not be null");
        Objects.requireNonNull(target, "'target' must not be null");
        otherTargets = List.copyOf(otherTargets);
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
        Objects.requireNonNull(tableOptions, "'tableOptions' must not be null");
        actions = List.copyOf(actions);
        Objects.requireNonNull(index, "'index' must not be null");
        Objects.requireNonNull(dml, "'dml' must not be null");
        Objects.requireNonNull(setting, "'setting' must not be null");
        Objects.requireNonNull(problem, "'problem' must not be null");
    }

    /** Which parsing path understood a statement. */
    public enum ParsedBy {
        /**
         * JSqlParser parsed it in the dialect's grammar. The model's structure and clause positions still come from
         * the recognizer's walk over the tokens, since JSqlParser records no positions.
         */
        JSQLPARSER,
        /** JSqlParser could not parse it; our token recognizer built the model. */
        RECOGNIZER,
        /** Neither path understood it. */
        NONE
    }

    /** The first words of the statement for messages, at most 60 characters, e.g. {@code DELETE FROM book}. */
    public String shortText() {
        String text = Text.collapseWhitespace(statement.sql(), 61);
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
