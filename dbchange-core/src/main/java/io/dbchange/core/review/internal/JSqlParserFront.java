package io.dbchange.core.review.internal;

import io.dbchange.api.sql.Dialect;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;

/**
 * Parses one statement with JSqlParser in the review's dialect, bounded in time.
 *
 * <p>Rationale: JSqlParser's grammar backtracks and can take seconds on some inputs. {@code CCJSqlParserUtil}
 * bounds that with a new single-thread executor per call (a thread per statement) and switches off logging in its
 * static initializer, so we drive {@link CCJSqlParser} directly: one worker thread per front, reused for every
 * statement; on time-out we set the parser's {@code interrupted} flag, which its productions check, and wait briefly
 * for the worker to give up. Hazard: a parser that ignores the flag keeps the worker busy; we then abandon that
 * worker (daemon thread) and start a new one, so one bad statement cannot stall a review.
 */
public final class JSqlParserFront implements AutoCloseable {

    private final Dialect dialect;
    private final Duration timeout;
    // started on first use: a review whose statements the recognizer all knows never needs JSqlParser
    private ExecutorService worker;

    /** A front for {@code dialect} that gives each statement at most {@code timeout}. */
    public JSqlParserFront(Dialect dialect, Duration timeout) {
        this.dialect = dialect;
        this.timeout = timeout;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "dbchange-review-parser");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The outcome of one parse. */
    public enum Outcome {
        PARSED,
        FAILED,
        TIMED_OUT
    }

    /** Parses {@code sql}; never throws for bad SQL. */
    public Outcome parse(String sql) {
        CCJSqlParser parser;
        try {
            parser = new CCJSqlParser(sql);
        } catch (Exception | Error e) {
            // the token manager rejects some input while reading ahead (ParseException, TokenMgrException)
            return Outcome.FAILED;
        }
        parser.withDialect(
                dialect == Dialect.MYSQL ? AbstractJSqlParser.Dialect.MYSQL : AbstractJSqlParser.Dialect.POSTGRESQL);
        if (dialect == Dialect.MYSQL) {
            parser.withBackslashEscapeCharacter(true);
        }
        CCJSqlParser running = parser;
        if (worker == null) {
            worker = newWorker();
        }
        Future<Statement> result = worker.submit(running::Statement);
        try {
            Statement statement = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return statement == null || statement instanceof UnsupportedStatement ? Outcome.FAILED : Outcome.PARSED;
        } catch (TimeoutException e) {
            parser.interrupted = true;
            try {
                result.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException stuck) {
                result.cancel(true);
                worker.shutdownNow();
                worker = newWorker();
            } catch (ExecutionException | RuntimeException ignored) {
                // the parser gave up as asked
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return Outcome.TIMED_OUT;
        } catch (ExecutionException e) {
            return Outcome.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            return Outcome.FAILED;
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdownNow();
        }
    }
}
