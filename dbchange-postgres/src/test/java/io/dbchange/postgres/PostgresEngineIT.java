package io.dbchange.postgres;

import static io.dbchange.api.engine.StatementOutcome.FAILED;
import static io.dbchange.api.engine.StatementOutcome.NOT_RUN;
import static io.dbchange.api.engine.StatementOutcome.ROLLED_BACK;
import static io.dbchange.api.engine.StatementOutcome.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.engine.ConnectionPool;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.engine.Product;
import io.dbchange.api.engine.ScriptResult;
import io.dbchange.api.engine.ServerInfo;
import io.dbchange.api.engine.SqlProblem;
import io.dbchange.core.engine.DatabaseEngineContract;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.junit.DbChangeTest;
import io.dbchange.testing.junit.PostgresDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine contract and PostgreSQL's transactional semantics, against the embedded PostgreSQL 17. */
@DbChangeTest
class PostgresEngineIT extends DatabaseEngineContract {

    private final PostgresEngine engine = new PostgresEngine();
    private TestDatabase database;

    @BeforeEach
    void useFreshDatabase(@PostgresDatabase TestDatabase fresh) {
        database = fresh;
        useDatabase(fresh.connectionSettings());
    }

    @Override
    protected DatabaseEngine engine() {
        return engine;
    }

    @Override
    protected String sleep(int seconds) {
        return "SELECT pg_sleep(" + seconds + ")";
    }

    @Override
    protected String sessionIdQuery() {
        return "SELECT pg_backend_pid()";
    }

    @Override
    protected String liveSessionsQuery(List<Long> sessionIds) {
        return "SELECT COUNT(*) FROM pg_stat_activity WHERE pid IN ("
                + sessionIds.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    protected String sleepingQuery(long sessionId) {
        return "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = " + sessionId
                + " AND state = 'active' AND query LIKE 'SELECT pg_sleep%'";
    }

    @Override
    protected String terminate(long sessionId) {
        return "SELECT pg_terminate_backend(" + sessionId + ")";
    }

    /** The embedded server trusts local connections whatever the password, so an unknown role is refused. */
    @Override
    protected ConnectionSettings refusedSettings(ConnectionSettings valid, String password) {
        return new ConnectionSettings(
                valid.jdbcUrl(), "no_such_role", password, valid.properties(), 1, valid.connectTimeout());
    }

    @Override
    protected String refusalReason() {
        return "\"no_such_role\" does not exist";
    }

    @Test
    void rollsBackTheWholeScriptIncludingDdlWhenAStatementFails() {
        ScriptResult result = execute(
                "CREATE TABLE item (id INT PRIMARY KEY)",
                "INSERT INTO item (id) VALUES (1)",
                "INSERT INTO item (id) VALUES ('not a number')",
                "INSERT INTO item (id) VALUES (3)");

        assertThat(outcomes(result)).containsExactly(ROLLED_BACK, ROLLED_BACK, FAILED, NOT_RUN);
        assertThat(result.tookEffect()).isEmpty();
        assertThat(result.failure().orElseThrow().error().orElseThrow().sqlState())
                .isEqualTo("22P02"); // invalid_text_representation
        assertThat(tableExists("item")).isFalse();
    }

    @Test
    void runsCreateIndexConcurrentlyOnItsOwnAfterCommittingTheStatementsBeforeIt() {
        ScriptResult result = execute(
                "CREATE TABLE item (id INT PRIMARY KEY, name TEXT)",
                "INSERT INTO item (id, name) VALUES (1, 'kept')",
                "/* online */ create index concurrently item_name on item (name)",
                "INSERT INTO item (id, name) VALUES (2, 'undone')",
                "INSERT INTO item (id, name) VALUES (1, 'duplicate')");

        assertThat(outcomes(result)).containsExactly(SUCCEEDED, SUCCEEDED, SUCCEEDED, ROLLED_BACK, FAILED);
        assertThat(queryLong("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'item_name'"))
                .isEqualTo(1);
        assertThat(queryStrings("SELECT name FROM item")).containsExactly("kept");
    }

    @Test
    void runsAStatementThatCannotRunInATransactionInTheMiddleOfASuccessfulScript() {
        ScriptResult result = execute(
                "CREATE TABLE item (id INT PRIMARY KEY, name TEXT)",
                "CREATE UNIQUE INDEX CONCURRENTLY item_name ON item (name)",
                "VACUUM item",
                "INSERT INTO item (id, name) VALUES (1, 'one')");

        assertThat(result.succeeded()).isTrue();
        assertThat(queryStrings("SELECT name FROM item")).containsExactly("one");
    }

    @Test
    void keepsWhatTheScriptsOwnCommitCommitted() {
        ScriptResult result = execute(
                "CREATE TABLE item (id INT PRIMARY KEY)",
                "INSERT INTO item (id) VALUES (1)",
                "COMMIT",
                "INSERT INTO item (id) VALUES (2)",
                "INSERT INTO item (id) VALUES (2)");

        assertThat(outcomes(result)).containsExactly(SUCCEEDED, SUCCEEDED, SUCCEEDED, ROLLED_BACK, FAILED);
        assertThat(queryStrings("SELECT id FROM item")).containsExactly("1");
    }

    @Test
    void reportsADeferredConstraintViolatedAtCommitOnTheLastStatement() {
        ScriptResult result = execute(
                "CREATE TABLE parent (id INT PRIMARY KEY)",
                "CREATE TABLE child (parent_id INT REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)",
                "INSERT INTO child (parent_id) VALUES (42)");

        assertThat(outcomes(result)).containsExactly(ROLLED_BACK, ROLLED_BACK, FAILED);
        SqlProblem error = result.failure().orElseThrow().error().orElseThrow();
        assertThat(error.sqlState()).isEqualTo("23503"); // foreign_key_violation
        assertThat(error.message()).startsWith("the transaction's COMMIT after this statement failed");
        assertThat(tableExists("parent")).isFalse();
    }

    @Test
    void runsAFunctionBodyAndATriggerAsSingleStatements() {
        ScriptResult result = execute(engine.split("""
                CREATE TABLE account (id INT PRIMARY KEY, balance INT NOT NULL);
                CREATE TABLE audit (account_id INT, delta INT);
                CREATE FUNCTION account_audit() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                  INSERT INTO audit VALUES (NEW.id, NEW.balance - OLD.balance);
                  RETURN NEW;
                END;
                $body$;
                CREATE TRIGGER account_audit AFTER UPDATE ON account
                  FOR EACH ROW EXECUTE FUNCTION account_audit();
                INSERT INTO account VALUES (1, 100), (2, 10);
                UPDATE account SET balance = balance + 50;
                """));

        assertThat(result.statements()).hasSize(6);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.statements().get(5).updateCount()).isEqualTo(2);
        assertThat(queryStrings("SELECT delta FROM audit")).containsExactly("50", "50");
    }

