package io.dbchange.mysql;

import static io.dbchange.api.engine.StatementOutcome.FAILED;
import static io.dbchange.api.engine.StatementOutcome.NOT_RUN;
import static io.dbchange.api.engine.StatementOutcome.ROLLED_BACK;
import static io.dbchange.api.engine.StatementOutcome.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.engine.ConnectionPool;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.engine.ExecutionOptions;
import io.dbchange.api.engine.Product;
import io.dbchange.api.engine.ScriptResult;
import io.dbchange.api.engine.ServerInfo;
import io.dbchange.api.engine.SqlProblem;
import io.dbchange.core.engine.DatabaseEngineContract;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.junit.DbChangeTest;
import io.dbchange.testing.junit.MySqlDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine contract and MySQL's own semantics, against the embedded MariaDB (binlog on). */
@DbChangeTest
class MySqlEngineIT extends DatabaseEngineContract {

    private final MySqlEngine engine = new MySqlEngine();
    private TestDatabase database;

    @BeforeEach
    void useFreshDatabase(@MySqlDatabase TestDatabase fresh) {
        database = fresh;
        useDatabase(fresh.connectionSettings());
    }

    @Override
    protected DatabaseEngine engine() {
        return engine;
    }

    @Override
    protected String sleep(int seconds) {
        return "SELECT SLEEP(" + seconds + ")";
    }

    @Override
    protected String sessionIdQuery() {
        return "SELECT CONNECTION_ID()";
    }

