package io.dbchange.core.review.statement;

import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.review.internal.JSqlParserFront;
import io.dbchange.core.review.internal.Parsing;
import java.time.Duration;
import java.util.Objects;

/**
 * Turns statements into the review model. JSqlParser (in the dialect) is tried first; what it cannot parse goes to
 * our token recognizer, which knows MySQL and PostgreSQL statements JSqlParser does not (functional indexes,
 * {@code DROP FOREIGN KEY}, {@code ALTER COLUMN ... SET DATA TYPE}, {@code LOCK TABLE}, {@code COPY}, ...). A
 * statement neither understands comes back as {@link StatementKind#UNRECOGNIZED} with the reason; parsing never
 * throws for bad SQL.
 *
 * <pre>{@code
 * try (StatementParser parser = StatementParser.forDialect(Dialect.POSTGRESQL)) {
 *     ParsedStatement model = parser.parse(SqlStatement.of("DELETE FROM book"));
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one parser holds one worker thread that bounds JSqlParser's time per statement; close it.
 */
public final class StatementParser implements AutoCloseable {

    /** The default time JSqlParser may spend on one statement before the recognizer takes over. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    /** When JSqlParser reads a statement. */
    public enum JSqlParserUse {
        /**
         * Every statement goes through JSqlParser first, then the recognizer; {@link ParsedStatement#parsedBy()}
         * then says which of the two understood it. For a census of the parsing paths; JSqlParser is about two thirds
         * of the time of a review.
         */
        EVERY_STATEMENT,
        /**
         * The recognizer first; JSqlParser only for a statement the recognizer has no shape for, to tell valid SQL
         * ({@link StatementKind#OTHER}) from what neither understands ({@link StatementKind#UNRECOGNIZED}). Gives the
         * same model and findings as {@link #EVERY_STATEMENT}, since the model always comes from the recognizer;
         * only {@code parsedBy} of a recognized statement reads {@code RECOGNIZER}. JSqlParser is not even loaded
         * when no statement needs it.
         */
        FALLBACK
    }

    private final Dialect dialect;
    private final JSqlParserFront front;
    private final JSqlParserUse use;

    private StatementParser(Dialect dialect, Duration timeout, JSqlParserUse use) {
        this.dialect = dialect;
        this.front = new JSqlParserFront(dialect, timeout);
        this.use = use;
    }

    /** A parser for {@code dialect} with {@link #DEFAULT_TIMEOUT}, JSqlParser on every statement. */
    public static StatementParser forDialect(Dialect dialect) {
        return forDialect(dialect, DEFAULT_TIMEOUT);
    }

    /** A parser for {@code dialect} giving JSqlParser at most {@code timeout} per statement, on every statement. */
    public static StatementParser forDialect(Dialect dialect, Duration timeout) {
        return forDialect(dialect, timeout, JSqlParserUse.EVERY_STATEMENT);
    }

    /** A parser for {@code dialect} giving JSqlParser at most {@code timeout} per statement, used as {@code use} says. */
    public static StatementParser forDialect(Dialect dialect, Duration timeout, JSqlParserUse use) {
        Objects.requireNonNull(dialect, "'dialect' must not be null");
        Objects.requireNonNull(timeout, "'timeout' must not be null");
        Objects.requireNonNull(use, "'use' must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("'timeout' must be positive but was " + timeout);
        }
        return new StatementParser(dialect, timeout, use);
    }

    /** The model of one statement; never {@code null}, never throws for bad SQL. */
    public ParsedStatement parse(SqlStatement statement) {
        Objects.requireNonNull(statement, "'statement' must not be null");
        return use == JSqlParserUse.EVERY_STATEMENT
                ? Parsing.parse(statement, dialect, front)
                : Parsing.parseRecognizerFirst(statement, dialect, front);
    }

    /** The dialect. */
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        front.close();
    }
}
