package io.dbchange.core.approval.internal;

import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.review.statement.ObjectName;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import io.dbchange.core.review.statement.StatementParser;

/**
 * What risk rules know about one statement, from SQL review's statement model, so that risk and review agree on
 * what a statement is.
 *
 * @param sqlType the statement kind's name, e.g. {@code ALTER_TABLE}
 * @param statementKind {@code DDL}, {@code DML} or {@code OTHER}
 * @param tableName the table it touches, unqualified; {@code ""} when none
 * @param shortText its first words, for the record
 */
public record StatementFacts(String sqlType, String statementKind, String tableName, String shortText) {

    /** The facts of a task without statements: every field empty. */
    public static final StatementFacts NONE = new StatementFacts("", "", "", "");

    /** The facts of {@code sql}, parsed by {@code parser}. */
    public static StatementFacts of(StatementParser parser, String sql) {
        ParsedStatement parsed = parser.parse(SqlStatement.of(sql));
        StatementKind kind = parsed.kind();
        String statementKind = kind.isDdl() ? "DDL" : kind.isDml() ? "DML" : "OTHER";
        return new StatementFacts(kind.name(), statementKind, table(parsed), parsed.shortText());
    }

    private static String table(ParsedStatement parsed) {
        return switch (parsed.kind()) {
            // the model's target of DROP INDEX is the index; MySQL's "ON t" names the table after it
            case DROP_INDEX ->
                parsed.otherTargets().stream().findFirst().map(ObjectName::name).orElse("");
            // the recognizer's target of CREATE INDEX is the indexed table
            case CREATE_TABLE,
                    ALTER_TABLE,
                    DROP_TABLE,
                    RENAME_TABLE,
                    TRUNCATE,
                    CREATE_INDEX,
                    INSERT,
                    UPDATE,
                    DELETE,
                    SELECT,
                    LOCK,
                    COPY -> parsed.target().map(ObjectName::name).orElse("");
            default -> "";
        };
    }
}