    @Test
    void reportsRaiseNoticeAsAWarningOfItsStatement() {
        ScriptResult result = execute(
                "SELECT 1", "DO $$ BEGIN RAISE NOTICE 'checked % rows', 42; RAISE WARNING 'and one warning'; END $$");

        assertThat(result.succeeded()).isTrue();
        assertThat(result.statements().get(0).warnings()).isEmpty();
        assertThat(result.statements().get(1).warnings())
                .extracting(SqlProblem::message)
                .containsExactly("checked 42 rows", "and one warning");
    }

    @Test
    void sendsJdbcEscapeSyntaxToTheServerUnchanged() {
        // pgJDBC would rewrite "{fn ucase('a')}" to "upper('a')" with escape processing on; the server rejects braces.
        ScriptResult result = execute("SELECT {fn ucase('a')}");

        assertThat(outcomes(result)).containsExactly(FAILED);
        assertThat(result.failure().orElseThrow().error().orElseThrow().message())
                .contains("syntax error at or near \"{\"");
    }

    @Test
    void streamsTheInlineRowsOfCopyFromStdin() {
        ScriptResult result = execute(engine.split("CREATE TABLE actor (id INT, name TEXT);\n"
                + "COPY actor (id, name) FROM stdin;\n"
                + "1\tPENELOPE\n"
                + "2\tNICK\n"
                + "\\.\n"
                + "UPDATE actor SET name = lower(name);\n"));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.statements().get(1).updateCount()).isEqualTo(2);
        assertThat(queryStrings("SELECT name FROM actor ORDER BY id")).containsExactly("penelope", "nick");
    }

    @Test
    void probeReadsWalLevelAndTheRoleAttributesOfTheTestUser() throws SQLException {
        ServerInfo info;
        try (Connection connection = pool().getConnection()) {
            info = engine.probe(connection);
        }

        assertThat(info.product()).isEqualTo(Product.POSTGRESQL);
        assertThat(info.isAtLeast(17, 0)).isTrue();
        assertThat(info.setting("server_version_num"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("17"));
        assertThat(info.setting("wal_level")).contains("logical");
        assertThat(info.setting("max_replication_slots")).contains("10");
        assertThat(info.setting("standard_conforming_strings")).contains("on");
        assertThat(info.settings())
                .containsKeys(
                        "max_wal_senders",
                        "default_transaction_isolation",
                        "lock_timeout",
                        "statement_timeout",
                        "timezone");
        assertThat(info.currentUser()).isEqualTo(database.user());
        assertThat(info.privileges())
                .containsExactlyInAnyOrder("SUPERUSER", "REPLICATION", "CREATEDB", "CREATEROLE", "BYPASSRLS");
    }

    @Test
    void probeReadsTheAttributesOfAnOrdinaryRole() throws SQLException {
        String role = "probe_" + database.name();
        run("CREATE ROLE " + role + " LOGIN REPLICATION CREATEDB");
        try {
            ConnectionPool restricted =
                    openPool(ConnectionSettings.of(database.jdbcUrl(), role, "").withMaxPoolSize(1));
            ServerInfo info;
            try (Connection connection = restricted.getConnection()) {
                info = engine.probe(connection);
            }
            restricted.close();

            assertThat(info.currentUser()).isEqualTo(role);
            assertThat(info.privileges()).containsExactlyInAnyOrder("REPLICATION", "CREATEDB");
        } finally {
            run("DROP ROLE " + role);
        }
    }

    private boolean tableExists(String table) {
        return queryLong("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = '" + table
                        + "'")
                > 0;
    }
}
