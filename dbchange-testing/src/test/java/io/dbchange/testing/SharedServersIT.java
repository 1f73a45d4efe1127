package io.dbchange.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.testing.internal.EmbeddedMariaDbServer;
import io.dbchange.testing.internal.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Behaviour common to both shared servers of the JVM, whichever source was selected. */
class SharedServersIT {

    @ParameterizedTest
    @EnumSource(TestServerKind.class)
    void returnsOneServerPerJvmEvenUnderConcurrentFirstUse(TestServerKind kind) throws Exception {
        int threads = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<TestServer>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return TestServers.of(kind);
                }));
            }
            go.countDown();
            TestServer first = calls.get(0).get(2, TimeUnit.MINUTES);
            for (Future<TestServer> call : calls) {
                assertThat(call.get(2, TimeUnit.MINUTES)).isSameAs(first);
            }
            assertThat(first.kind()).isEqualTo(kind);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(TestServerKind.class)
    void runsExactlyOneEmbeddedServerProcessPerJvm(TestServerKind kind) {
        TestServer server = TestServers.of(kind);
        assumeTrue(server.source() == TestServerSource.EMBEDDED, "the shared server is " + server.description());
        Path directory = server instanceof EmbeddedMariaDbServer mariaDb
                ? mariaDb.directory()
                : ((EmbeddedPostgresServer) server).directory();
        String executable = kind == TestServerKind.MYSQL ? "/mariadbd" : "/postgres";

        // Only the main server process names the data directory; PostgreSQL's backends show the bare executable.
        List<String> serverProcesses = ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(commandLine ->
                        commandLine.contains(directory.resolve("data").toString()))
                .filter(commandLine -> commandLine.split(" ")[0].endsWith(executable))
                .collect(Collectors.toList());

        assertThat(serverProcesses).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(TestServerKind.class)
    void createdDatabasesAreDistinctEmptyAndIsolated(TestServerKind kind) throws SQLException {
        try (TestDatabase first = TestServers.of(kind).createDatabase();
                TestDatabase second = TestServers.of(kind).createDatabase()) {
            assertThat(first.name()).isNotEqualTo(second.name()).startsWith("t_");
            assertThat(tables(first)).isEmpty();

            try (Connection c = first.openConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE only_in_first (id INT PRIMARY KEY)");
            }

            assertThat(tables(first)).containsExactly("only_in_first");
            assertThat(tables(second)).isEmpty();
            try (Connection c = second.openConnection();
                    Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.executeQuery("SELECT * FROM only_in_first"))
                        .isInstanceOf(SQLException.class);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestServerKind.class)
    void dataSourceAndConnectionSettingsReachTheSameDatabase(TestServerKind kind) throws SQLException {
        String currentDatabase = kind == TestServerKind.MYSQL ? "SELECT DATABASE()" : "SELECT current_database()";
        try (TestDatabase db = TestServers.of(kind).createDatabase()) {
            ConnectionSettings settings = db.connectionSettings();
            try (Connection viaDataSource = db.dataSource().getConnection();
                    Connection viaSettings =
                            DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password())) {
                assertThat(single(viaDataSource, currentDatabase)).isEqualTo(db.name());
                assertThat(single(viaSettings, currentDatabase)).isEqualTo(db.name());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestServerKind.class)
    void closeDropsTheDatabaseAndMayBeRepeated(TestServerKind kind) throws SQLException {
        TestDatabase db = TestServers.of(kind).createDatabase();
        assertThat(Databases.exists(db)).isTrue();

        db.close();
        db.close();

        assertThat(Databases.exists(db)).isFalse();
    }

    static List<String> tables(TestDatabase db) throws SQLException {
        String sql = db.kind() == TestServerKind.MYSQL
                ? "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'";
        List<String> tables = new ArrayList<>();
        try (Connection c = db.openConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
