package io.dbchange.testing.junit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServer;
import io.dbchange.testing.TestServerKind;
import io.dbchange.testing.TestServerSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Misused parameters fail with a message that says how to fix them, before any server is started (so these run
 * without a database).
 */
class DatabaseExtensionTest {

    @Test
    void rejectsUnsupportedParameterTypeNamingTheSupportedOnes() {
        Events events = FixtureRunner.run(StringParameterFixture.class);

        events.assertStatistics(stats -> stats.started(1).failed(1));
        events.assertThatEvents()
                .haveExactly(
                        1,
                        finishedWithFailure(
                                instanceOf(ParameterResolutionException.class),
                                message("@MySqlDatabase parameter 'db' of StringParameterFixture.test has type"
                                        + " java.lang.String, but only TestDatabase, javax.sql.DataSource and"
                                        + " ConnectionSettings can receive a database; change the parameter's type")));
    }

    @Test
    void rejectsTestDatabaseParameterWithoutAnnotation() {
        Events events = FixtureRunner.run(UnannotatedFixture.class);

        events.assertStatistics(stats -> stats.failed(1));
        events.assertThatEvents()
                .haveExactly(
                        1,
                        finishedWithFailure(message("parameter 'db' of UnannotatedFixture.test needs @MySqlDatabase or"
                                + " @PostgresDatabase to say which server to create the database on")));
    }

    @Test
    void rejectsParameterWithBothAnnotations() {
        Events events = FixtureRunner.run(BothAnnotationsFixture.class);

        events.assertStatistics(stats -> stats.failed(1));
        events.assertThatEvents()
                .haveExactly(
                        1,
                        finishedWithFailure(message(
                                text -> text.contains("is annotated with both @MySqlDatabase and @PostgresDatabase"))));
    }

    @Test
    void leavesUnannotatedDataSourceToOtherResolvers() {
        Events events = FixtureRunner.run(UnannotatedDataSourceFixture.class);

        // JUnit's own message: no resolver claimed the parameter, so another extension could have.
        events.assertThatEvents()
                .haveExactly(1, finishedWithFailure(message(text -> text.contains("No ParameterResolver registered"))));
    }

    @Test
    void fixturesAreSkippedWhenDiscoveredOutsideTheTestKit() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(DiscoverySelectors.selectClass(StringParameterFixture.class))
                .execute()
                .containerEvents()
                .assertStatistics(stats -> stats.skipped(1));
    }

    @Test
    void refusesTwoServersOfOneKind() {
        TestServer first = new UnusedServer(TestServerKind.MYSQL);
        TestServer second = new UnusedServer(TestServerKind.MYSQL);

        assertThatThrownBy(() -> DatabaseExtension.withServers(first, second))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'servers' must hold at most one server per kind but holds two MYSQL servers");
    }

    @DbChangeTest
    @OnlyUnderTestKit
    static class StringParameterFixture {
        @Test
        void test(@MySqlDatabase String db) {}
    }

    @DbChangeTest
    @OnlyUnderTestKit
    static class UnannotatedFixture {
        @Test
        void test(TestDatabase db) {}
    }

    @DbChangeTest
    @OnlyUnderTestKit
    static class BothAnnotationsFixture {
        @Test
        void test(@MySqlDatabase @PostgresDatabase TestDatabase db) {}
    }

    @DbChangeTest
    @OnlyUnderTestKit
    static class UnannotatedDataSourceFixture {
        @Test
        void test(DataSource db) {}
    }

    /** A server that is never asked for a database: these tests only build extensions. */
    private record UnusedServer(TestServerKind kind) implements TestServer {
        @Override
        public TestServerSource source() {
            return TestServerSource.EXTERNAL;
        }

        @Override
        public String description() {
            return "unused " + kind;
        }

        @Override
        public TestDatabase createDatabase() {
            throw new AssertionError("no database may be created in this test");
        }

        @Override
        public ConnectionSettings adminSettings() {
            throw new AssertionError("no connection may be made in this test");
        }

        @Override
        public void stop() {
            throw new AssertionError("an extension never stops a server");
        }
    }
}
