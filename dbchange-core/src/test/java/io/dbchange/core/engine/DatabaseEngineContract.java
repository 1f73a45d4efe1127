package io.dbchange.core.engine;

import static io.dbchange.api.engine.StatementOutcome.FAILED;
import static io.dbchange.api.engine.StatementOutcome.NOT_RUN;
import static io.dbchange.api.engine.StatementOutcome.ROLLED_BACK;
import static io.dbchange.api.engine.StatementOutcome.SUCCEEDED;
import static io.dbchange.core.engine.Scripts.statements;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionPool;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.engine.ExecutionOptions;
import io.dbchange.api.engine.ExecutionOptions.TransactionMode;
import io.dbchange.api.engine.ScriptResult;
import io.dbchange.api.engine.ServerInfo;
import io.dbchange.api.engine.StatementOutcome;
import io.dbchange.api.engine.StatementResult;
import io.dbchange.api.sql.SqlStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link DatabaseEngine} shares, written once and run against each engine's real server by a
 * subclass in the engine's module (Debezium's pattern: an abstract suite mixed into each connector's tests).
 *
 * <p>A subclass supplies the engine, a fresh database for every test ({@link #useDatabase(ConnectionSettings)} from
 * a {@code @BeforeEach} method), and the few pieces of SQL that differ between servers. The SQL the tests run
 * themselves is the common subset: {@code CREATE TABLE}, {@code INSERT}, {@code START TRANSACTION}.
 */
public abstract class DatabaseEngineContract {

    protected static final ExecutionOptions AUTOCOMMIT =
            ExecutionOptions.DEFAULTS.withTransactionMode(TransactionMode.AUTOCOMMIT);

    private ConnectionSettings settings;
    private final List<ConnectionPool> pools = new ArrayList<>();
    private ConnectionPool pool;

    /** The engine under test. */
    protected abstract DatabaseEngine engine();

    /** A statement that sleeps for the given seconds. */
    protected abstract String sleep(int seconds);

    /** A query returning the server's id for the session that runs it. */
    protected abstract String sessionIdQuery();

    /** A query counting how many of the given sessions still exist on the server. */
    protected abstract String liveSessionsQuery(List<Long> sessionIds);

    /** A query counting whether the given session is executing {@link #sleep(int)} right now (0 or 1). */
    protected abstract String sleepingQuery(long sessionId);

    /** A statement that ends another session of the same user. */
    protected abstract String terminate(long sessionId);

    /**
     * Settings for this database that the server refuses to log in with, using the given password; the returned
     * settings name a user the message should name.
     */
    protected abstract ConnectionSettings refusedSettings(ConnectionSettings valid, String password);

    /** A fragment of the server's reason for refusing {@link #refusedSettings}. */
    protected abstract String refusalReason();

    /** Called by the subclass before every test with a fresh, empty database. */
    protected final void useDatabase(ConnectionSettings settings) {
        this.settings = settings;
        this.pool = openPool(settings);
    }

    protected final ConnectionSettings settings() {
        return settings;
    }

    protected final ConnectionPool pool() {
        return pool;
    }

    /** Opens a pool that is closed after the test. */
    protected final ConnectionPool openPool(ConnectionSettings poolSettings) {
        ConnectionPool opened = engine().openPool(poolSettings);
        pools.add(opened);
        return opened;
    }

    @AfterEach
    final void closePools() {
        pools.forEach(ConnectionPool::close);
        pools.clear();
    }

    /** Executes statements on a connection of the pool with the given options. */
    protected final ScriptResult execute(ExecutionOptions options, List<SqlStatement> statements) {
        try (Connection connection = pool.getConnection()) {
            return engine().execute(connection, statements, options);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    protected final ScriptResult execute(List<SqlStatement> statements) {
        return execute(ExecutionOptions.DEFAULTS, statements);
    }

    /** Executes one statement per argument, each on its own line of a script, with the given options. */
    protected final ScriptResult execute(ExecutionOptions options, String... sql) {
        return execute(options, statements(sql));
    }

    protected final ScriptResult execute(String... sql) {
        return execute(ExecutionOptions.DEFAULTS, sql);
    }

    /** Runs one statement of the test's own on a connection of the pool (auto-commit). */
    protected final void run(String sql) {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of the first row of a query, as a long. */
    protected final long queryLong(String sql) {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of every row of a query, as strings. */
    protected final List<String> queryStrings(String sql) {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            var values = new ArrayList<String>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    protected static List<StatementOutcome> outcomes(ScriptResult result) {
        return result.statements().stream().map(StatementResult::outcome).toList();
    }

    @Test
    void runsEveryStatementOfAScriptAndReportsTheirUpdateCounts() {
        ScriptResult result = execute(
                "CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO item (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three')",
                "UPDATE item SET name = 'many' WHERE id >= 2",
                "SELECT id, name FROM item ORDER BY id",
                "DELETE FROM item WHERE id = 3");

        assertThat(result.succeeded()).isTrue();
        assertThat(result.failure()).isEmpty();
        assertThat(result.tookEffect()).hasSize(5);
        assertThat(result.statements()).extracting(StatementResult::updateCount).containsExactly(0L, 3L, 2L, -1L, 1L);
        assertThat(result.statements()).allSatisfy(s -> assertThat(s.duration()).isPositive());
        assertThat(result.statements().get(2).statement().start().line()).isEqualTo(3);
        assertThat(queryStrings("SELECT name FROM item ORDER BY id")).containsExactly("one", "many");
    }

    @Test
    void succeedsOnAnEmptyScript() {
        ScriptResult result = execute();

        assertThat(result.succeeded()).isTrue();
        assertThat(result.statements()).isEmpty();
    }

    @Test
    void stopsAtTheFirstFailureAndRunsNothingAfterIt() {
        ScriptResult result = execute(
                "CREATE TABLE item (id INT PRIMARY KEY)",
                "INSERT INTO item (id) VALUES (1)",
                "INSERT INTO no_such_table (id) VALUES (2)",
                "INSERT INTO item (id) VALUES (3)");

        assertThat(result.succeeded()).isFalse();
        assertThat(outcomes(result).subList(2, 4)).containsExactly(FAILED, NOT_RUN);
        StatementResult failed = result.failure().orElseThrow();
        assertThat(failed.statement().index()).isEqualTo(2);
        assertThat(failed.error().orElseThrow().sqlState()).isNotEmpty();
        assertThat(failed.error().orElseThrow().message()).containsIgnoringCase("no_such_table");
        assertThat(result.statements().get(3).duration()).isZero();
    }

    @Test
    void commitsEveryStatementOnItsOwnInAutocommitMode() {
        ScriptResult result = execute(
                AUTOCOMMIT,
                "CREATE TABLE item (id INT PRIMARY KEY)",
                "INSERT INTO item (id) VALUES (1)",
                "INSERT INTO item (id) VALUES (1)",
                "INSERT INTO item (id) VALUES (2)");

        assertThat(outcomes(result)).containsExactly(SUCCEEDED, SUCCEEDED, FAILED, NOT_RUN);
        assertThat(queryLong("SELECT COUNT(*) FROM item")).isEqualTo(1);
    }

    @Test
    void rollsBackTheScriptsOwnTransactionWhenAStatementInsideItFails() {
        ScriptResult result = execute(
                AUTOCOMMIT,
                "CREATE TABLE item (id INT PRIMARY KEY)",
                "INSERT INTO item (id) VALUES (1)",
                "START TRANSACTION",
                "INSERT INTO item (id) VALUES (2)",
                "INSERT INTO item (id) VALUES (1)",
                "INSERT INTO item (id) VALUES (3)");

        assertThat(outcomes(result)).containsExactly(SUCCEEDED, SUCCEEDED, ROLLED_BACK, ROLLED_BACK, FAILED, NOT_RUN);
        assertThat(queryStrings("SELECT id FROM item")).containsExactly("1");
    }

    @Test
    void reportsStatementsUndoneByTheScriptsRollbackAsRolledBack() {
        ScriptResult result = execute(
                AUTOCOMMIT,
                "CREATE TABLE item (id INT PRIMARY KEY)",
                "START TRANSACTION",
                "INSERT INTO item (id) VALUES (1)",
                "ROLLBACK",
                "INSERT INTO item (id) VALUES (2)");

        assertThat(outcomes(result)).containsExactly(SUCCEEDED, ROLLED_BACK, ROLLED_BACK, SUCCEEDED, SUCCEEDED);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.failure()).isEmpty();
        assertThat(queryStrings("SELECT id FROM item")).containsExactly("2");
    }

    @Test
    void commitsATransactionTheScriptLeavesOpen() {
        ScriptResult result = execute(
                AUTOCOMMIT,
                "CREATE TABLE item (id INT PRIMARY KEY)",
                "START TRANSACTION",
                "INSERT INTO item (id) VALUES (1)");

        assertThat(result.succeeded()).isTrue();
        assertThat(queryStrings("SELECT id FROM item")).containsExactly("1");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void cancelsAStatementThatRunsLongerThanTheStatementTimeout() {
        long started = System.nanoTime();
        ScriptResult result =
                execute(ExecutionOptions.DEFAULTS.withStatementTimeout(Duration.ofSeconds(1)), sleep(5), "SELECT 1");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4500));
        assertThat(outcomes(result)).containsExactly(FAILED, NOT_RUN);
        assertThat(result.failure().orElseThrow().error().orElseThrow().message())
                .contains("statement timeout of 1 s");
        assertThat(execute("SELECT 1").succeeded()).isTrue();
    }

    @Test
    void restoresTheConnectionsAutoCommitAfterTheScript() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            for (boolean autoCommit : new boolean[] {true, false}) {
                for (ExecutionOptions options : List.of(ExecutionOptions.DEFAULTS, AUTOCOMMIT)) {
                    connection.setAutoCommit(autoCommit);
                    engine().execute(connection, statements("SELECT 1"), options);
                    assertThat(connection.getAutoCommit()).isEqualTo(autoCommit);
                    engine().execute(connection, statements("SELECT 1", "SELECT * FROM no_such_table"), options);
                    assertThat(connection.getAutoCommit()).isEqualTo(autoCommit);
                }
            }
        }
    }

    @Test
    void refusesAConnectionThatHasATransactionOpen() throws SQLException {
        execute("CREATE TABLE item (id INT PRIMARY KEY)");
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO item (id) VALUES (1)");
            }

            assertThatThrownBy(() -> engine().execute(connection, statements("SELECT 1"), ExecutionOptions.DEFAULTS))
                    .isInstanceOf(DbChangeException.class)
                    .hasMessageContaining("transaction open")
                    .extracting(e -> ((DbChangeException) e).code())
                    .isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
            connection.rollback();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void reportsTheStatementWhoseOutcomeIsUnknownWhenTheConnectionBreaks() throws Exception {
        execute("CREATE TABLE item (id INT PRIMARY KEY)");
        try (Connection victim = pool.getConnection()) {
            long sessionId;
            try (Statement statement = victim.createStatement();
                    ResultSet rows = statement.executeQuery(sessionIdQuery())) {
                rows.next();
                sessionId = rows.getLong(1);
            }
            CompletableFuture<ScriptResult> running = CompletableFuture.supplyAsync(() -> engine().execute(
                            victim,
                            statements(
                                    "INSERT INTO item (id) VALUES (1)", sleep(20), "INSERT INTO item (id) VALUES (2)"),
                            AUTOCOMMIT));
            while (queryLong(sleepingQuery(sessionId)) == 0) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }

            run(terminate(sessionId));

            assertThatThrownBy(running::join)
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOf(DbChangeException.class)
                    .hasMessageContaining("statement #2 at 2:1")
                    .hasMessageContaining("is unknown")
                    .hasMessageContaining("Statement #1 had taken effect")
                    .satisfies(
                            e -> assertThat(((DbChangeException) e).code()).isEqualTo(CoreErrorCode.CONNECTION_FAILED));
        }
    }

    @Test
    void poolHandsOutAtMostMaxPoolSizeConnections() throws SQLException {
        ConnectionSettings small = new ConnectionSettings(
                settings.jdbcUrl(),
                settings.user(),
                settings.password(),
                settings.properties(),
                2,
                Duration.ofMillis(500));
        ConnectionPool twoConnections = openPool(small);
        try (Connection first = twoConnections.getConnection();
                Connection second = twoConnections.getConnection()) {
            assertThat(first.isValid(1)).isTrue();
            assertThat(second.isValid(1)).isTrue();

            assertThatThrownBy(twoConnections::getConnection)
                    .isInstanceOf(DbChangeException.class)
                    .hasMessageContaining(twoConnections.name())
                    .extracting(e -> ((DbChangeException) e).code())
                    .isEqualTo(CoreErrorCode.CONNECTION_FAILED);
        }
        try (Connection again = twoConnections.getConnection()) {
            assertThat(again.isValid(1)).isTrue();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void closingThePoolEndsItsSessionsOnTheServer() throws SQLException {
        ConnectionPool closing = openPool(settings.withMaxPoolSize(3));
        var sessionIds = new ArrayList<Long>();
        var borrowed = new ArrayList<Connection>();
        for (int i = 0; i < 3; i++) {
            Connection connection = closing.getConnection();
            borrowed.add(connection);
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(sessionIdQuery())) {
                rows.next();
                sessionIds.add(rows.getLong(1));
            }
        }
        for (Connection connection : borrowed) {
            connection.close();
        }
        assertThat(queryLong(liveSessionsQuery(sessionIds))).isEqualTo(3);

        closing.close();

        // The server notices a closed socket asynchronously; wait for it, briefly.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (queryLong(liveSessionsQuery(sessionIds)) > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        assertThat(queryLong(liveSessionsQuery(sessionIds))).isZero();
        assertThatThrownBy(closing::getConnection)
                .isInstanceOf(DbChangeException.class)
                .hasMessageContaining("is closed")
                .extracting(e -> ((DbChangeException) e).code())
                .isEqualTo(CoreErrorCode.CONNECTION_FAILED);
    }

    @Test
    void poolNameNamesTheEngineAndDatabaseButNoCredential() {
        String url = settings.jdbcUrl() + (settings.jdbcUrl().contains("?") ? "&" : "?") + "password=in-the-url";
        ConnectionPool named = openPool(new ConnectionSettings(
                url, settings.user(), "secret-password", settings.properties(), 1, Duration.ofSeconds(5)));

        assertThat(named.name())
                .startsWith("dbchange-" + engine().name() + "-")
                .doesNotContain("in-the-url")
                .doesNotContain("secret-password")
                .doesNotContain("jdbc:");
    }

    @Test
    void connectionFailureNamesTheUserAndRedactedUrlButNeverThePassword() {
        String password = "wrong-Pa55word";
        ConnectionSettings refused = refusedSettings(settings, password);
        ConnectionPool refusing = openPool(refused);

        assertThatThrownBy(refusing::getConnection)
                .isInstanceOf(DbChangeException.class)
                .hasMessageContaining("'" + refused.user() + "'")
                .hasMessageContaining(ConnectionSettings.redact(refused.jdbcUrl()))
                .hasMessageContaining(refusalReason())
                .hasMessageNotContaining(password)
                .extracting(e -> ((DbChangeException) e).code())
                .isEqualTo(CoreErrorCode.CONNECTION_FAILED);
    }

    @Test
    void openingAPoolDoesNotConnect() {
        ConnectionSettings unreachable = new ConnectionSettings(
                engine().urlPrefixes().get(0) + "//127.0.0.1:1/nowhere",
                "u",
                "p",
                java.util.Map.of(),
                1,
                Duration.ofSeconds(1));

        ConnectionPool lazy = openPool(unreachable);

        assertThat(lazy.name()).contains("127.0.0.1:1/nowhere");
        assertThatThrownBy(lazy::getConnection)
                .isInstanceOf(DbChangeException.class)
                .hasMessageContaining("127.0.0.1:1/nowhere")
                .extracting(e -> ((DbChangeException) e).code())
                .isEqualTo(CoreErrorCode.CONNECTION_FAILED);
    }

    @Test
    void probeReportsTheProductVersionAndUser() throws SQLException {
        ServerInfo info;
        try (Connection connection = pool.getConnection()) {
            info = engine().probe(connection);
        }

        assertThat(info.version()).isNotBlank();
        assertThat(info.majorVersion()).isPositive();
        assertThat(info.isAtLeast(info.majorVersion(), info.minorVersion())).isTrue();
        assertThat(info.currentUser()).startsWith(settings.user());
        assertThat(info.settings()).isNotEmpty();
        assertThat(info.settings().keySet()).allSatisfy(key -> assertThat(key).isLowerCase());
    }

    @Test
    void isFoundByItsUrlAndName() {
        assertThat(DatabaseEngines.forUrl(settings.jdbcUrl())).isInstanceOf(engine().getClass());
        assertThat(DatabaseEngines.forName(engine().name().toUpperCase())).isInstanceOf(engine().getClass());
    }

    /** Statements for tests that need them without a database. */
    protected static List<SqlStatement> script(String... sql) {
        return statements(sql);
    }
}