    @Override
    protected String liveSessionsQuery(List<Long> sessionIds) {
        return "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID IN ("
                + sessionIds.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    protected String sleepingQuery(long sessionId) {
        return "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + sessionId
                + " AND INFO LIKE 'SELECT SLEEP%'";
    }

    @Override
    protected String terminate(long sessionId) {
        return "KILL " + sessionId;
    }

    @Override
    protected ConnectionSettings refusedSettings(ConnectionSettings valid, String password) {
        return new ConnectionSettings(
                valid.jdbcUrl(), valid.user(), password, valid.properties(), 1, valid.connectTimeout());
    }

    @Override
    protected String refusalReason() {
        return "Access denied";
    }

    @Test
    void aScriptOnAPooledAutoCommitConnectionSendsOnlyItsStatementsAndTheSessionIdCostsNoQuery() throws SQLException {
        ConnectionPool pool = openPool(database.connectionSettings());
        try (Connection c = pool.getConnection()) {
            long before = questions(c);
            String sessionId = engine.sessionId(c).orElseThrow();
            ScriptResult result = engine.execute(
                    c,
                    engine.split("CREATE TABLE counted (id INT PRIMARY KEY); INSERT INTO counted VALUES (1)"),
                    ExecutionOptions.DEFAULTS);
            long after = questions(c);

            assertThat(outcomes(result)).containsExactly(SUCCEEDED, SUCCEEDED);
            // the two statements and the second SHOW STATUS, nothing else: no DO 0 before, no SET autocommit after,
            // no @@session.transaction_read_only before each write, no SELECT CONNECTION_ID()
            assertThat(after - before).isEqualTo(3);
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
                rs.next();
                assertThat(sessionId).isEqualTo(rs.getString(1));
            }
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    private static long questions(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Questions'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    @Test
    void keepsTheStatementsBeforeAFailureBecauseEachCommitsAsItCompletes() {
        ScriptResult result = execute(
                "CREATE TABLE item (id INT PRIMARY KEY)",
                "INSERT INTO item (id) VALUES (1)",
                "INSERT INTO item (id) VALUES ('not a number', 2)",
                "CREATE TABLE later (id INT)");

        assertThat(outcomes(result)).containsExactly(SUCCEEDED, SUCCEEDED, FAILED, NOT_RUN);
        assertThat(result.failure().orElseThrow().error().orElseThrow().vendorCode())
                .isEqualTo(1136); // ER_WRONG_VALUE_COUNT_ON_ROW
        assertThat(queryStrings("SELECT id FROM item")).containsExactly("1");
        assertThat(tableExists("later")).isFalse();
    }

    @Test
    void runsAProcedureBodyAndATriggerAsSingleStatementsAndDrainsEveryResultOfACall() {
        ScriptResult result = execute(engine.split("""
                CREATE TABLE account (id INT PRIMARY KEY, balance INT NOT NULL);
                CREATE TABLE audit (account_id INT, delta INT);
                CREATE TRIGGER account_audit AFTER UPDATE ON account FOR EACH ROW
                BEGIN
                  INSERT INTO audit VALUES (NEW.id, NEW.balance - OLD.balance);
                END;
                CREATE PROCEDURE deposit(IN p_id INT, IN p_amount INT)
                BEGIN
                  UPDATE account SET balance = balance + p_amount WHERE id = p_id;
                  SELECT balance FROM account WHERE id = p_id;
                  SELECT COUNT(*) FROM audit;
                END;
                INSERT INTO account VALUES (1, 100);
                CALL deposit(1, 50);
                UPDATE account SET balance = balance * 2;
                """));

        assertThat(result.statements()).hasSize(7);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.statements().get(6).updateCount()).isEqualTo(1);
        assertThat(queryStrings("SELECT balance FROM account")).containsExactly("300");
        assertThat(queryStrings("SELECT delta FROM audit ORDER BY delta")).containsExactly("50", "150");
    }

    @Test
    void rollsBackAnExplicitTransactionThatFailsAndKeepsWhatRanBeforeIt() {
        ScriptResult result = execute(
                "CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO item (id, name) VALUES (1, 'kept')",
                "START TRANSACTION",
                "INSERT INTO item (id, name) VALUES (2, 'undone')",
                "UPDATE item SET name = 'undone' WHERE id = 1",
                "INSERT INTO item (id, name) VALUES (1, 'duplicate')",
                "INSERT INTO item (id, name) VALUES (3, 'never')");

        assertThat(outcomes(result))
                .containsExactly(SUCCEEDED, SUCCEEDED, ROLLED_BACK, ROLLED_BACK, ROLLED_BACK, FAILED, NOT_RUN);
        assertThat(result.failure().orElseThrow().error().orElseThrow().vendorCode())
                .isEqualTo(1062); // ER_DUP_ENTRY
        assertThat(queryStrings("SELECT CONCAT(id, ':', name) FROM item")).containsExactly("1:kept");
    }

    @Test
    void keepsTransactionStatementsThatADdlStatementCommittedImplicitly() {
        ScriptResult result = execute(
                "CREATE TABLE item (id INT PRIMARY KEY)",
                "START TRANSACTION",
                "INSERT INTO item (id) VALUES (1)",
                "CREATE TABLE other (id INT)",
                "INSERT INTO item (id) VALUES (2)",
                "INSERT INTO item (id) VALUES (2)");

        assertThat(outcomes(result)).containsExactly(SUCCEEDED, SUCCEEDED, SUCCEEDED, SUCCEEDED, SUCCEEDED, FAILED);
        assertThat(queryStrings("SELECT id FROM item ORDER BY id")).containsExactly("1", "2");
    }

    @Test
    void asksTheServerWhetherAFailedDdlStatementCommittedTheOpenTransaction() {
        ScriptResult result = execute(
                "CREATE TABLE item (id INT PRIMARY KEY)",
                "START TRANSACTION",
                "INSERT INTO item (id) VALUES (1)",
                "CREATE TABLE item (id INT)");

        // MySQL commits the open transaction before it finds that the table exists.
        assertThat(outcomes(result)).containsExactly(SUCCEEDED, SUCCEEDED, SUCCEEDED, FAILED);
        assertThat(queryStrings("SELECT id FROM item")).containsExactly("1");
    }

    @Test
    void rollsBackATransactionFailingOnASyntaxErrorBeforeAnyImplicitCommit() {
        ScriptResult result = execute(
                "CREATE TABLE item (id INT PRIMARY KEY)",
                "START TRANSACTION",
                "INSERT INTO item (id) VALUES (1)",
                "CREATE TABLE broken (id INT,)");

        assertThat(outcomes(result)).containsExactly(SUCCEEDED, ROLLED_BACK, ROLLED_BACK, FAILED);
        assertThat(queryLong("SELECT COUNT(*) FROM item")).isZero();
    }

    @Test
    void followsATransactionOpenedBySwitchingAutocommitOffAndRestoresAutocommitAfterwards() throws SQLException {
        execute("CREATE TABLE item (id INT PRIMARY KEY)");
        try (Connection connection = pool().getConnection()) {
            ScriptResult result = engine.execute(
                    connection,
                    script(
                            "SET autocommit = 0",
                            "INSERT INTO item (id) VALUES (1)",
                            "INSERT INTO item (id) VALUES (1)"),
                    ExecutionOptions.DEFAULTS);

            assertThat(outcomes(result)).containsExactly(SUCCEEDED, ROLLED_BACK, FAILED);
            assertThat(connection.getAutoCommit()).isTrue();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT @@autocommit")) {
                rows.next();
                assertThat(rows.getInt(1)).as("the session's own autocommit").isEqualTo(1);
            }
        }
        assertThat(queryLong("SELECT COUNT(*) FROM item")).isZero();
    }

    @Test
    void treatsStartTransactionInsideAnOpenTransactionAsItsCommit() {
        ScriptResult result = execute(
                "CREATE TABLE item (id INT PRIMARY KEY)",
                "START TRANSACTION",
                "INSERT INTO item (id) VALUES (1)",
                "BEGIN",
                "INSERT INTO item (id) VALUES (2)",
                "INSERT INTO item (id) VALUES (2)");

        assertThat(outcomes(result)).containsExactly(SUCCEEDED, SUCCEEDED, SUCCEEDED, ROLLED_BACK, ROLLED_BACK, FAILED);
        assertThat(queryStrings("SELECT id FROM item")).containsExactly("1");
    }

    @Test
    void reportsATruncationWarningInNonStrictMode() {
        ScriptResult result = execute(
                "SET SESSION sql_mode = ''",
                "CREATE TABLE item (code VARCHAR(3))",
                "INSERT INTO item (code) VALUES ('abcdef')");

        assertThat(result.succeeded()).isTrue();
        assertThat(result.statements().get(1).warnings()).isEmpty();
        List<SqlProblem> warnings = result.statements().get(2).warnings();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).vendorCode()).isEqualTo(1265); // WARN_DATA_TRUNCATED
        assertThat(warnings.get(0).message()).contains("code");
    }

    @Test
    void sendsJdbcEscapeSyntaxToTheServerUnchanged() {
        // The server echoes the statement it received; with escape processing on, Connector/J would have sent
        // "UCASE(INFO)" without the braces.
        ScriptResult result = execute(
                "CREATE TABLE seen (statement_text TEXT)",
                "INSERT INTO seen SELECT {fn ucase(INFO)} FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()");

        assertThat(result.succeeded()).isTrue();
        assertThat(queryStrings("SELECT statement_text FROM seen"))
                .singleElement()
                .asString()
                .contains("{FN UCASE(INFO)}");
    }

    @Test
    void probeReadsBinlogSettingsAndTheExpandedPrivilegesOfTheTestUser() throws SQLException {
        ServerInfo info;
        try (Connection connection = pool().getConnection()) {
            info = engine.probe(connection);
        }

        assertThat(info.product()).isEqualTo(Product.MARIADB);
        assertThat(info.version()).contains("MariaDB");
        assertThat(info.isAtLeast(11, 4)).isTrue();
        assertThat(info.setting("log_bin")).contains("ON");
        assertThat(info.setting("binlog_format")).contains("ROW");
        assertThat(info.setting("binlog_row_image")).contains("FULL");
        assertThat(info.setting("server_id")).contains("1");
        assertThat(info.settings())
                .containsKeys("gtid_strict_mode", "gtid_domain_id", "sql_mode", "lower_case_table_names", "autocommit")
                .doesNotContainKey("gtid_mode");
        assertThat(info.currentUser()).startsWith(database.user() + "@");
        assertThat(info.privileges())
                .contains(
                        "ALL PRIVILEGES",
                        "REPLICATION SLAVE",
                        "REPLICATION CLIENT",
                        "BINLOG MONITOR",
                        "SUPER",
                        "GRANT OPTION");
    }

    @Test
    void probeReadsOnlyTheGlobalPrivilegesOfARestrictedUser() throws SQLException {
        String user = "probe_" + database.name();
        List<String> hosts = List.of("localhost", "%");
        try {
            for (String host : hosts) {
                run("CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY 'probe-pw'");
                run("GRANT REPLICATION CLIENT ON *.* TO '" + user + "'@'" + host + "'");
                run("GRANT ALL PRIVILEGES ON " + database.name() + ".* TO '" + user + "'@'" + host + "'");
            }
            ConnectionPool restricted = openPool(
                    ConnectionSettings.of(database.jdbcUrl(), user, "probe-pw").withMaxPoolSize(1));
            ServerInfo info;
            try (Connection connection = restricted.getConnection()) {
                info = engine.probe(connection);
            }
            restricted.close();

            assertThat(info.currentUser()).startsWith(user + "@");
            assertThat(info.privileges()).containsExactlyInAnyOrder("BINLOG MONITOR", "REPLICATION CLIENT");
        } finally {
            for (String host : hosts) {
                run("DROP USER IF EXISTS '" + user + "'@'" + host + "'");
            }
        }
    }

    @Test
    void connectsToMariaDbUrlsThroughConnectorJ() throws SQLException {
        String mariadbUrl = database.jdbcUrl().replaceFirst("^jdbc:mysql:", "jdbc:mariadb:");
        ConnectionPool pool = openPool(ConnectionSettings.of(mariadbUrl, database.user(), database.password()));

        ServerInfo info;
        try (Connection connection = pool.getConnection()) {
            info = engine.probe(connection);
            assertThat(engine.execute(connection, script("SELECT 1"), ExecutionOptions.DEFAULTS)
                            .succeeded())
                    .isTrue();
        }

        assertThat(info.product()).isEqualTo(Product.MARIADB);
        assertThat(pool.name()).doesNotContain("jdbc:");
    }

    private boolean tableExists(String table) {
        return queryLong(
                        "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '"
                                + table + "'")
                > 0;
    }
}
