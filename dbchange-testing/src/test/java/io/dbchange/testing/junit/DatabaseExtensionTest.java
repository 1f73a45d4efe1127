package io.dbchange.testing.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServer;
import io.dbchange.testing.TestServerKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
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
    void refusesTwoServersOfOneKind() {
        List<TestServer> servers = new ArrayList<>();
        servers.add(new NamedServer(TestServerKind.MYSQL));
        servers.add(new NamedServer(TestServerKind.MYSQL));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> DatabaseExtension.withServers(servers.toArray(TestServer[]::new)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'servers' must hold at most one server per kind but holds two MYSQL servers");
        assertThat(DatabaseExtension.withServers(new NamedServer(TestServerKind.POSTGRESQL)))
                .isNotNull();
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
        void test(javax.sql.DataSource db) {}
    }

    /** A server that is never asked for a database: these tests only build extensions. */
    private record NamedServer(TestServerKind kind) implements TestServer {
        @Override
        public io.dbchange.testing.TestServerSource source() {
            return io.dbchange.testing.TestServerSource.EXTERNAL;
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
        public io.dbchange.api.engine.ConnectionSettings adminSettings() {
            throw new AssertionError("no connection may be made in this test");
        }
    }
}
