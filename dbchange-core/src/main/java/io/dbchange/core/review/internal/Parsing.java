package io.dbchange.core.review.internal;

import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.ParsedStatement.ParsedBy;
import io.dbchange.core.review.statement.StatementKind;
import java.util.Optional;

/** Bridges the public {@code StatementParser} to the two parsing paths. */
public final class Parsing {

    private Parsing() {}

    /** The model of {@code statement}: JSqlParser first, then the recognizer; never throws. */
    public static ParsedStatement parse(SqlStatement statement, Dialect dialect, JSqlParserFront front) {
        JSqlParserFront.Outcome outcome = front.parse(statement.sql());
        if (outcome == JSqlParserFront.Outcome.PARSED) {
            return parsedByJSqlParser(Recognizer.recognize(statement, dialect, ParsedBy.JSQLPARSER));
        }
        return notParsedByJSqlParser(Recognizer.recognize(statement, dialect, ParsedBy.RECOGNIZER), outcome);
    }

    /**
     * The model of {@code statement}: the recognizer first, JSqlParser only when the recognizer has no shape for it;
     * the same model as {@link #parse} but for {@code parsedBy}. Never throws.
     */
    public static ParsedStatement parseRecognizerFirst(SqlStatement statement, Dialect dialect, JSqlParserFront front) {
        ParsedStatement model = Recognizer.recognize(statement, dialect, ParsedBy.RECOGNIZER);
        if (model.kind() != StatementKind.UNRECOGNIZED) {
            return model;
        }
        JSqlParserFront.Outcome outcome = front.parse(statement.sql());
        return outcome == JSqlParserFront.Outcome.PARSED
                ? parsedByJSqlParser(model)
                : notParsedByJSqlParser(model, outcome);
    }

    private static ParsedStatement parsedByJSqlParser(ParsedStatement model) {
        // JSqlParser knows a statement our recognizer has no shape for: valid SQL, nothing to look into
        return model.kind() == StatementKind.UNRECOGNIZED
                ? with(model, StatementKind.OTHER, ParsedBy.JSQLPARSER, Optional.empty())
                : model;
    }

    private static ParsedStatement notParsedByJSqlParser(ParsedStatement model, JSqlParserFront.Outcome outcome) {
        return model.kind() == StatementKind.UNRECOGNIZED && outcome == JSqlParserFront.Outcome.TIMED_OUT
                ? with(
                        model,
                        model.kind(),
                        model.parsedBy(),
                        Optional.of(model.problem().orElse("unknown statement") + "; JSqlParser timed out on it"))
                : model;
    }

    private static ParsedStatement with(
            ParsedStatement model, StatementKind kind, ParsedBy parsedBy, Optional<String> problem) {
        return new ParsedStatement(
                model.statement(),
                kind,
                parsedBy,
                model.target(),
                model.otherTargets(),
                model.ifExists(),
                model.ifNotExists(),
                model.concurrently(),
                model.cascade(),
                model.columns(),
                model.constraints(),
                model.tableOptions(),
                model.actions(),
                model.index(),
                model.dml(),
                model.setting(),
                problem);
    }
}
