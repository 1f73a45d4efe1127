package io.dbchange.testing.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.testing.Databases;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServer;
import io.dbchange.testing.TestServerKind;
import io.dbchange.testing.TestServerSettings;
import io.dbchange.testing.TestServerSource;
import io.dbchange.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.Events;

/** The extension over real servers, exercised through fixture classes run by the JUnit Platform test kit. */
class DatabaseExtensionIT {

    @Test
    void givesEachParameterItsOwnEmptyDatabase() {
        TwoDatabasesFixture.SEEN.clear();

        Events events = FixtureRunner.run(TwoDatabasesFixture.class);

        events.assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(TwoDatabasesFixture.SEEN).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void sharesTheDatabaseBetweenBeforeEachAndTheTest() {
        Events events = FixtureRunner.run(LifecycleFixture.class);

        events.assertStatistics(stats -> stats.started(2).succeeded(2));
    }

    @Test
    void sharesABeforeAllDatabaseWithEveryTestOfTheClass() {
        Events events = FixtureRunner.run(ClassScopedFixture.class);

        events.assertStatistics(stats -> stats.started(2).succeeded(2));
    }

    @Test
    void resolvesDataSourceAndConnectionSettingsParameters() {
        Events events = FixtureRunner.run(ParameterTypesFixture.class);

        events.assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void dropsDatabasesOfExternalServersAfterTheTest() throws SQLException {
        ExternalFixture.SEEN.clear();

        Events events = FixtureRunner.run(ExternalFixture.class);

        events.assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(ExternalFixture.SEEN).hasSize(2);
        for (TestDatabase db : ExternalFixture.SEEN) {
            assertThat(exists(db)).as("%s after the test", db.name()).isFalse();
        }
    }

    @Test
    void keepsDatabasesOfEmbeddedServersUntilTheServerStops() throws SQLException {
        TwoDatabasesFixture.SEEN.clear();

        FixtureRunner.run(TwoDatabasesFixture.class);

        assertThat(TwoDatabasesFixture.SEEN).isNotEmpty();
        for (TestDatabase db : TwoDatabasesFixture.SEEN) {
            assertThat(exists(db)).as("%s after the test", db.name()).isTrue();
        }
    }

    static boolean exists(TestDatabase db) throws SQLException {
        return Databases.exists(db);
    }

    static int tableCount(TestDatabase db) throws SQLException {
        String sql = db.kind() == TestServerKind.MYSQL
                ? "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'";
        try (Connection c = db.openConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @DbChangeTest
    @OnlyUnderTestKit
    static class TwoDatabasesFixture {
        static final List<TestDatabase> SEEN = new CopyOnWriteArrayList<>();

        @Test
        void twoMySqlDatabases(@MySqlDatabase TestDatabase first, @MySqlDatabase TestDatabase second)
                throws SQLException {
            assertDistinctAndEmpty(first, second);
        }

        @Test
        void twoPostgresDatabases(@PostgresDatabase TestDatabase first, @PostgresDatabase TestDatabase second)
                throws SQLException {
            assertDistinctAndEmpty(first, second);
        }

        private static void assertDistinctAndEmpty(TestDatabase first, TestDatabase second) throws SQLException {
            SEEN.add(first);
            SEEN.add(second);
            assertThat(first.name()).isNotEqualTo(second.name());
            assertThat(tableCount(first)).isZero();
            assertThat(tableCount(second)).isZero();
        }
    }

    @DbChangeTest
    @OnlyUnderTestKit
    static class LifecycleFixture {
        private String createdInSetUp;

        @BeforeEach
        void setUp(@MySqlDatabase TestDatabase db) throws SQLException {
            createdInSetUp = db.name();
            try (Connection c = db.openConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE seeded (id INT PRIMARY KEY)");
            }
        }

        @Test
        void seesTheTableOfSetUp(@MySqlDatabase TestDatabase db) throws SQLException {
            assertThat(db.name()).isEqualTo(createdInSetUp);
            assertThat(tableCount(db)).isEqualTo(1);
        }

        @Test
        void secondParameterIsAnotherDatabase(@MySqlDatabase TestDatabase same, @MySqlDatabase TestDatabase other)
                throws SQLException {
            assertThat(same.name()).isEqualTo(createdInSetUp);
            assertThat(other.name()).isNotEqualTo(createdInSetUp);
            assertThat(tableCount(other)).isZero();
        }
    }

    @DbChangeTest
    @OnlyUnderTestKit
    static class ClassScopedFixture {
        private static String classDatabase;

        @BeforeAll
        static void createSchema(@PostgresDatabase TestDatabase db) throws SQLException {
            classDatabase = db.name();
            try (Connection c = db.openConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE shared (id INT PRIMARY KEY)");
            }
        }

        @Test
        void firstTestSeesTheClassDatabase(@PostgresDatabase TestDatabase db) throws SQLException {
            assertThat(db.name()).isEqualTo(classDatabase);
            assertThat(tableCount(db)).isEqualTo(1);
        }

        @Test
        void secondTestSeesTheClassDatabase(@PostgresDatabase TestDatabase db) {
            assertThat(db.name()).isEqualTo(classDatabase);
        }
    }

    @DbChangeTest
    @OnlyUnderTestKit
    static class ParameterTypesFixture {
        @Test
        void test(@PostgresDatabase DataSource dataSource, @MySqlDatabase ConnectionSettings settings)
                throws SQLException {
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("t_");
            }
            assertThat(settings.jdbcUrl()).startsWith("jdbc:mysql:");
            try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("t_");
            }
        }
    }

    @OnlyUnderTestKit
    static class ExternalFixture {
        static final List<TestDatabase> SEEN = new CopyOnWriteArrayList<>();
        static final TestServer MYSQL = external(TestServerKind.MYSQL, "DBCHANGE_TEST_MYSQL");
        static final TestServer POSTGRES = external(TestServerKind.POSTGRESQL, "DBCHANGE_TEST_POSTGRES");

        @RegisterExtension
        static final DatabaseExtension EXTENSION = DatabaseExtension.withServers(MYSQL, POSTGRES);

        /** The embedded server, reached as an external one through its admin URL. */
        private static TestServer external(TestServerKind kind, String prefix) {
            ConnectionSettings admin = TestServers.of(kind).adminSettings();
            TestServerSettings settings = TestServerSettings.resolve(
                    kind,
                    Map.of(
                            prefix + "_URL", admin.jdbcUrl(),
                            prefix + "_USER", admin.user(),
                            prefix + "_PASSWORD", admin.password()),
                    Map.of());
            return TestServers.start(settings);
        }

        @Test
        void test(@MySqlDatabase TestDatabase mysql, @PostgresDatabase TestDatabase postgres) throws SQLException {
            SEEN.add(mysql);
            SEEN.add(postgres);
            assertThat(MYSQL.source()).isEqualTo(TestServerSource.EXTERNAL);
            assertThat(POSTGRES.description()).startsWith("external jdbc:postgresql://localhost:");
            assertThat(exists(mysql)).isTrue();
            assertThat(exists(postgres)).isTrue();
            // Leave a session open: dropping must not wait for it.
            Connection leaked = postgres.openConnection();
            leaked.setAutoCommit(false);
            leaked.createStatement().execute("CREATE TABLE t (id INT)");
            Connection leakedMySql = mysql.openConnection();
            leakedMySql.createStatement().execute("CREATE TABLE t (id INT)");
            leakedMySql.setAutoCommit(false);
            leakedMySql.createStatement().execute("INSERT INTO t VALUES (1)");
        }
    }
}
